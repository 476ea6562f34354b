using System.Collections.Generic;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>A file's emotion (the class with the highest mean probability over its segments) and its segments.</summary>
    internal sealed record FilePrediction(string Path, double ClipDuration, string Predicted, IReadOnlyList<float> Probabilities,
        IReadOnlyList<SegmentPrediction> Segments);
}
