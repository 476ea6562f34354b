using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MusicEmotion.MLNet.Cli.Modeling;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary><c>mer export</c> on the tiny corpus's model: the ONNX file scores as the zip does, and bad inputs fail
    /// with the brief's exit codes.</summary>
    public sealed class MerExportTests : IClassFixture<TinyCorpusFixture>
    {
        private readonly TinyCorpusFixture _fixture;

        public MerExportTests(TinyCorpusFixture fixture) => _fixture = fixture;

        [Fact]
        public void Export_WritesAnOnnxFileThatScoresAsTheModelZip()
        {
            Assert.True(_fixture.Train.ExitCode == 0, _fixture.Train.ToString());
            var onnx = Path.Combine(_fixture.Root, "export", "model.onnx");
            var run = CliRun.Mer("export", "-m", _fixture.Model, "-o", onnx, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.Json;
            Assert.Equal(Path.GetFullPath(onnx), json.GetProperty("onnx").GetString());
            Assert.Equal(new FileInfo(onnx).Length, json.GetProperty("bytes").GetInt64());
            Assert.Equal("InceptionGruResidual", json.GetProperty("architecture").GetString());
            Assert.Equal(129, json.GetProperty("bins").GetInt32());
            Assert.Equal(126, json.GetProperty("frames").GetInt32());
            var classes = json.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray();
            Assert.Equal(4, classes.Length);

            // The zip's own scores (TorchSharp) for two clips, and the spectrograms they were computed from.
            var ml = new MLContext(seed: 0);
            var model = ml.Model.Load(_fixture.Model, out var inputSchema);
            // The ONNX graph is Float32: compare it with the zip scored in Float32, not BFloat16 where the CPU has it.
            ModelInspector.FindNetwork(model).UseBFloat16 = false;
            var spectrogramColumn = ModelInspector.Flatten(model).OfType<LogStftTransformer>().Single().OutputColumnName;
            var files = Directory.GetFiles(_fixture.Corpus, "*.wav", SearchOption.AllDirectories).OrderBy(f => f).Take(2).ToArray();
            var data = ml.Data.LoadFromEnumerable(files.Select(f => new PathRow { Path = f }));
            var scored = model.Transform(data);
            var spectrograms = scored.GetColumn<VBuffer<float>>(spectrogramColumn).Select(v => v.DenseValues().ToArray()).ToArray();
            var expected = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();

            using var session = new InferenceSession(onnx);
            Assert.Equal("Spectrogram", session.InputMetadata.Keys.Single());
            Assert.Equal(new[] { -1, 129, 126 }, session.InputMetadata["Spectrogram"].Dimensions);
            var metadata = session.ModelMetadata.CustomMetadataMap;
            Assert.Equal(classes, JsonSerializer.Deserialize<string[]>(metadata["labels"]));
            Assert.Equal(("8000", "256", "128", "2"), (metadata["sampleRate"], metadata["fftSize"], metadata["hopLength"], metadata["duration"]));
            using var input = OrtValue.CreateTensorValueFromMemory(spectrograms.SelectMany(s => s).ToArray(), new long[] { 2, 129, 126 });
            using var outputs = session.Run(new RunOptions(), new[] { "Spectrogram" }, new[] { input }, new[] { "Score" });
            var actual = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 4; c++)
                    Assert.True(Math.Abs(expected[r][c] - actual[r * 4 + c]) <= 1e-4,
                        $"clip {r}, class {c}: zip {expected[r][c]}, ONNX {actual[r * 4 + c]}");

            var plain = CliRun.Mer("export", "--model", _fixture.Model, "--out", onnx);
            Assert.True(plain.ExitCode == 0, plain.ToString());
            Assert.Contains("InceptionGruResidual network -> ", plain.Stdout);
            Assert.Contains("input  'Spectrogram' float [batch, 129, 126] (log-STFT: n_fft 256, hop 128, 8000 Hz, 2 s)", plain.Stdout);
            Assert.Contains($"probabilities of {string.Join(", ", classes)}", plain.Stdout);
        }

        [Fact]
        public void Export_ModelWithoutANetwork_FailsNamingItsClassifier()
        {
            var ml = new MLContext(seed: 0);
            var rows = Enumerable.Range(0, 20).Select(i => new FeatureRow { Features = new[] { i % 2f, i / 20f }, Label = i % 2 == 0 ? "a" : "b" });
            var data = ml.Data.LoadFromEnumerable(rows);
            var shallow = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 2))
                .Fit(data);
            var zip = Path.Combine(_fixture.Root, "shallow.zip");
            ml.Model.Save(shallow, data.Schema, zip);
            var onnx = Path.Combine(_fixture.Root, "shallow.onnx");

            var run = CliRun.Mer("export", "-m", zip, "-o", onnx);
            Assert.True(run.ExitCode == MerApp.Failure, run.ToString());
            Assert.Contains($"Model {zip} holds no network (its classifier is MaximumEntropyModelParameters)", run.Stderr);
            Assert.False(File.Exists(onnx));
        }

        [Fact]
        public void Export_BadArguments_AreUsageOrFileErrors()
        {
            var missing = CliRun.Mer("export", "-m", Path.Combine(_fixture.Root, "none.zip"), "-o", Path.Combine(_fixture.Root, "x.onnx"));
            Assert.True(missing.ExitCode == MerApp.Failure, missing.ToString());
            Assert.Contains("none.zip not found", missing.Stderr);

            var folder = CliRun.Mer("export", "-m", _fixture.Model, "-o", _fixture.Root);
            Assert.True(folder.ExitCode == MerApp.UsageError, folder.ToString());
            Assert.Contains("--out", folder.Stderr);

            var noModel = CliRun.Mer("export", "-o", "x.onnx");
            Assert.True(noModel.ExitCode == MerApp.UsageError, noModel.ToString());
        }

        private sealed class PathRow
        {
            public string Path { get; set; }

            // The zip maps the label to a key before the trainer; scoring reads the column although it is not used.
            public string Label { get; set; } = "happy";
        }

        private sealed class FeatureRow
        {
            [VectorType(2)]
            public float[] Features { get; set; }

            public string Label { get; set; }
        }
    }
}
