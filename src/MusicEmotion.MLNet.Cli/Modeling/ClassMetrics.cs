namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>Precision, recall, F1 and support (true rows) of one class.</summary>
    internal sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
}
