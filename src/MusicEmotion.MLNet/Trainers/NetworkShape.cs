namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The sizes a network is built for: <see cref="Channels"/> (frequency bins, Conv1d channels), <see cref="Frames"/>
    /// (time steps, Conv1d length) and <see cref="Classes"/> (label key count).
    /// </summary>
    internal readonly record struct NetworkShape(int Channels, int Frames, int Classes);
}
