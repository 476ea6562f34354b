using System;
using System.Collections.Generic;
using System.Linq;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Accuracy and per-class and macro-averaged precision, recall and F1 computed from a confusion matrix whose rows
    /// are the true classes and columns the predicted ones (ML.NET's <c>ConfusionMatrix.Counts</c> layout). A class
    /// never predicted has precision 0, a class never present recall 0, and F1 is 0 when both are 0, as
    /// scikit-learn's <c>precision_recall_fscore_support(zero_division=0)</c>.
    /// </summary>
    public sealed class ClassificationScores
    {
        private ClassificationScores(IReadOnlyList<string> classNames, long[,] counts)
        {
            ClassNames = classNames;
            Counts = counts;
            int k = classNames.Count;
            var precision = new double[k];
            var recall = new double[k];
            var f1 = new double[k];
            var support = new long[k];
            long correct = 0, total = 0;
            for (int c = 0; c < k; c++)
            {
                long truePositive = counts[c, c], predicted = 0, actual = 0;
                for (int j = 0; j < k; j++)
                {
                    predicted += counts[j, c];
                    actual += counts[c, j];
                }
                precision[c] = predicted > 0 ? (double)truePositive / predicted : 0;
                recall[c] = actual > 0 ? (double)truePositive / actual : 0;
                f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
                support[c] = actual;
                correct += truePositive;
                total += actual;
            }
            Precision = precision;
            Recall = recall;
            F1 = f1;
            Support = support;
            Accuracy = total > 0 ? (double)correct / total : 0;
            MacroPrecision = k > 0 ? precision.Average() : 0;
            MacroRecall = k > 0 ? recall.Average() : 0;
            MacroF1 = k > 0 ? f1.Average() : 0;
        }

        /// <summary>The class names, in the order of the matrix rows and columns.</summary>
        public IReadOnlyList<string> ClassNames { get; }

        /// <summary>Counts: [true class, predicted class].</summary>
        public long[,] Counts { get; }

        /// <summary>Fraction of rows whose predicted class is the true one.</summary>
        public double Accuracy { get; }

        /// <summary>Per-class precision: true positives over predicted positives.</summary>
        public IReadOnlyList<double> Precision { get; }

        /// <summary>Per-class recall: true positives over actual positives.</summary>
        public IReadOnlyList<double> Recall { get; }

        /// <summary>Per-class F1: the harmonic mean of precision and recall.</summary>
        public IReadOnlyList<double> F1 { get; }

        /// <summary>Per-class number of rows of that true class.</summary>
        public IReadOnlyList<long> Support { get; }

        /// <summary>Unweighted mean of the per-class precisions.</summary>
        public double MacroPrecision { get; }

        /// <summary>Unweighted mean of the per-class recalls.</summary>
        public double MacroRecall { get; }

        /// <summary>Unweighted mean of the per-class F1 values (scikit-learn's <c>f1_score(average='macro')</c>).</summary>
        public double MacroF1 { get; }

        /// <summary>Scores of a square confusion matrix.</summary>
        /// <param name="classNames">One name per row and column.</param>
        /// <param name="counts">Counts [true class, predicted class]; non-negative.</param>
        public static ClassificationScores FromConfusionMatrix(IReadOnlyList<string> classNames, long[,] counts)
        {
            if (classNames == null)
                throw new ArgumentNullException(nameof(classNames));
            if (counts == null)
                throw new ArgumentNullException(nameof(counts));
            int k = classNames.Count;
            if (counts.GetLength(0) != k || counts.GetLength(1) != k)
                throw new ArgumentException(
                    $"counts is {counts.GetLength(0)}×{counts.GetLength(1)} but there are {k} class names; it must be {k}×{k}.", nameof(counts));
            foreach (long value in counts)
            {
                if (value < 0)
                    throw new ArgumentOutOfRangeException(nameof(counts), value, $"Count={value} must not be negative.");
            }
            return new ClassificationScores(classNames.ToArray(), (long[,])counts.Clone());
        }
    }
}
