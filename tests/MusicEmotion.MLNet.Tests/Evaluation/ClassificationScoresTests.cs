using System;
using MusicEmotion.MLNet.Experiments;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    public sealed class ClassificationScoresTests
    {
        private static readonly string[] s_classes = { "a", "b", "c" };

        [Fact]
        public void PerClassAndMacroScoresFollowTheConfusionMatrix()
        {
            // Rows true, columns predicted.
            var counts = new long[,] { { 5, 1, 0 }, { 2, 3, 1 }, { 0, 0, 4 } };
            var scores = ClassificationScores.FromConfusionMatrix(s_classes, counts);

            Assert.Equal(12.0 / 16, scores.Accuracy, 12);
            Assert.Equal(new[] { 5.0 / 7, 3.0 / 4, 4.0 / 5 }, scores.Precision, new ToleranceComparer(1e-12));
            Assert.Equal(new[] { 5.0 / 6, 3.0 / 6, 4.0 / 4 }, scores.Recall, new ToleranceComparer(1e-12));
            double F(double p, double r) => 2 * p * r / (p + r);
            var f1 = new[] { F(5.0 / 7, 5.0 / 6), F(3.0 / 4, 0.5), F(0.8, 1.0) };
            Assert.Equal(f1, scores.F1, new ToleranceComparer(1e-12));
            Assert.Equal((5.0 / 7 + 0.75 + 0.8) / 3, scores.MacroPrecision, 12);
            Assert.Equal((5.0 / 6 + 0.5 + 1.0) / 3, scores.MacroRecall, 12);
            Assert.Equal((f1[0] + f1[1] + f1[2]) / 3, scores.MacroF1, 12);
            Assert.Equal(new long[] { 6, 6, 4 }, scores.Support);
        }

        [Fact]
        public void ANeverPredictedClassHasZeroPrecisionAndF1()
        {
            var counts = new long[,] { { 3, 0, 0 }, { 2, 0, 0 }, { 0, 0, 0 } };
            var scores = ClassificationScores.FromConfusionMatrix(s_classes, counts);

            Assert.Equal(new[] { 0.6, 0, 0 }, scores.Precision, new ToleranceComparer(1e-12));
            Assert.Equal(new[] { 1.0, 0, 0 }, scores.Recall, new ToleranceComparer(1e-12));
            Assert.Equal(0.75, scores.F1[0], 12);
            Assert.Equal(0, scores.F1[1]);
            Assert.Equal(0.6, scores.Accuracy, 12);
        }

        [Fact]
        public void TheMatrixIsCopied()
        {
            var counts = new long[,] { { 1, 0 }, { 0, 1 } };
            var scores = ClassificationScores.FromConfusionMatrix(new[] { "x", "y" }, counts);
            counts[0, 0] = 100;
            Assert.Equal(1, scores.Counts[0, 0]);
        }

        [Fact]
        public void AMatrixOfTheWrongShapeIsRejected()
        {
            var e = Assert.Throws<ArgumentException>(() => ClassificationScores.FromConfusionMatrix(s_classes, new long[2, 3]));
            Assert.Contains("must be 3×3", e.Message);
        }

        [Fact]
        public void NegativeCountsAreRejected()
            => Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationScores.FromConfusionMatrix(new[] { "x", "y" }, new long[,] { { 1, -1 }, { 0, 1 } }));
    }
}
