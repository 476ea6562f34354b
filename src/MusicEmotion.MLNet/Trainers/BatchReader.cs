using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Streams (features, label) rows of an <see cref="IDataView"/> into reusable batch buffers. Only one batch (plus, for
    /// data that cannot shuffle, a bounded shuffle pool) is held at a time; the data set is never materialised here.
    /// </summary>
    /// <remarks>
    /// Shuffling: a view that can shuffle (for example after <c>AppendCacheCheckpoint</c>) is read with a cursor seeded
    /// by the given <see cref="Random"/>, which is a full random permutation. Otherwise rows pass through a shuffle
    /// pool of <c>poolRows</c> rows (the way <c>ShuffleRows</c> works). Rows with a missing label (key 0) are skipped.
    /// </remarks>
    internal sealed class BatchReader : IDisposable
    {
        private readonly IDataView _data;
        private readonly DataViewSchema.Column _features;
        private readonly DataViewSchema.Column _label;
        private readonly Func<DataViewRowId, bool> _rowFilter;
        private readonly int _poolRows;

        public BatchReader(IDataView data, string featureColumn, string labelColumn, int featureSize, int batchSize,
            Func<DataViewRowId, bool> rowFilter, int poolRows)
        {
            _data = data;
            _features = data.Schema[featureColumn];
            _label = data.Schema[labelColumn];
            _rowFilter = rowFilter;
            _poolRows = Math.Max(poolRows, 1);
            FeatureSize = featureSize;
            BatchSize = batchSize;
            // Rows are copied straight from the cursor's VBuffer into this native tensor (no managed batch array and
            // no second copy by torch.tensor); it lives outside any dispose scope and is reused for every batch.
            Features = torch.empty(new long[] { batchSize, featureSize }, ScalarType.Float32);
            Labels = torch.empty(new long[] { batchSize }, ScalarType.Int64);
        }

        public int FeatureSize { get; }

        public int BatchSize { get; }

        /// <summary>(batch, features) CPU tensor holding the current batch; only the first <c>count</c> rows are valid.
        /// Its contents change with the next batch.</summary>
        public Tensor Features { get; }

        /// <summary>(batch) Int64 tensor of zero-based class indices of the current batch.</summary>
        public Tensor Labels { get; }

        public void Dispose()
        {
            Features.Dispose();
            Labels.Dispose();
        }

        private Span<float> FeatureRow(int row) => MemoryMarshal.Cast<byte, float>(Features.bytes).Slice(row * FeatureSize, FeatureSize);

        private Span<long> LabelSpan => MemoryMarshal.Cast<byte, long>(Labels.bytes);

        /// <summary>Counts the labelled rows per class (reads the label column only).</summary>
        public long[] CountClasses(int classes)
        {
            var counts = new long[classes];
            using var cursor = _data.GetRowCursor(new[] { _label });
            var labelGetter = cursor.GetGetter<uint>(_label);
            var idGetter = _rowFilter == null ? null : cursor.GetIdGetter();
            uint label = 0;
            DataViewRowId id = default;
            while (cursor.MoveNext())
            {
                if (idGetter != null)
                {
                    idGetter(ref id);
                    if (!_rowFilter(id))
                        continue;
                }
                labelGetter(ref label);
                if (label > 0 && label <= classes)
                    counts[label - 1]++;
            }
            return counts;
        }

        /// <summary>
        /// Fills <see cref="Features"/>/<see cref="Labels"/> batch after batch and yields the number of rows in each.
        /// <paramref name="shuffle"/> null reads in the view's order.
        /// </summary>
        public IEnumerable<int> ReadBatches(Random shuffle)
        {
            bool cursorShuffles = shuffle != null && _data.CanShuffle;
            using var cursor = _data.GetRowCursor(new[] { _features, _label }, cursorShuffles ? shuffle : null);
            var featureGetter = cursor.GetGetter<VBuffer<float>>(_features);
            var labelGetter = cursor.GetGetter<uint>(_label);
            var idGetter = _rowFilter == null ? null : cursor.GetIdGetter();
            VBuffer<float> value = default;
            uint label = 0;
            DataViewRowId id = default;

            // Moves to the next labelled row that passes the filter; its label is in 'label'.
            bool MoveNextRow()
            {
                while (cursor.MoveNext())
                {
                    if (idGetter != null)
                    {
                        idGetter(ref id);
                        if (!_rowFilter(id))
                            continue;
                    }
                    labelGetter(ref label);
                    if (label != 0)
                        return true;
                }
                return false;
            }

            void ReadFeatures(Span<float> destination)
            {
                featureGetter(ref value);
                if (value.Length != FeatureSize)
                    throw new InvalidOperationException(
                        $"Feature column '{_features.Name}' has a row of {value.Length} values; {FeatureSize} were expected.");
                value.CopyTo(destination);
            }

            int count = 0;
            if (shuffle == null || cursorShuffles)
            {
                while (MoveNextRow())
                {
                    ReadFeatures(FeatureRow(count));
                    LabelSpan[count++] = label - 1;
                    if (count == BatchSize)
                    {
                        yield return count;
                        count = 0;
                    }
                }
            }
            else
            {
                // Shuffle pool: once full, each new row replaces a random pooled row, which goes to the batch.
                var pool = new float[checked(_poolRows * FeatureSize)];
                var poolLabels = new long[_poolRows];
                int pooled = 0;
                while (MoveNextRow())
                {
                    if (pooled < _poolRows)
                    {
                        ReadFeatures(pool.AsSpan(pooled * FeatureSize, FeatureSize));
                        poolLabels[pooled++] = label - 1;
                        continue;
                    }
                    int j = shuffle.Next(_poolRows);
                    pool.AsSpan(j * FeatureSize, FeatureSize).CopyTo(FeatureRow(count));
                    LabelSpan[count++] = poolLabels[j];
                    ReadFeatures(pool.AsSpan(j * FeatureSize, FeatureSize));
                    poolLabels[j] = label - 1;
                    if (count == BatchSize)
                    {
                        yield return count;
                        count = 0;
                    }
                }
                for (int remaining = pooled; remaining > 0; remaining--)
                {
                    int j = shuffle.Next(remaining);
                    pool.AsSpan(j * FeatureSize, FeatureSize).CopyTo(FeatureRow(count));
                    LabelSpan[count++] = poolLabels[j];
                    int last = remaining - 1;
                    if (j != last)
                    {
                        pool.AsSpan(last * FeatureSize, FeatureSize).CopyTo(pool.AsSpan(j * FeatureSize, FeatureSize));
                        poolLabels[j] = poolLabels[last];
                    }
                    if (count == BatchSize)
                    {
                        yield return count;
                        count = 0;
                    }
                }
            }
            if (count > 0)
                yield return count;
        }
    }
}
