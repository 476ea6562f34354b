using System;
using System.Collections.Generic;
using System.Linq;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// A method that trains nothing of its own: on each fold it averages the class probabilities its member methods gave
    /// the test rows (each member's scores normalised to sum to 1) and predicts the most probable class — the late fusion
    /// of a spectrogram network with shallow models on hand-crafted features that the state of the art uses. The
    /// comparison runs the members first (<see cref="ComparisonMethods.Resolve"/> adds missing ones), so an ensemble
    /// costs no extra training; its train and predict times are the members' sums.
    /// </summary>
    public sealed class EnsembleMethod : ComparisonMethod
    {
        private EnsembleMethod(string name, string description, IReadOnlyList<ComparisonMethod> members)
            : base(name, description, members)
        {
        }

        /// <summary>Creates an ensemble of <paramref name="members"/> with equal weights.</summary>
        /// <param name="name">Short name (command line, file names).</param>
        /// <param name="description">Name shown in the tables.</param>
        /// <param name="members">At least two trained methods (not ensembles).</param>
        public static EnsembleMethod Create(string name, string description, params ComparisonMethod[] members)
        {
            if (members == null || members.Length < 2)
                throw new ArgumentException($"Ensemble '{name}' needs at least two member methods.", nameof(members));
            if (members.Any(m => m == null || m.Members.Count > 0))
                throw new ArgumentException($"Ensemble '{name}': members must be trained methods, not null or ensembles.", nameof(members));
            if (members.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != members.Length)
                throw new ArgumentException($"Ensemble '{name}' names a member twice.", nameof(members));
            return new EnsembleMethod(name, description, members);
        }

        /// <summary>The fold result of the ensemble from its members' results on the same fold.</summary>
        internal static FoldResult Combine(IReadOnlyList<FoldResult> members, IReadOnlyList<string> classNames, string[] testLabels)
        {
            var first = members[0];
            int rows = first.Probabilities.Length, k = classNames.Count;
            var index = classNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var counts = new long[k, k];
            var probabilities = new float[rows][];
            for (int r = 0; r < rows; r++)
            {
                int row = r;
                var mean = ClipAveraging.MeanProbabilities(members.Select(m => (IReadOnlyList<float>)m.Probabilities[row]), k);
                probabilities[r] = mean;
                counts[index[testLabels[r]], ClipAveraging.ArgMax(mean)]++;
            }
            bool costKnown = members.All(m => m.Cost?.Parameters != null && m.Cost?.Flops != null);
            return new FoldResult
            {
                Fold = first.Fold,
                Repeat = first.Repeat,
                TrainSongs = first.TrainSongs,
                TestSongs = first.TestSongs,
                TrainRows = first.TrainRows,
                TestRows = first.TestRows,
                Scores = ClassificationScores.FromConfusionMatrix(classNames, counts),
                TrainSeconds = members.Sum(m => m.TrainSeconds),
                PredictSeconds = members.Sum(m => m.PredictSeconds),
                Probabilities = probabilities,
                Cost = costKnown ? new ModelCost(members.Sum(m => m.Cost.Parameters), members.Sum(m => m.Cost.Flops)) : null,
            };
        }

        /// <summary>A score row as probabilities summing to 1: divided by its sum when no score is negative (calibrated
        /// one-versus-all, softmax outputs), otherwise through a softmax (raw margins).</summary>
        internal static float[] Normalize(ReadOnlySpan<float> scores)
        {
            var p = new float[scores.Length];
            double sum = 0;
            bool negative = false;
            foreach (var s in scores)
            {
                negative |= s < 0 || float.IsNaN(s);
                sum += s;
            }
            if (!negative && sum > 0)
            {
                for (int i = 0; i < p.Length; i++)
                    p[i] = (float)(scores[i] / sum);
                return p;
            }
            float max = float.NegativeInfinity;
            foreach (var s in scores)
                max = float.IsNaN(s) ? max : Math.Max(max, s);
            double total = 0;
            for (int i = 0; i < p.Length; i++)
                total += p[i] = float.IsNaN(scores[i]) ? 0f : MathF.Exp(scores[i] - max);
            for (int i = 0; i < p.Length; i++)
                p[i] = (float)(p[i] / total);
            return p;
        }
    }
}
