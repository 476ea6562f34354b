using System.Collections.Generic;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>The model's answer for one clip of a file: <see cref="Start"/> to <see cref="End"/> seconds.</summary>
    internal sealed record SegmentPrediction(double Start, double End, string Predicted, IReadOnlyList<float> Probabilities);
}
