using System.Collections.Generic;

namespace MusicEmotion.MLNet
{
    /// <summary>One fold of a cross-validation split: row indices (into the list that was split) to train and to test on.</summary>
    internal sealed class CrossValidationFold
    {
        internal CrossValidationFold(int index, int[] train, int[] test)
        {
            Index = index;
            TrainRows = train;
            TestRows = test;
        }

        /// <summary>The fold number, 0 to k − 1.</summary>
        public int Index { get; }

        /// <summary>Indices of the training rows, ascending.</summary>
        public IReadOnlyList<int> TrainRows { get; }

        /// <summary>Indices of the test rows, ascending.</summary>
        public IReadOnlyList<int> TestRows { get; }
    }
}
