using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>One method's result on one fold.</summary>
    public sealed class FoldResult
    {
        /// <summary>Zero-based fold index.</summary>
        public int Fold { get; init; }

        /// <summary>Songs of the training rows, as read back from the training view.</summary>
        public IReadOnlyList<string> TrainSongs { get; init; }

        /// <summary>Songs of the test rows, as read back from the test view.</summary>
        public IReadOnlyList<string> TestSongs { get; init; }

        /// <summary>Number of training rows.</summary>
        public int TrainRows { get; init; }

        /// <summary>Number of test rows.</summary>
        public int TestRows { get; init; }

        /// <summary>Scores on the test rows.</summary>
        public ClassificationScores Scores { get; init; }

        /// <summary>Seconds to fit the chain on the training rows.</summary>
        public double TrainSeconds { get; init; }

        /// <summary>Seconds to score the test rows (reading their features included).</summary>
        public double PredictSeconds { get; init; }

        /// <summary>Parameters and FLOPs of the fitted model, null when the method does not state them.</summary>
        public ModelCost Cost { get; init; }
    }
}
