using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Multiclass metrics of one set of predictions (the files of an <see cref="EvaluationReport"/>, or their clips):
    /// ML.NET's overall metrics, computed as its <c>MulticlassClassificationEvaluator</c> computes them (arg max with the
    /// first of equal scores, log-loss of the true class's probability clipped to [1e-15, 1], log-loss reduction
    /// against the entropy of the true classes, macro accuracy over the classes present), and the per-class and macro
    /// precision, recall and F1 of <see cref="ClassificationScores"/>.
    /// </summary>
    internal sealed class EvaluationMetrics
    {
        /// <summary>ML.NET's clipping of a probability before its log (<c>MulticlassClassificationEvaluator</c>).</summary>
        private const float Epsilon = (float)1e-15;

        private EvaluationMetrics(int rows, double macroAccuracy, double logLoss, double logLossReduction, ClassificationScores scores)
        {
            Rows = rows;
            MacroAccuracy = macroAccuracy;
            LogLoss = logLoss;
            LogLossReduction = logLossReduction;
            Scores = scores;
        }

        /// <summary>Predictions scored (files or clips).</summary>
        public int Rows { get; }

        /// <summary>Fraction predicted right (ML.NET's <c>MicroAccuracy</c>).</summary>
        public double Accuracy => Scores.Accuracy;

        /// <summary>Mean over the classes present of the fraction of that class predicted right (ML.NET's <c>MacroAccuracy</c>).</summary>
        public double MacroAccuracy { get; }

        /// <summary>Mean of −ln p(true class) (ML.NET's <c>LogLoss</c>).</summary>
        public double LogLoss { get; }

        /// <summary>1 − <see cref="LogLoss"/> / the entropy of the true classes' distribution: 0 for a model no better than
        /// guessing the class frequencies, 1 for a perfect one (ML.NET's <c>LogLossReduction</c>).</summary>
        public double LogLossReduction { get; }

        /// <summary>Per-class and macro precision/recall/F1 and the confusion counts [true, predicted].</summary>
        public ClassificationScores Scores { get; }

        /// <summary>Metrics of <paramref name="probabilities"/> (one list of class probabilities per prediction, in the
        /// order of <paramref name="classNames"/>) against the class indices <paramref name="labels"/>.</summary>
        /// <exception cref="ArgumentException">The lists differ in length, a probability list has the wrong length, or
        /// a label is not a class index.</exception>
        public static EvaluationMetrics Compute(IReadOnlyList<string> classNames, IReadOnlyList<int> labels,
            IReadOnlyList<IReadOnlyList<float>> probabilities)
        {
            ArgumentNullException.ThrowIfNull(classNames);
            ArgumentNullException.ThrowIfNull(labels);
            ArgumentNullException.ThrowIfNull(probabilities);
            if (labels.Count != probabilities.Count)
                throw new ArgumentException(
                    $"labels has {labels.Count} rows but probabilities has {probabilities.Count}; they must match.", nameof(probabilities));
            int k = classNames.Count;
            var counts = new long[k, k];
            var perClass = new long[k];
            double logLoss = 0;
            for (int r = 0; r < labels.Count; r++)
            {
                int label = labels[r];
                if (label < 0 || label >= k)
                    throw new ArgumentException($"labels[{r}]={label} must be a class index from 0 to {k - 1}.", nameof(labels));
                var p = probabilities[r];
                if (p == null || p.Count != k)
                    throw new ArgumentException($"probabilities[{r}] must hold {k} values, one per class.", nameof(probabilities));
                counts[label, ClipAveraging.ArgMax(p)]++;
                perClass[label]++;
                logLoss += -Math.Log(Math.Min(1, Math.Max(Epsilon, p[label])));
            }
            int n = labels.Count;
            logLoss = n > 0 ? logLoss / n : 0;
            double entropy = 0, macro = 0;
            int present = 0;
            for (int c = 0; c < k; c++)
            {
                if (perClass[c] == 0)
                    continue;
                entropy -= perClass[c] * Math.Log((double)perClass[c] / n);
                macro += (double)counts[c, c] / perClass[c];
                present++;
            }
            entropy = n > 0 ? entropy / n : 0;
            return new EvaluationMetrics(n, present > 0 ? macro / present : 0, logLoss, (entropy - logLoss) / entropy,
                ClassificationScores.FromConfusionMatrix(classNames, counts));
        }
    }
}
