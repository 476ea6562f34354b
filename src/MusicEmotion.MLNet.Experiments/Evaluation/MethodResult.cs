using System.Collections.Generic;
using System.Linq;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>One method's results over all folds, with means ± sample standard deviations.</summary>
    public sealed class MethodResult
    {
        internal MethodResult(ComparisonMethod method, IReadOnlyList<string> classNames, IReadOnlyList<FoldResult> folds, string skipReason)
        {
            Name = method.Name;
            Description = method.Description;
            ClassNames = classNames;
            Folds = folds;
            SkipReason = skipReason;
            Accuracy = MeanDeviation.Of(folds.Select(f => f.Scores.Accuracy));
            MacroPrecision = MeanDeviation.Of(folds.Select(f => f.Scores.MacroPrecision));
            MacroRecall = MeanDeviation.Of(folds.Select(f => f.Scores.MacroRecall));
            MacroF1 = MeanDeviation.Of(folds.Select(f => f.Scores.MacroF1));
            TrainSeconds = MeanDeviation.Of(folds.Select(f => f.TrainSeconds));
            PredictSeconds = MeanDeviation.Of(folds.Select(f => f.PredictSeconds));
            int k = classNames.Count;
            Precision = Enumerable.Range(0, k).Select(c => MeanDeviation.Of(folds.Select(f => f.Scores.Precision[c]))).ToArray();
            Recall = Enumerable.Range(0, k).Select(c => MeanDeviation.Of(folds.Select(f => f.Scores.Recall[c]))).ToArray();
            F1 = Enumerable.Range(0, k).Select(c => MeanDeviation.Of(folds.Select(f => f.Scores.F1[c]))).ToArray();
            var total = new long[k, k];
            foreach (var fold in folds)
            {
                for (int i = 0; i < k; i++)
                {
                    for (int j = 0; j < k; j++)
                        total[i, j] += fold.Scores.Counts[i, j];
                }
            }
            Pooled = ClassificationScores.FromConfusionMatrix(classNames, total);
            Cost = folds.Select(f => f.Cost).LastOrDefault(c => c != null);
        }

        /// <summary>Short name of the method.</summary>
        public string Name { get; }

        /// <summary>Name shown in the tables.</summary>
        public string Description { get; }

        /// <summary>The class names, in the order of every per-class list and matrix.</summary>
        public IReadOnlyList<string> ClassNames { get; }

        /// <summary>Why the method did not run (for example LightGBM's native library missing); null when it ran.</summary>
        public string SkipReason { get; }

        /// <summary>Per-fold results; empty when skipped.</summary>
        public IReadOnlyList<FoldResult> Folds { get; }

        /// <summary>Accuracy over folds.</summary>
        public MeanDeviation Accuracy { get; }

        /// <summary>Macro precision over folds.</summary>
        public MeanDeviation MacroPrecision { get; }

        /// <summary>Macro recall over folds.</summary>
        public MeanDeviation MacroRecall { get; }

        /// <summary>Macro F1 over folds.</summary>
        public MeanDeviation MacroF1 { get; }

        /// <summary>Per-class precision over folds (Table 2).</summary>
        public IReadOnlyList<MeanDeviation> Precision { get; }

        /// <summary>Per-class recall over folds (Table 2).</summary>
        public IReadOnlyList<MeanDeviation> Recall { get; }

        /// <summary>Per-class F1 over folds (Table 2).</summary>
        public IReadOnlyList<MeanDeviation> F1 { get; }

        /// <summary>Scores of the confusion matrix summed over folds (every clip predicted once).</summary>
        public ClassificationScores Pooled { get; }

        /// <summary>Training seconds per fold.</summary>
        public MeanDeviation TrainSeconds { get; }

        /// <summary>Prediction seconds per fold.</summary>
        public MeanDeviation PredictSeconds { get; }

        /// <summary>Parameters and FLOPs (the last fold's model), null when the method does not state them.</summary>
        public ModelCost Cost { get; }
    }
}
