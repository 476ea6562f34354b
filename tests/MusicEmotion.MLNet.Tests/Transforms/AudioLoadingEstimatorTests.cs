using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    public sealed class AudioLoadingEstimatorTests : IDisposable
    {
        private const int Rate = 8000;
        private const double Duration = 0.5;
        private const int Length = 4000;

        private readonly AudioTestFiles _files = new AudioTestFiles();
        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly string[] _paths;

        public AudioLoadingEstimatorTests()
        {
            _paths = new[]
            {
                _files.Write("a.wav", AudioTestFiles.Distinct(Rate, Rate), Rate, floatingPoint: true),
                _files.Write("b.flac", AudioTestFiles.Sine(2 * 16000, 440, 16000), 16000),
                _files.Write("c.ogg", AudioTestFiles.Sine(22050, 660, 22050), 22050),
                _files.Write("d.mp3", AudioTestFiles.Interleave(AudioTestFiles.Sine(44100, 330, 44100), AudioTestFiles.Sine(44100, 550, 44100)),
                    44100, channels: 2),
            };
        }

        public void Dispose() => _files.Dispose();

        public sealed class PathRow
        {
            public string Path { get; set; }
        }

        public sealed class OffsetRow
        {
            public string Path { get; set; }

            public double Start { get; set; }
        }

        public sealed class AudioRow
        {
            [VectorType(Length)]
            public float[] Audio { get; set; }
        }

        private sealed class VectorRow
        {
            [VectorType(3)]
            public float[] Path { get; set; }
        }

        /// <summary>ML.NET's internal <c>SchemaShape.Create</c>, which estimator tests use to call GetOutputSchema.</summary>
        private static SchemaShape Shape(DataViewSchema schema)
            => (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                .Invoke(null, new object[] { schema });

        /// <summary>The exception a row getter threw: ML.NET's parallel cursors wrap it in an InvalidOperationException.</summary>
        private static T RowException<T>(Action read) where T : Exception
        {
            var e = Record.Exception(read);
            Assert.NotNull(e);
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is T found)
                    return found;
            }
            throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name} in the exception chain, got {e}");
        }

        private IDataView Paths() => _ml.Data.LoadFromEnumerable(_paths.Select(p => new PathRow { Path = p }));

        private AudioLoadingEstimator Estimator() => _ml.Transforms.LoadAudio("Audio", "Path", sampleRate: Rate, duration: Duration);

        [Fact]
        public void OutputIsAKnownSizeSingleVector()
        {
            var output = Estimator().Fit(Paths()).Transform(Paths());
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, Length), output.Schema["Audio"].Type);
            var values = FreshProcessScorer.ReadColumn(output, "Audio");
            Assert.Equal(_paths.Length * Length, values.Length);
            Assert.Equal(AudioTestFiles.Distinct(Rate, Rate).Take(Length).ToArray(), values.Take(Length).ToArray());
            Assert.All(values, v => Assert.True(float.IsFinite(v)));
        }

        [Fact]
        public void DefaultsGiveLibrosaShape()
        {
            var shape = _ml.Transforms.LoadAudio("Audio", "Path").GetOutputSchema(Shape(Paths().Schema));
            var column = shape.Single(c => c.Name == "Audio");
            Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
            var transformer = _ml.Transforms.LoadAudio("Audio", "Path").Fit(Paths());
            Assert.Equal(661500, transformer.ClipLength);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 661500), transformer.GetOutputSchema(Paths().Schema)["Audio"].Type);
        }

        [Fact]
        public void StereoMp3WithDefaultsIsLoopedTo661500Samples()
        {
            var left = AudioTestFiles.Sine(3 * 44100, 440, 44100, 0.4);
            var right = AudioTestFiles.Sine(3 * 44100, 660, 44100, 0.4);
            var path = _files.Write("song.mp3", AudioTestFiles.Interleave(left, right), 44100, channels: 2);
            var data = _ml.Data.LoadFromEnumerable(new[] { new PathRow { Path = path } });
            var values = FreshProcessScorer.ReadColumn(_ml.Transforms.LoadAudio("Audio", "Path").Fit(data).Transform(data), "Audio");
            Assert.Equal(661500, values.Length);
            var once = AudioDecoder.ReadAll(path, 22050);
            Assert.Equal(once, values.Take(once.Length).ToArray());
            Assert.Equal(values.Take(10000).ToArray(), values.Skip(once.Length).Take(10000).ToArray());
            // (a + b) / 2 of two uncorrelated 0.4-amplitude sines: RMS sqrt(0.08 + 0.08) / 2 = 0.2.
            Assert.InRange(AudioTestFiles.Rms(values), 0.19, 0.21);
        }

        [Fact]
        public void MissingInputColumnFailsSchemaAndFit()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new OffsetRow { Path = _paths[0] } });
            var estimator = _ml.Transforms.LoadAudio("Audio", "File");
            var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(Shape(data.Schema)));
            Assert.Equal("inputSchema", e1.ParamName);
            Assert.Contains("Could not find input column 'File'", e1.Message);
            var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            Assert.Equal("inputSchema", e2.ParamName);
            Assert.Contains("Could not find input column 'File'", e2.Message);
        }

        [Fact]
        public void WrongInputTypeFailsSchemaAndFit()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Path = new float[3] } });
            var estimator = Estimator();
            var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(Shape(data.Schema)));
            Assert.Equal("inputSchema", e1.ParamName);
            Assert.Contains("Schema mismatch for input column 'Path': expected Text, got Vector<Single>", e1.Message);
            var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            Assert.Equal("inputSchema", e2.ParamName);
            Assert.Contains("Schema mismatch for input column 'Path': expected Text, got Vector<Single, 3>", e2.Message);
        }

        [Fact]
        public void WrongOffsetColumnTypeFailsSchemaAndFit()
        {
            var estimator = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offsetColumnName: "Path");
            var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(Shape(Paths().Schema)));
            Assert.Contains("Schema mismatch for offset column 'Path': expected Double or Single, got String", e1.Message);
            var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(Paths()));
            Assert.Contains("Schema mismatch for offset column 'Path': expected Double or Single, got String", e2.Message);
        }

        [Theory]
        [InlineData(0, 1.0, 0.0, "sampleRate", "SampleRate=0 must be between 1000 Hz")]
        [InlineData(-5, 1.0, 0.0, "sampleRate", "SampleRate=-5 must be between 1000 Hz")]
        [InlineData(1, 1.0, 0.0, "sampleRate", "SampleRate=1 must be between 1000 Hz")]
        [InlineData(192_001, 1.0, 0.0, "sampleRate", "SampleRate=192001 must be between 1000 Hz (a 500-Hz band, below which no music is left) and 192000 Hz")]
        [InlineData(8000, 0.0, 0.0, "duration", "Duration=0 must be a number of seconds greater than 0 and at most 3600 (one hour).")]
        [InlineData(8000, double.NaN, 0.0, "duration", "Duration=NaN must be a number of seconds greater than 0 and at most 3600")]
        [InlineData(8000, 1e9, 0.0, "duration", "Duration=1000000000 must be a number of seconds greater than 0 and at most 3600")]
        [InlineData(8000, 1.0, -1.0, "offset", "Offset=-1 must be a finite number of seconds, 0 or more.")]
        public void InvalidParametersAreRejected(int sampleRate, double duration, double offset, string parameter, string message)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.LoadAudio("Audio", "Path", sampleRate, duration, offset));
            Assert.Equal(parameter, e.ParamName);
            Assert.StartsWith(message, e.Message);
        }

        [Fact]
        public void CentreWithAnOffsetIsRejected()
        {
            var e = Assert.Throws<ArgumentException>(() =>
                _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offset: 2, centerClip: true));
            Assert.Contains("CenterClip=true", e.Message);
            Assert.Contains("Offset=2", e.Message);
        }

        [Fact]
        public void SavedModelReloadsInAFreshProcessBitForBit()
        {
            var data = Paths();
            var model = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offset: 0.25).Fit(data);
            var expected = FreshProcessScorer.ReadColumn(model.Transform(data), "Audio");
            var zip = _files.PathOf("model.zip");
            _ml.Model.Save(model, data.Schema, zip);

            var loaded = new MLContext(seed: 7).Model.Load(zip, out var schema);
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(data), "Audio"));
            Assert.Equal(expected, FreshProcessScorer.Score(_ml, zip, data, "Audio"));
        }

        [Fact]
        public void OffsetColumnTakesADifferentClipPerRowAndSurvivesSaveLoad()
        {
            var x = AudioTestFiles.Distinct(2 * Rate, Rate);
            var path = _files.Write("long.wav", x, Rate, floatingPoint: true);
            var data = _ml.Data.LoadFromEnumerable(new[]
            {
                new OffsetRow { Path = path, Start = 0 },
                new OffsetRow { Path = path, Start = 0.5 },
                new OffsetRow { Path = path, Start = 1.75 },
            });
            var model = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offsetColumnName: "Start").Fit(data);
            var values = FreshProcessScorer.ReadColumn(model.Transform(data), "Audio");
            Assert.Equal(x.Take(Length).ToArray(), values.Take(Length).ToArray());
            Assert.Equal(x.Skip(4000).Take(Length).ToArray(), values.Skip(Length).Take(Length).ToArray());
            var tail = x.Skip(14000).ToArray();
            Assert.Equal(tail.Concat(tail).ToArray(), values.Skip(2 * Length).ToArray());

            var zip = _files.PathOf("offsets.zip");
            _ml.Model.Save(model, data.Schema, zip);
            Assert.Equal(values, FreshProcessScorer.ReadColumn(_ml.Model.Load(zip, out _).Transform(data), "Audio"));
        }

        [Fact]
        public void NegativeOffsetInTheColumnNamesRowFile()
        {
            var data = _ml.Data.LoadFromEnumerable(new[] { new OffsetRow { Path = _paths[0], Start = -1 } });
            var output = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offsetColumnName: "Start").Fit(data).Transform(data);
            var e = RowException<ArgumentOutOfRangeException>(() => FreshProcessScorer.ReadColumn(output, "Audio"));
            Assert.Contains("Offset=-1 in column 'Start'", e.Message);
            Assert.Contains(_paths[0], e.Message);
        }

        [Fact]
        public void BadFileInAPipelineNamesTheFile()
        {
            var missing = _files.PathOf("gone.wav");
            var data = _ml.Data.LoadFromEnumerable(new[] { new PathRow { Path = missing } });
            var output = Estimator().Fit(data).Transform(data);
            var e = RowException<FileNotFoundException>(() => FreshProcessScorer.ReadColumn(output, "Audio"));
            Assert.Contains(missing, e.Message);
        }

        [Fact]
        public void WorksWithPreview()
        {
            var preview = Estimator().Fit(Paths()).Preview(Paths(), maxRows: 2);
            Assert.Equal(2, preview.RowView.Length);
            var audio = (VBuffer<float>)preview.ColumnView.Single(c => c.Column.Name == "Audio").Values[0];
            Assert.Equal(Length, audio.Length);
            Assert.Equal(AudioTestFiles.Distinct(Rate, Rate).Take(Length).ToArray(), audio.DenseValues().ToArray());
        }

        [Fact]
        public void WorksWithPredictionEngine()
        {
            var model = Estimator().Fit(Paths());
            using var engine = _ml.Model.CreatePredictionEngine<PathRow, AudioRow>(model);
            var expected = FreshProcessScorer.ReadColumn(model.Transform(Paths()), "Audio");
            for (int i = 0; i < _paths.Length; i++)
                Assert.Equal(expected.Skip(i * Length).Take(Length).ToArray(), engine.Predict(new PathRow { Path = _paths[i] }).Audio);
        }

        [Fact]
        public void WorksWithCacheCheckpoint()
        {
            var pipeline = Estimator().AppendCacheCheckpoint(_ml);
            var model = pipeline.Fit(Paths());
            var cached = model.Transform(Paths());
            var expected = FreshProcessScorer.ReadColumn(Estimator().Fit(Paths()).Transform(Paths()), "Audio");
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(cached, "Audio"));
        }
    }
}
