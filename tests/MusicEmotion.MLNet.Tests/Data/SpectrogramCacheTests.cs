using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    /// <summary>The disk-backed spectrogram store: values within the stated quantisation error, seeded shuffles that are
    /// permutations, cursor sets that stream through ML.NET's consolidator, fewer rows than clips, reuse by key and
    /// a file that only appears complete.</summary>
    public sealed class SpectrogramCacheTests
    {
        private const int Bins = 33, Frames = 21;

        [Theory]
        [InlineData(1, 80f)]
        [InlineData(2, 80f)]
        [InlineData(2, 200f)]
        public void RoundTripIsWithinHalfAStepOfEachClipsRange(int codeBytes, float range)
        {
            using var folder = new TempFolder();
            var ml = new MLContext(seed: 1);
            var rows = Rows(12, range);
            var path = Path.Combine(folder.Root, "a.spc");
            var written = SpectrogramCache.Write(ml, View(ml, rows), "Spectrogram", path, codeBytes);
            var cache = SpectrogramCache.Open(ml, path);

            Assert.Equal(12, written.Rows);
            Assert.Equal(12, cache.GetRowCount());
            Assert.Equal(new[] { Bins, Frames }, ((VectorDataViewType)cache.Schema["Spectrogram"].Type).Dimensions.ToArray());
            Assert.Equal(new[] { "Path", "Label", "Song", "Valence", "Spectrogram", "Summary" }, cache.Schema.Select(c => c.Name));
            double levels = codeBytes == 1 ? 255 : 65535;
            double bound = range / levels / 2 * (1 + 1e-5) + 1e-5;
            Assert.InRange(written.MaxError, 0.5 * range / levels / 2, bound);
            Assert.Equal(written.MaxError, cache.MaxError);

            var spectrograms = cache.GetColumn<VBuffer<float>>("Spectrogram").Select(v => v.DenseValues().ToArray()).ToArray();
            double worst = 0;
            for (int r = 0; r < rows.Length; r++)
            {
                for (int i = 0; i < rows[r].Spectrogram.Length; i++)
                    worst = Math.Max(worst, Math.Abs(spectrograms[r][i] - rows[r].Spectrogram[i]));
                // Each clip's own minimum and maximum come back (to float rounding).
                Assert.Equal(rows[r].Spectrogram.Min(), spectrograms[r].Min(), 3);
                Assert.Equal(rows[r].Spectrogram.Max(), spectrograms[r].Max(), 3);
            }
            Assert.InRange(worst, 0, bound);
            Assert.True(worst > 0, "quantisation must change something, or the test does not test it");

            // Text, scalar and float vector columns are stored exactly.
            Assert.Equal(rows.Select(r => r.Path), cache.GetColumn<string>("Path"));
            Assert.Equal(rows.Select(r => r.Song), cache.GetColumn<string>("Song"));
            Assert.Equal(rows.Select(r => r.Valence), cache.GetColumn<float>("Valence"));
            Assert.Equal(rows.SelectMany(r => r.Summary), cache.GetColumn<float[]>("Summary").SelectMany(v => v));
            Assert.Equal(written.Bytes, new FileInfo(path).Length);
        }

        [Fact]
        public void EightBitRecordOfAThirtySecondClipIsUnderOnePointFiveMegabytes()
        {
            var columns = new[] { new SpectrogramCacheDataView.StoredColumn("Spectrogram", SpectrogramCacheDataView.ColumnKind.Spectrogram, new[] { 1025, 1292 }) };
            long bytes = SpectrogramCacheDataView.Layout(columns, SpectrogramCache.CodeBytesFor(80f));
            // Minimum and step (8 bytes) and one byte a value, rounded up to a multiple of 8.
            Assert.Equal((1025L * 1292 + 8 + 7) / 8 * 8, bytes);
            Assert.True(bytes < 1_500_000);
            Assert.Equal(2, SpectrogramCache.CodeBytesFor(null));
            Assert.Equal(2, SpectrogramCache.CodeBytesFor(120f));
        }

        [Fact]
        public void ShuffledCursorIsASeededPermutationWithStableRowIds()
        {
            using var folder = new TempFolder();
            var ml = new MLContext(seed: 1);
            var rows = Rows(40, 80f);
            var path = Path.Combine(folder.Root, "a.spc");
            SpectrogramCache.Write(ml, View(ml, rows), "Spectrogram", path, 1);
            var cache = SpectrogramCache.Open(ml, path);

            Assert.True(cache.CanShuffle);
            var inOrder = Read(cache, null);
            Assert.Equal(rows.Select(r => r.Path), inOrder.Select(r => r.Path));
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (ulong)i), inOrder.Select(r => r.Id));

            var first = Read(cache, new Random(7));
            var again = Read(cache, new Random(7));
            var other = Read(cache, new Random(8));
            Assert.Equal(first.Select(r => r.Path), again.Select(r => r.Path));
            Assert.NotEqual(first.Select(r => r.Path), other.Select(r => r.Path));
            Assert.NotEqual(inOrder.Select(r => r.Path), first.Select(r => r.Path));
            Assert.Equal(inOrder.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal), first.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal));
            // A row keeps its id and its values in any order.
            foreach (var row in first)
            {
                Assert.Equal(inOrder[(int)row.Id].Path, row.Path);
                Assert.Equal(inOrder[(int)row.Id].First, row.First);
            }
        }

        [Fact]
        public void CursorSetDealsTheRowsAndAParallelTransformKeepsTheirOrder()
        {
            using var folder = new TempFolder();
            var ml = new MLContext(seed: 1);
            var rows = Rows(25, 80f);
            var path = Path.Combine(folder.Root, "a.spc");
            SpectrogramCache.Write(ml, View(ml, rows), "Spectrogram", path, 1);
            var cache = SpectrogramCache.Open(ml, path);

            var cursors = cache.GetRowCursorSet(cache.Schema, 3, new Random(3));
            Assert.Equal(3, cursors.Length);
            var batches = new List<long>();
            var paths = new List<string>();
            foreach (var cursor in cursors)
            {
                using (cursor)
                {
                    var getter = cursor.GetGetter<ReadOnlyMemory<char>>(cache.Schema["Path"]);
                    ReadOnlyMemory<char> value = default;
                    long previous = -1;
                    while (cursor.MoveNext())
                    {
                        Assert.True(cursor.Batch > previous);
                        previous = cursor.Batch;
                        batches.Add(cursor.Batch);
                        getter(ref value);
                        paths.Add(value.ToString());
                    }
                }
            }
            Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), batches.OrderBy(b => b));
            Assert.Equal(rows.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal), paths.OrderBy(p => p, StringComparer.Ordinal));

            // ML.NET maps a new column on parallel cursors and consolidates them; the rows come out in file order.
            var keyed = ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(cache).Transform(cache);
            Assert.Equal(rows.Select(r => r.Path), keyed.GetColumn<string>("Path"));
            Assert.Equal(rows.Select(r => r.Summary[0]), keyed.GetColumn<float[]>("Summary").Select(v => v[0]));
        }

        [Fact]
        public void GroupedFoldsOverTheCacheStreamAndCanStillShuffle()
        {
            using var folder = new TempFolder();
            var ml = new MLContext(seed: 1);
            var rows = Rows(24, 80f);
            var path = Path.Combine(folder.Root, "a.spc");
            SpectrogramCache.Write(ml, View(ml, rows), "Spectrogram", path, 1);
            var cache = SpectrogramCache.Open(ml, path);

            var folds = ml.Data.GroupedStratifiedCrossValidationSplit(cache, 3, "Label", "Song", seed: 2);
            Assert.Equal(3, folds.Count);
            var tested = new List<string>();
            foreach (var fold in folds)
            {
                Assert.True(fold.TrainSet.CanShuffle);
                Assert.True(fold.TestSet.CanShuffle);
                var train = fold.TrainSet.GetColumn<string>("Path").ToArray();
                var test = fold.TestSet.GetColumn<string>("Path").ToArray();
                Assert.Equal(24, train.Length + test.Length);
                Assert.Empty(train.Intersect(test));
                // A shuffled read of the training side holds the same rows with their own spectrograms.
                var shuffled = Read(fold.TrainSet, new Random(4));
                Assert.Equal(train.OrderBy(p => p, StringComparer.Ordinal), shuffled.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal));
                foreach (var row in shuffled)
                    Assert.Equal(rows[(int)row.Id].Spectrogram[0], row.First, 0.16);
                tested.AddRange(test);
            }
            Assert.Equal(rows.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal), tested.OrderBy(p => p, StringComparer.Ordinal));
        }

        [Fact]
        public void SourceWithFewerRowsThanClipsKeepsEachRowsOwnPathAndLabel()
        {
            using var folder = new TempFolder();
            var ml = new MLContext(seed: 1);
            var rows = Rows(10, 80f);
            // The skipping loader yields fewer rows than it was given clips; here a filter drops rows 2, 5 and 8.
            var filtered = ml.Data.FilterRowsByColumn(View(ml, rows), "Valence", upperBound: 0.4);
            var kept = rows.Where(r => r.Valence < 0.4).ToArray();
            Assert.Equal(7, kept.Length);
            var path = Path.Combine(folder.Root, "a.spc");
            var written = SpectrogramCache.Write(ml, filtered, "Spectrogram", path, 1);
            var cache = SpectrogramCache.Open(ml, path);

            Assert.Equal(7, written.Rows);
            Assert.Equal(7, cache.GetRowCount());
            Assert.Equal(kept.Select(r => r.Path), cache.GetColumn<string>("Path"));
            Assert.Equal(kept.Select(r => r.Label), cache.GetColumn<string>("Label"));
            var firstValues = cache.GetColumn<VBuffer<float>>("Spectrogram").Select(v => v.GetValues()[0]).ToArray();
            for (int r = 0; r < kept.Length; r++)
                Assert.Equal(kept[r].Spectrogram[0], firstValues[r], 0.16);
        }

        [Fact]
        public void FailedWriteLeavesNoFileAndAnEarlierFileUntouched()
        {
            using var folder = new TempFolder();
            var ml = new MLContext(seed: 1);
            var path = Path.Combine(folder.Root, "a.spc");
            SpectrogramCache.Write(ml, View(ml, Rows(3, 80f)), "Spectrogram", path, 1);
            var before = File.ReadAllBytes(path);

            var rows = Rows(6, 80f);
            rows[4].Spectrogram[7] = float.NaN;
            var error = Assert.Throws<InvalidDataException>(() => SpectrogramCache.Write(ml, View(ml, rows), "Spectrogram", path, 1));
            Assert.Contains("row 4", error.Message);
            Assert.Contains(path, error.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(folder.Root));

            // A written file is complete; a cut one is refused with its name.
            var cut = Path.Combine(folder.Root, "cut.spc");
            File.WriteAllBytes(cut, before.AsSpan(0, before.Length - 9).ToArray());
            var damaged = Assert.Throws<InvalidDataException>(() => SpectrogramCache.Open(ml, cut));
            Assert.Contains(cut, damaged.Message);
            File.WriteAllBytes(cut, new byte[] { 1, 2, 3 });
            Assert.Throws<InvalidDataException>(() => SpectrogramCache.Open(ml, cut));
        }

        [Fact]
        public void FeatureCacheOfGeneratedAudioIsReusedByKeyAndRebuiltWhenAFileChanges()
        {
            using var folder = new TempFolder();
            var manifest = DemoCorpus.Generate(Path.Combine(folder.Root, "corpus"), clipsPerClass: 2, seconds: 1, sampleRate: 8000);
            var clips = AudioManifestReader.Read(manifest);
            var options = new ComparisonOptions { SampleRate = 8000, Duration = 1, FftSize = 256, HopLength = 128 };
            var ml = new MLContext(seed: 1);
            var directory = Path.Combine(folder.Root, "cache");

            var first = FeatureCache.Open(ml, clips, options, directory);
            Assert.False(first.Reused);
            Assert.Equal(129, first.Bins);
            Assert.Equal(clips.Count, first.Data.GetRowCount());
            // The front end's spectrogram lies within [max - 80 dB, max], so 8-bit codes are within 80/510 dB.
            Assert.InRange(((SpectrogramCacheDataView)first.Data).MaxError, 0.01, 80.0 / 510 + 1e-6);
            Assert.Empty(Directory.GetFiles(directory, "*.tmp-*"));

            var second = FeatureCache.Open(ml, clips, options, directory);
            Assert.True(second.Reused);
            Assert.Equal(first.Path, second.Path);
            Assert.Equal(first.Data.GetColumn<string>("Path"), second.Data.GetColumn<string>("Path"));

            File.SetLastWriteTimeUtc(clips[0].Path, DateTime.UtcNow.AddMinutes(-5));
            var third = FeatureCache.Open(ml, clips, options, directory);
            Assert.False(third.Reused);
            Assert.NotEqual(first.Path, third.Path);
        }

        private static List<(ulong Id, string Path, float First)> Read(IDataView data, Random random)
        {
            var result = new List<(ulong, string, float)>();
            using var cursor = data.GetRowCursor(data.Schema, random);
            var id = cursor.GetIdGetter();
            var path = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Path"]);
            var spectrogram = cursor.GetGetter<VBuffer<float>>(data.Schema["Spectrogram"]);
            DataViewRowId rowId = default;
            ReadOnlyMemory<char> text = default;
            VBuffer<float> values = default;
            while (cursor.MoveNext())
            {
                id(ref rowId);
                path(ref text);
                spectrogram(ref values);
                result.Add((rowId.Low, text.ToString(), values.GetValues()[0]));
            }
            return result;
        }

        /// <summary>Rows whose spectrograms span <paramref name="range"/> dB below a per-row maximum, like LogStft's.</summary>
        private static Row[] Rows(int count, float range)
        {
            var random = new Random(11);
            return Enumerable.Range(0, count).Select(r =>
            {
                float max = (float)(random.NextDouble() * 40 - 10);
                var spectrogram = Enumerable.Range(0, Bins * Frames).Select(_ => max - (float)random.NextDouble() * range).ToArray();
                spectrogram[r % spectrogram.Length] = max;
                spectrogram[(r + 1) % spectrogram.Length] = max - range;
                return new Row
                {
                    Path = $"/music/clip{r:D2}.wav",
                    Label = r % 2 == 0 ? "happy" : "sad",
                    Song = $"song{r / 2}",
                    Valence = (r % 3) / 4f,
                    Spectrogram = spectrogram,
                    Summary = Enumerable.Range(0, 5).Select(i => (float)random.NextDouble()).ToArray(),
                };
            }).ToArray();
        }

        private static IDataView View(MLContext ml, Row[] rows)
        {
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Spectrogram)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Bins, Frames);
            schema[nameof(Row.Summary)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 5);
            return ml.Data.LoadFromEnumerable(rows, schema);
        }

        private sealed class Row
        {
            public string Path { get; set; }

            public string Label { get; set; }

            public string Song { get; set; }

            public float Valence { get; set; }

            public float[] Spectrogram { get; set; }

            public float[] Summary { get; set; }
        }
    }
}
