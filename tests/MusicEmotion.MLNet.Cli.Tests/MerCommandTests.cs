using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary>Each command run in-process on the tiny corpus, checking exit codes, files, JSON and CSV.</summary>
    public sealed class MerCommandTests : IClassFixture<TinyCorpusFixture>
    {
        private static readonly string[] s_labels = { "happy", "angry", "sad", "tender" };
        private readonly TinyCorpusFixture _fixture;

        public MerCommandTests(TinyCorpusFixture fixture) => _fixture = fixture;

        [Fact]
        public void Train_WritesModelZipCurvesPngAndJson()
        {
            var run = _fixture.Train;
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(new FileInfo(_fixture.Model).Length > 100_000);
            Png.AssertImage(Path.Combine(_fixture.Root, "model.training.png"), 900, 540);
            var json = run.Json;
            Assert.Equal(16, json.GetProperty("rows").GetInt32());
            Assert.Equal(129, json.GetProperty("bins").GetInt32());
            Assert.Equal(1 + 2 * 8000 / 128, json.GetProperty("frames").GetInt32());
            Assert.True(json.GetProperty("parameters").GetInt64() > 100_000);
            var epochs = json.GetProperty("epochs").EnumerateArray().ToArray();
            Assert.Equal(new[] { 1, 2 }, epochs.Select(e => e.GetProperty("epoch").GetInt32()));
            Assert.All(epochs, e => Assert.InRange(e.GetProperty("accuracy").GetDouble(), 0, 1));
            Assert.All(epochs, e => Assert.True(e.GetProperty("loss").GetDouble() > 0));
            // --json keeps stdout pure JSON: the epoch lines went to stderr.
            Assert.Contains("epoch   2/2", run.Stderr);
        }

        [Fact]
        public void Train_WithoutJson_PrintsPlainEpochLines()
        {
            var model = Path.Combine(_fixture.Root, "plain", "m.zip");
            var run = CliRun.Mer(_fixture.TrainArgs(model, "--validation-fraction", "0.25"));
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("16 clips: angry 4, happy 4, sad 4, tender 4", run.Stdout);
            Assert.Contains("epoch   1/2", run.Stdout);
            Assert.Contains("validation", run.Stdout);
            Assert.Equal("", run.Stderr);
            Assert.True(File.Exists(model));
            Png.AssertImage(Path.Combine(_fixture.Root, "plain", "m.training.png"), 900, 540);
        }

        [Fact]
        public void Train_ClipsPerFile_TrainsOnEveryClipAndSavesAModelThatTakesPaths()
        {
            // 3-s files, 1-s clips: two clips per file at --clips-per-file 2, one at 1.
            string[] Args(string model, string clips) => new[] { "train", "--data", _fixture.Corpus, "--out", model, "--epochs", "1",
                "--batch-size", "4", "--duration", "1", "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128",
                "--device", "cpu", "--clips-per-file", clips };
            var model = Path.Combine(_fixture.Root, "clips", "two.zip");
            var two = CliRun.Mer(Args(model, "2"));
            Assert.True(two.ExitCode == 0, two.ToString());
            Assert.Contains("of 32 clips", two.Stdout);
            var one = CliRun.Mer(Args(Path.Combine(_fixture.Root, "clips", "one.zip"), "1"));
            Assert.True(one.ExitCode == 0, one.ToString());
            Assert.Contains("of 16 clips", one.Stdout);
            // The saved model reads a plain path and cuts the 3-s file itself: three 1-s segments.
            var wav = Directory.GetFiles(_fixture.Corpus, "*.wav", SearchOption.AllDirectories).OrderBy(f => f).First();
            var predict = CliRun.Mer("predict", "-m", model, wav, "--json");
            Assert.True(predict.ExitCode == 0, predict.ToString());
            var file = Assert.Single(predict.Json.GetProperty("files").EnumerateArray());
            Assert.Equal(3, file.GetProperty("segments").GetArrayLength());
        }

        [Fact]
        public void Train_BaselineArchitecture_SavesAModelThatEvaluates()
        {
            var model = Path.Combine(_fixture.Root, "sarkar", "m.zip");
            var train = CliRun.Mer(_fixture.TrainArgs(model, "--architecture", "sarkar-vgg", "--json"));
            Assert.True(train.ExitCode == 0, train.ToString());
            long parameters = train.Json.GetProperty("parameters").GetInt64();
            Assert.True(parameters > 0);
            Assert.NotEqual(_fixture.Train.Json.GetProperty("parameters").GetInt64(), parameters);
            var evaluate = CliRun.Mer("evaluate", "--model", model, "--data", _fixture.Corpus, "--json");
            Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
            Assert.Equal(16, evaluate.Json.GetProperty("metrics").GetProperty("rows").GetInt32());
        }

        [Fact]
        public void Evaluate_Json_ReportsMetricsPerClassAndConfusionPng()
        {
            var png = Path.Combine(_fixture.Root, "confusion.png");
            var run = CliRun.Mer("evaluate", "--model", _fixture.Model, "--data", _fixture.Corpus, "--confusion-matrix", png, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var metrics = run.Json.GetProperty("metrics");
            Assert.Equal(16, metrics.GetProperty("rows").GetInt32());
            Assert.InRange(metrics.GetProperty("accuracy").GetDouble(), 0, 1);
            Assert.True(metrics.GetProperty("logLoss").GetDouble() > 0);
            var classes = metrics.GetProperty("classes").EnumerateArray().ToArray();
            Assert.Equal(s_labels, classes.Select(c => c.GetProperty("label").GetString()));
            Assert.All(classes, c => Assert.Equal(4, c.GetProperty("support").GetInt32()));
            var matrix = metrics.GetProperty("confusionMatrix").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
            Assert.All(matrix, row => Assert.Equal(4, row.Sum()));
            // Accuracy is the diagonal's share: the JSON's numbers agree with each other.
            double diagonal = Enumerable.Range(0, 4).Sum(i => matrix[i][i]);
            Assert.Equal(diagonal / 16, metrics.GetProperty("accuracy").GetDouble(), 6);
            Png.AssertImage(png, 720, 600);
        }

        [Fact]
        public void Evaluate_Tables_ListEveryMetricAndClass()
        {
            var run = CliRun.Mer("evaluate", "-m", _fixture.Model, "-d", Path.Combine(_fixture.Corpus, "labels.csv"));
            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (var text in new[] { "accuracy", "macro accuracy", "log-loss", "macro precision", "macro recall", "macro F1", "support" })
                Assert.Contains(text, run.Stdout);
            foreach (var label in s_labels)
                Assert.Contains(label, run.Stdout);
            Png.AssertImage(Path.Combine(_fixture.Root, "model.confusion.png"), 720, 600);
        }

        [Fact]
        public void Predict_LongFile_GivesTimelineInCsvJsonAndPlot()
        {
            var csv = Path.Combine(_fixture.Root, "timeline.csv");
            var png = Path.Combine(_fixture.Root, "timeline.png");
            var run = CliRun.Mer("predict", "--model", _fixture.Model, _fixture.Medley, "--hop", "1", "--csv", csv, "--plot", png, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.Json;
            Assert.Equal(2, json.GetProperty("clipDuration").GetDouble());
            Assert.Equal(1, json.GetProperty("hop").GetDouble());
            var file = Assert.Single(json.GetProperty("files").EnumerateArray());
            var segments = file.GetProperty("segments").EnumerateArray().ToArray();
            // An 8-s file, 2-s clips every 1 s: starts 0, 1, ..., 6.
            Assert.Equal(Enumerable.Range(0, 7).Select(i => (double)i), segments.Select(s => s.GetProperty("start").GetDouble()));
            Assert.All(segments, s => Assert.Equal(s.GetProperty("start").GetDouble() + 2, s.GetProperty("end").GetDouble()));
            foreach (var segment in segments)
            {
                var probabilities = s_labels.Select(l => segment.GetProperty("probabilities").GetProperty(l).GetDouble()).ToArray();
                Assert.Equal(1, probabilities.Sum(), 4);
                Assert.Equal(s_labels[Array.IndexOf(probabilities, probabilities.Max())], segment.GetProperty("predicted").GetString());
            }
            var mean = s_labels.Select(l => segments.Average(s => s.GetProperty("probabilities").GetProperty(l).GetDouble())).ToArray();
            Assert.Equal(mean[0], file.GetProperty("probabilities").GetProperty("happy").GetDouble(), 5);

            var lines = File.ReadAllLines(csv);
            Assert.Equal("file,start,end,predicted,happy,angry,sad,tender", lines[0]);
            Assert.Equal(8, lines.Length);
            Assert.Equal("3", lines[4].Split(',')[1]);
            Assert.Equal(segments[3].GetProperty("predicted").GetString(), lines[4].Split(',')[3]);
            Png.AssertImage(png, 1100, 450);
            Assert.Equal(Path.GetFullPath(png), json.GetProperty("plots")[0].GetString());
        }

        [Fact]
        public void Predict_IncludeTail_AddsTheClipThatRunsPastTheEnd()
        {
            // 8 s, 2-s clips every 2.5 s: 0, 2.5, 5 lie inside the file; 7.5 runs past its end.
            var inside = CliRun.Mer("predict", "-m", _fixture.Model, _fixture.Medley, "--hop", "2.5", "--json");
            var withTail = CliRun.Mer("predict", "-m", _fixture.Model, _fixture.Medley, "--hop", "2.5", "--include-tail", "--json");
            Assert.True(inside.ExitCode == 0, inside.ToString());
            Assert.True(withTail.ExitCode == 0, withTail.ToString());
            double[] Starts(CliRun run) => run.Json.GetProperty("files")[0].GetProperty("segments").EnumerateArray()
                .Select(s => s.GetProperty("start").GetDouble()).ToArray();
            Assert.Equal(new[] { 0, 2.5, 5 }, Starts(inside));
            Assert.Equal(new[] { 0, 2.5, 5, 7.5 }, Starts(withTail));
        }

        [Fact]
        public void Predict_Folder_PrintsOneRowPerFileAndTimelineTable()
        {
            var folder = Path.Combine(_fixture.Root, "songs");
            Directory.CreateDirectory(folder);
            File.Copy(_fixture.Medley, Path.Combine(folder, "medley.wav"), overwrite: true);
            File.Copy(Path.Combine(_fixture.Corpus, "sad_000.wav"), Path.Combine(folder, "sad_000.wav"), overwrite: true);
            var run = CliRun.Mer("predict", "-m", _fixture.Model, folder);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Model model.zip: 2 s clips, hop 2 s", run.Stdout);
            Assert.Contains("sad_000.wav", run.Stdout);
            Assert.Contains("Timeline of medley.wav", run.Stdout);
            Assert.DoesNotContain("Timeline of sad_000.wav", run.Stdout);
            Assert.Equal("", run.Stderr);
        }

        [Fact]
        public void Inspect_GivesClassesClipSettingsNetworkAndHistory()
        {
            var run = CliRun.Mer("inspect", "--model", _fixture.Model, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.Json;
            Assert.Equal(Path.GetFullPath(_fixture.Model), json.GetProperty("model").GetString());
            Assert.Equal(s_labels.OrderBy(l => l, StringComparer.Ordinal),
                json.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).OrderBy(l => l, StringComparer.Ordinal));
            Assert.Equal(TinyCorpusFixture.ClipSeconds, json.GetProperty("clipDuration").GetDouble());
            Assert.Equal(TinyCorpusFixture.SampleRate, json.GetProperty("sampleRate").GetInt32());
            Assert.Equal(TinyCorpusFixture.FftSize, json.GetProperty("fftSize").GetInt32());
            Assert.Equal(TinyCorpusFixture.HopLength, json.GetProperty("hopLength").GetInt32());
            Assert.Equal("InceptionGruResidual", json.GetProperty("architecture").GetString());
            // 1 + 256/2 bins; 1 + 16000/128 frames.
            Assert.Equal(129, json.GetProperty("bins").GetInt32());
            Assert.Equal(126, json.GetProperty("frames").GetInt32());
            Assert.True(json.GetProperty("parameters").GetInt64() > 0);
            Assert.Equal(2, json.GetProperty("epochs").GetArrayLength());
            Assert.Equal("AudioLoading", json.GetProperty("steps")[0].GetString());

            var text = CliRun.Mer("inspect", "-m", _fixture.Model);
            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.StartsWith("Model model.zip: InceptionGruResidual network, input [129, 126], ", text.Stdout);
            Assert.Contains("  clips     2 s at 8000 Hz", text.Stdout);
            Assert.Contains("  log-STFT  n_fft=256, hop_length=128", text.Stdout);
            Assert.Contains("  trained   2 epochs", text.Stdout);
            Assert.Equal("", text.Stderr);
        }

        [Fact]
        public void Spectrogram_WritesPngOfTheNetworkInput()
        {
            var png = Path.Combine(_fixture.Root, "spectrogram.png");
            var run = CliRun.Mer("spectrogram", _fixture.Medley, "--out", png, "--duration", "4", "--offset", "2",
                "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128", "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.Json;
            Assert.Equal(129, json.GetProperty("bins").GetInt32());
            Assert.Equal(1 + 4 * 8000 / 128, json.GetProperty("frames").GetInt32());
            Assert.True(json.GetProperty("maxDb").GetDouble() > json.GetProperty("minDb").GetDouble());
            Png.AssertImage(png, 1200, 600);

            var linear = Path.Combine(_fixture.Root, "linear.png");
            var plain = CliRun.Mer("spectrogram", _fixture.Medley, "-o", linear, "--frequency-scale", "linear", "--duration", "2");
            Assert.True(plain.ExitCode == 0, plain.ToString());
            Assert.Contains("1025 bins x 87 frames", plain.Stdout);
            Png.AssertImage(linear, 1200, 600);
        }

        [Fact]
        public void Demo_RunsTrainEvaluatePredictAndWritesPngs()
        {
            var output = Path.Combine(_fixture.Root, "demo");
            var run = CliRun.Mer("demo", "--out", output, "--clips-per-class", "4", "--seconds", "2", "--duration", "1",
                "--epochs", "1", "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128", "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.Json;
            Assert.InRange(json.GetProperty("holdOut").GetProperty("accuracy").GetDouble(), 0, 1);
            Assert.True(json.GetProperty("trainingRows").GetInt32() + json.GetProperty("holdOut").GetProperty("rows").GetInt32() == 16);
            Assert.Equal(8, json.GetProperty("medley").GetProperty("segments").GetArrayLength());
            Assert.True(File.Exists(Path.Combine(output, "corpus", "labels.csv")));
            Assert.True(File.Exists(Path.Combine(output, "model.zip")));
            Png.AssertImage(Path.Combine(output, "model.training.png"), 900, 540);
            Png.AssertImage(Path.Combine(output, "model.confusion.png"), 720, 600);
            Png.AssertImage(Path.Combine(output, "medley.timeline.png"), 1100, 450);
            Png.AssertImage(Path.Combine(output, "medley.spectrogram.png"), 1200, 600);
            Assert.Equal(9, File.ReadAllLines(Path.Combine(output, "medley.timeline.csv")).Length);
            Assert.Contains("[4/4]", run.Stderr);
        }
    }
}
