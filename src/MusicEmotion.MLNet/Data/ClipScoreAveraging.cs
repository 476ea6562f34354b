using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet.Data
{
    /// <summary>
    /// Test-time averaging over the clips of a file: a file longer than one clip is scored clip by clip
    /// (<see cref="MusicDataCatalog.ExpandToClips(Microsoft.ML.DataOperationsCatalog, Microsoft.ML.IDataView, string, double, double?, bool)"/>),
    /// and its prediction is the mean of its clips' class probabilities, arg-maxed. Used by <c>mer evaluate</c>,
    /// <c>mer predict</c> and the comparison's scoring, so that every per-file number means the same thing.
    /// </summary>
    internal static class ClipScoreAveraging
    {
        /// <summary>One file's averaged scores.</summary>
        internal sealed record FileScores(string File, int Clips, float[] Mean, int Predicted);

        /// <summary>Groups rows by <paramref name="files"/> (ordinal, in the order files first appear) and averages
        /// their <paramref name="scores"/> per class, in double precision.</summary>
        /// <exception cref="ArgumentException">The lists differ in length, or the rows' class counts differ.</exception>
        public static IReadOnlyList<FileScores> AverageByFile(IReadOnlyList<string> files, IReadOnlyList<float[]> scores)
        {
            if (files == null)
                throw new ArgumentNullException(nameof(files));
            if (scores == null)
                throw new ArgumentNullException(nameof(scores));
            if (files.Count != scores.Count)
                throw new ArgumentException($"files has {files.Count} rows but scores has {scores.Count}; they must match.", nameof(scores));
            var order = new List<string>();
            var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
            int classes = -1;
            for (int r = 0; r < files.Count; r++)
            {
                var score = scores[r] ?? throw new ArgumentException($"scores[{r}] is null.", nameof(scores));
                if (classes < 0)
                    classes = score.Length;
                else if (score.Length != classes)
                    throw new ArgumentException($"scores[{r}] has {score.Length} classes; row 0 has {classes}.", nameof(scores));
                var file = files[r] ?? throw new ArgumentException($"files[{r}] is null.", nameof(files));
                if (!sums.TryGetValue(file, out var entry))
                {
                    entry = (new double[classes], 0);
                    order.Add(file);
                }
                for (int c = 0; c < classes; c++)
                    entry.Sum[c] += score[c];
                sums[file] = (entry.Sum, entry.Count + 1);
            }
            var result = new FileScores[order.Count];
            for (int i = 0; i < order.Count; i++)
            {
                var (sum, count) = sums[order[i]];
                var mean = new float[sum.Length];
                for (int c = 0; c < sum.Length; c++)
                    mean[c] = (float)(sum[c] / count);
                result[i] = new FileScores(order[i], count, mean, ArgMax(mean));
            }
            return result;
        }

        /// <summary>The index of the largest value (the first on ties); -1 for an empty list.</summary>
        public static int ArgMax(IReadOnlyList<float> values)
        {
            int best = values.Count == 0 ? -1 : 0;
            for (int i = 1; i < values.Count; i++)
            {
                if (values[i] > values[best])
                    best = i;
            }
            return best;
        }
    }
}
