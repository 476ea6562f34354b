using System.Collections.Generic;
using Microsoft.ML;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>The result of <see cref="TrainingSession.Train"/>: the whole model (paths in, emotions out) and facts
    /// about it, and the audio files the feature pass left out (empty unless <see cref="TrainingSettings.SkipUnreadableFiles"/>).</summary>
    internal sealed record TrainedModel(ITransformer Model, SpectrogramClassificationModelParameters Network,
        IReadOnlyList<TrainingProgress> History, int Rows, int Bins, int Frames, double FeatureSeconds,
        double TrainingSeconds, IReadOnlyList<AudioFileError> Rejected);
}
