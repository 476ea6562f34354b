using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>One method's result on one fold.</summary>
    public sealed class FoldResult
    {
        /// <summary>Zero-based fold index within its repeat.</summary>
        public int Fold { get; init; }

        /// <summary>Zero-based repeat of the k-fold split (each repeat splits the songs with its own seed).</summary>
        public int Repeat { get; init; }

        /// <summary>Songs of the training rows (clips), as read back from the training view.</summary>
        public IReadOnlyList<string> TrainSongs { get; init; }

        /// <summary>Songs of the test files, one per file in test order.</summary>
        public IReadOnlyList<string> TestSongs { get; init; }

        /// <summary>Number of training rows: clips, up to <see cref="ComparisonOptions.ClipsPerFile"/> per training file.</summary>
        public int TrainRows { get; init; }

        /// <summary>Number of test files (each scored once, by the mean of its clips' probabilities).</summary>
        public int TestRows { get; init; }

        /// <summary>Scores on the test files.</summary>
        public ClassificationScores Scores { get; init; }

        /// <summary>Seconds to fit the chain on the training rows.</summary>
        public double TrainSeconds { get; init; }

        /// <summary>Seconds to score the test clips (reading their features included).</summary>
        public double PredictSeconds { get; init; }

        /// <summary>Class probabilities of each test file, the mean over its clips (files in test order, classes in
        /// <see cref="MethodResult.ClassNames"/> order, each summing to 1), for the ensembles.</summary>
        internal float[][] Probabilities { get; init; }

        /// <summary>Parameters and FLOPs of the fitted model, null when the method does not state them.</summary>
        public ModelCost Cost { get; init; }
    }
}
