using System;
using System.Collections.Generic;
using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Stratified k-fold cross-validation that keeps every group (song) in one fold: no song is on both the training
    /// and the test side, and each fold's class proportions come as close to the whole set's as whole groups allow.
    /// </summary>
    /// <remarks>
    /// The greedy assignment of scikit-learn's <c>StratifiedGroupKFold</c>: the groups are shuffled with
    /// <c>seed</c>, ordered by size (largest first) and then by how unevenly their rows spread over the classes,
    /// and each goes to the fold where, after adding it, the mean over classes of the standard deviation over folds
    /// of (fold's rows of the class / all rows of the class) is smallest; ties go to the fold with fewer rows, then
    /// the lower fold number. The result depends only on the rows and the seed. A class with fewer groups than
    /// folds cannot appear in every fold.
    /// </remarks>
    internal static class GroupedStratifiedKFold
    {
        /// <summary>The default number of folds of the experiment.</summary>
        public const int DefaultFolds = 5;

        /// <summary>The fold (0 to <paramref name="folds"/> − 1) of each row.</summary>
        /// <param name="labels">The class of each row.</param>
        /// <param name="groups">The group (song) of each row; rows of a group share a fold.</param>
        /// <param name="folds">Number of folds k, at least 2 and at most the number of groups.</param>
        /// <param name="seed">Seed of the shuffle that orders groups of equal size and spread.</param>
        /// <exception cref="ArgumentException">The lists differ in length, hold nulls, or k is out of range.</exception>
        public static int[] AssignFolds(IReadOnlyList<string> labels, IReadOnlyList<string> groups, int folds = DefaultFolds, int seed = 0)
        {
            if (labels == null)
                throw new ArgumentNullException(nameof(labels));
            if (groups == null)
                throw new ArgumentNullException(nameof(groups));
            if (labels.Count != groups.Count)
                throw new ArgumentException($"labels has {labels.Count} rows but groups has {groups.Count}; they must match.", nameof(groups));
            if (labels.Any(l => l == null) || groups.Any(g => g == null))
                throw new ArgumentException("labels and groups must not contain null.", nameof(labels));
            if (folds < 2)
                throw new ArgumentOutOfRangeException(nameof(folds), folds, $"folds={folds} must be at least 2.");

            var classes = labels.Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
            var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var groupNames = groups.Distinct(StringComparer.Ordinal).OrderBy(g => g, StringComparer.Ordinal).ToList();
            if (folds > groupNames.Count)
                throw new ArgumentOutOfRangeException(nameof(folds), folds, $"folds={folds} must not exceed the number of groups, {groupNames.Count}.");
            var groupIndex = groupNames.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);

            int c = classes.Count;
            var groupCounts = new int[groupNames.Count, c];
            var groupSizes = new int[groupNames.Count];
            var classTotals = new int[c];
            for (int r = 0; r < labels.Count; r++)
            {
                int g = groupIndex[groups[r]], k = classIndex[labels[r]];
                groupCounts[g, k]++;
                groupSizes[g]++;
                classTotals[k]++;
            }

            var order = Enumerable.Range(0, groupNames.Count).ToArray();
            new Random(seed).Shuffle(order);
            order = order
                .OrderByDescending(g => groupSizes[g])
                .ThenByDescending(g => Spread(groupCounts, g, c))
                .ToArray();

            var foldCounts = new double[folds, c];
            var foldSizes = new int[folds];
            var foldOfGroup = new int[groupNames.Count];
            foreach (int g in order)
            {
                int best = -1;
                double bestScore = double.PositiveInfinity;
                for (int f = 0; f < folds; f++)
                {
                    double score = Imbalance(foldCounts, groupCounts, g, f, classTotals, folds, c);
                    if (best < 0 || score < bestScore - 1e-12 || (Math.Abs(score - bestScore) <= 1e-12 && foldSizes[f] < foldSizes[best]))
                    {
                        best = f;
                        bestScore = score;
                    }
                }
                foldOfGroup[g] = best;
                foldSizes[best] += groupSizes[g];
                for (int k = 0; k < c; k++)
                    foldCounts[best, k] += groupCounts[g, k];
            }

            var result = new int[labels.Count];
            for (int r = 0; r < labels.Count; r++)
                result[r] = foldOfGroup[groupIndex[groups[r]]];
            return result;
        }

        /// <summary>The k folds of <paramref name="labels"/>/<paramref name="groups"/>, see
        /// <see cref="AssignFolds(IReadOnlyList{string}, IReadOnlyList{string}, int, int)"/>.</summary>
        /// <param name="labels">The class of each row.</param>
        /// <param name="groups">The group (song) of each row.</param>
        /// <param name="folds">Number of folds k.</param>
        /// <param name="seed">Shuffle seed.</param>
        public static IReadOnlyList<CrossValidationFold> Split(IReadOnlyList<string> labels, IReadOnlyList<string> groups,
            int folds = DefaultFolds, int seed = 0)
        {
            var assignment = AssignFolds(labels, groups, folds, seed);
            var result = new CrossValidationFold[folds];
            for (int f = 0; f < folds; f++)
            {
                var test = Enumerable.Range(0, assignment.Length).Where(r => assignment[r] == f).ToArray();
                var train = Enumerable.Range(0, assignment.Length).Where(r => assignment[r] != f).ToArray();
                result[f] = new CrossValidationFold(f, train, test);
            }
            return result;
        }

        /// <summary>The k folds of clips, grouped by <see cref="MusicClip.Song"/> and stratified by
        /// <see cref="MusicClip.Label"/>.</summary>
        /// <param name="clips">The clips, e.g. from a reader in this namespace.</param>
        /// <param name="folds">Number of folds k.</param>
        /// <param name="seed">Shuffle seed.</param>
        public static IReadOnlyList<CrossValidationFold> Split(IReadOnlyList<MusicClip> clips, int folds = DefaultFolds, int seed = 0)
        {
            if (clips == null)
                throw new ArgumentNullException(nameof(clips));
            return Split(clips.Select(x => x.Label).ToArray(), clips.Select(x => x.Song).ToArray(), folds, seed);
        }

        /// <summary>Population standard deviation of a group's class counts: large for single-class groups.</summary>
        private static double Spread(int[,] counts, int g, int c)
        {
            double mean = 0;
            for (int k = 0; k < c; k++)
                mean += counts[g, k];
            mean /= c;
            double squares = 0;
            for (int k = 0; k < c; k++)
                squares += (counts[g, k] - mean) * (counts[g, k] - mean);
            return Math.Sqrt(squares / c);
        }

        /// <summary>Mean over classes of the std over folds of each fold's share of the class, were group g in fold f.</summary>
        private static double Imbalance(double[,] foldCounts, int[,] groupCounts, int g, int f, int[] classTotals, int folds, int c)
        {
            double total = 0;
            for (int k = 0; k < c; k++)
            {
                double mean = 0;
                for (int i = 0; i < folds; i++)
                    mean += Share(foldCounts, groupCounts, g, f, classTotals, i, k);
                mean /= folds;
                double squares = 0;
                for (int i = 0; i < folds; i++)
                {
                    double d = Share(foldCounts, groupCounts, g, f, classTotals, i, k) - mean;
                    squares += d * d;
                }
                total += Math.Sqrt(squares / folds);
            }
            return total / c;
        }

        private static double Share(double[,] foldCounts, int[,] groupCounts, int g, int f, int[] classTotals, int i, int k)
            => (foldCounts[i, k] + (i == f ? groupCounts[g, k] : 0)) / classTotals[k];
    }
}
