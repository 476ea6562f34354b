using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>
    /// <see cref="LogStftEstimator"/> and <see cref="LogStftTransformer"/> as ML.NET components: schema, values against
    /// the librosa-equivalent fixtures, save/load in a fresh process, cache checkpoint, preview, prediction engine.
    /// </summary>
    public class LogStftEstimatorTests
    {
        private const string Audio = "Audio";
        private const string Spectrogram = "Spectrogram";

        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (var name in StftFixture.CaseNames())
                data.Add(name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void PipelineMatchesReferenceDecibels(string name)
        {
            var ml = new MLContext(seed: 1);
            var fixtures = StftFixture.Signals.Select(signal => StftFixture.Load(name, signal)).ToArray();
            var first = fixtures[0];
            var data = LoadRows(ml, first.Samples.Length, fixtures.Select(f => f.Samples).ToArray());
            var options = first.ToOptions(Spectrogram, Audio, SpectrogramScale.Decibels);
            options.DoublePrecision = true;
            var transformed = ml.Transforms.LogStft(options).Fit(data).Transform(data);

            var type = Assert.IsType<VectorDataViewType>(transformed.Schema[Spectrogram].Type);
            Assert.Equal(NumberDataViewType.Single, type.ItemType);
            Assert.Equal(new[] { first.Bins, first.Frames }, type.Dimensions.ToArray());
            var rows = transformed.GetColumn<VBuffer<float>>(Spectrogram).Select(v => v.DenseValues().ToArray()).ToArray();
            Assert.Equal(fixtures.Length, rows.Length);
            for (int r = 0; r < rows.Length; r++)
            {
                var expected = fixtures[r].Decibels;
                Assert.Equal(expected.Length, rows[r].Length);
                double worst = expected.Zip(rows[r], (e, a) => Math.Abs((double)e - a)).Max();
                Assert.True(worst <= 1e-3, $"{name}/{fixtures[r].Signal}: largest error {worst} dB.");
            }
        }

        [Theory]
        [InlineData(SpectrogramScale.Magnitude)]
        [InlineData(SpectrogramScale.NaturalLog1p)]
        public void PipelineAppliesTheChosenScale(SpectrogramScale scale)
        {
            var ml = new MLContext(seed: 1);
            var f = StftFixture.Load("b1024reflect", "chirp");
            var data = LoadRows(ml, f.Samples.Length, f.Samples);
            var transformed = ml.Transforms.LogStft(f.ToOptions(Spectrogram, Audio, scale)).Fit(data).Transform(data);
            var actual = transformed.GetColumn<VBuffer<float>>(Spectrogram).Single().DenseValues().ToArray();
            double tolerance = 1e-4 * f.Magnitude.Max();
            for (int i = 0; i < actual.Length; i++)
            {
                double expected = scale == SpectrogramScale.Magnitude ? f.Magnitude[i] : Math.Log(1.0 + f.Magnitude[i]);
                Assert.True(Math.Abs(expected - actual[i]) <= tolerance, $"element {i}: expected {expected}, got {actual[i]}");
            }
        }

        [Fact]
        public void DefaultsTurnAThirtySecondClipInto1025By1292()
        {
            var ml = new MLContext(seed: 1);
            const int samples = 661_500;
            // 1000.0 Hz at 22,050 Hz: bin 1000 / (22050 / 2048) = 92.88, so bin 93 is the loudest.
            var clip = Enumerable.Range(0, samples).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 1000.0 * n / 22050))).ToArray();
            var data = LoadRows(ml, samples, clip);
            var transformed = ml.Transforms.LogStft(Spectrogram, Audio).Fit(data).Transform(data);

            var type = (VectorDataViewType)transformed.Schema[Spectrogram].Type;
            Assert.Equal(new[] { 1025, 1292 }, type.Dimensions.ToArray());
            var values = transformed.GetColumn<VBuffer<float>>(Spectrogram).Single().DenseValues().ToArray();
            Assert.Equal(1025 * 1292, values.Length);
            const int frame = 600;
            int loudest = Enumerable.Range(0, 1025).OrderByDescending(k => values[k * 1292 + frame]).First();
            Assert.Equal(93, loudest);
            // Hann peak ≈ 0.5 · 2048/4 = 256 → 48.2 dB; the top_db floor is 80 dB under the clip's maximum.
            Assert.InRange(values[93 * 1292 + frame], 44f, 48.2f);
            Assert.Equal(values.Max() - 80f, values.Min(), 3);
        }

        [Fact]
        public void GetOutputSchemaAddsAKnownSizeSingleVector()
        {
            var ml = new MLContext(seed: 1);
            var data = LoadRows(ml, 1024, new float[1024]);
            var shape = ml.Transforms.LogStft(Spectrogram, Audio, fftSize: 256, hopLength: 64).GetOutputSchema(ShapeOf(data.Schema));
            var column = shape.Single(c => c.Name == Spectrogram);
            Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
            Assert.Equal(NumberDataViewType.Single, column.ItemType);
            Assert.Single(shape, c => c.Name == Audio);
        }

        [Fact]
        public void SavedModelScoresBitIdenticallyInAFreshProcess()
        {
            var ml = new MLContext(seed: 1);
            var random = new Random(3);
            var rows = Enumerable.Range(0, 3)
                .Select(_ => Enumerable.Range(0, 3000).Select(n => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
            var data = LoadRows(ml, 3000, rows);
            // Every option away from its default, so a field lost in SaveModel changes the numbers.
            var model = ml.Transforms.LogStft(new LogStftEstimator.Options
            {
                OutputColumnName = Spectrogram,
                InputColumnName = Audio,
                FftSize = 256,
                HopLength = 100,
                WindowLength = 200,
                Window = WindowType.Hamming,
                Center = true,
                ReflectPad = true,
                Scale = SpectrogramScale.Decibels,
                RelativeToMax = true,
                Amin = 1e-4f,
                TopDb = 50f,
                DoublePrecision = true,
            }).Fit(data);
            var expected = FreshProcessScorer.ReadColumn(model.Transform(data), Spectrogram);

            var path = Path.Combine(Path.GetTempPath(), $"logstft-{Guid.NewGuid():N}.zip");
            try
            {
                ml.Model.Save(model, data.Schema, path);
                var fresh = FreshProcessScorer.Score(ml, path, data, Spectrogram);
                Assert.Equal(expected, fresh);

                var loaded = new MLContext(seed: 2).Model.Load(path, out var inputSchema);
                Assert.Equal(3000, ((VectorDataViewType)inputSchema[Audio].Type).Size);
                var reloaded = Assert.IsType<LogStftTransformer>(loaded is TransformerChain<ITransformer> chain ? chain.Single() : loaded);
                Assert.Equal(256, reloaded.FftSize);
                Assert.Equal(100, reloaded.HopLength);
                Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(data), Spectrogram));
                Assert.Equal(0f, expected.Max(), 3);
                Assert.Equal(-50f, expected.Min(), 3);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void WorksWithCacheCheckpointPreviewAndPredictionEngine()
        {
            var ml = new MLContext(seed: 1);
            var random = new Random(5);
            var examples = Enumerable.Range(0, 4)
                .Select(_ => new FixedClip { Audio = Enumerable.Range(0, 1024).Select(n => (float)(random.NextDouble() - 0.5)).ToArray() })
                .ToArray();
            var data = ml.Data.LoadFromEnumerable(examples);
            var pipeline = ml.Transforms.CopyColumns("Copy", nameof(FixedClip.Audio))
                .AppendCacheCheckpoint(ml)
                .Append(ml.Transforms.LogStft(nameof(FixedSpectrogram.Spectrogram), nameof(FixedClip.Audio), fftSize: 128, hopLength: 32));
            var model = pipeline.Fit(data);
            var transformed = model.Transform(data);
            var expected = transformed.GetColumn<VBuffer<float>>(nameof(FixedSpectrogram.Spectrogram))
                .Select(v => v.DenseValues().ToArray()).ToArray();
            Assert.Equal(4, expected.Length);
            Assert.All(expected, row => Assert.Equal(65 * 33, row.Length));

            var preview = pipeline.Preview(data, maxRows: 2);
            var previewed = (VBuffer<float>)preview.RowView[1].Values.Single(kv => kv.Key == nameof(FixedSpectrogram.Spectrogram)).Value;
            Assert.Equal(expected[1], previewed.DenseValues().ToArray());

            var engine = ml.Model.CreatePredictionEngine<FixedClip, FixedSpectrogram>(model);
            for (int i = 0; i < examples.Length; i++)
                Assert.Equal(expected[i], engine.Predict(examples[i]).Spectrogram);
        }

        [Fact]
        public void CursorSetIsOneOrderedCursorWithABatchPerRowSoAParallelTransformConsolidatesRowByRow()
        {
            var ml = new MLContext(seed: 1);
            var random = new Random(9);
            var rows = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 256).Select(n => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
            var data = LoadRows(ml, 256, rows);
            var spectrograms = ml.Transforms.LogStft("Spectrogram", nameof(ClipRow.Audio), fftSize: 64, hopLength: 32).Fit(data).Transform(data);
            var column = spectrograms.Schema["Spectrogram"];

            var set = spectrograms.GetRowCursorSet(new[] { column }, 2);
            Assert.Equal(2, set.Length);
            var batches = new List<long>();
            while (set[0].MoveNext())
                batches.Add(set[0].Batch);
            Assert.False(set[1].MoveNext());
            Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), batches);
            foreach (var cursor in set)
                cursor.Dispose();

            // A transform that maps on parallel cursors (a new column over the spectrogram) keeps every row, in order.
            var serial = spectrograms.GetColumn<float[]>("Spectrogram").ToArray();
            var copied = ml.Transforms.CopyColumns("Copy", "Spectrogram").Fit(spectrograms).Transform(spectrograms);
            var copies = copied.GetColumn<float[]>("Copy").ToArray();
            Assert.Equal(300, copies.Length);
            for (int r = 0; r < serial.Length; r++)
                Assert.Equal(serial[r], copies[r]);
        }

        /// <summary>ML.NET's internal <c>SchemaShape.Create</c>, what <c>TestEstimatorCore</c> feeds
        /// <c>GetOutputSchema</c>.</summary>
        internal static SchemaShape ShapeOf(DataViewSchema schema)
            => (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static,
                new[] { typeof(DataViewSchema) }).Invoke(null, new object[] { schema });

        internal static IDataView LoadRows(MLContext ml, int samples, params float[][] rows)
        {
            var schema = SchemaDefinition.Create(typeof(ClipRow));
            schema[nameof(ClipRow.Audio)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, samples);
            return ml.Data.LoadFromEnumerable(rows.Select(r => new ClipRow { Audio = r }), schema);
        }

        internal sealed class ClipRow
        {
            public float[] Audio { get; set; }
        }

        public sealed class FixedClip
        {
            [VectorType(1024)]
            public float[] Audio { get; set; }
        }

        public sealed class FixedSpectrogram
        {
            [VectorType(65 * 33)]
            public float[] Spectrogram { get; set; }
        }
    }
}
