namespace MusicEmotion.MLNet
{
    /// <summary>What one row asks <see cref="AudioLoadingTransformer"/> to decode: a file and a clip offset in seconds.
    /// Equal sources decode to equal clips.</summary>
    internal readonly record struct ClipSource(string Path, double Offset);
}
