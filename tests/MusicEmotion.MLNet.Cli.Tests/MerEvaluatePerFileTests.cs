using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Experiments;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary><c>mer evaluate</c> on files longer than the fixture model's 2-s clip: each file is predicted as
    /// <c>mer predict</c> predicts it (the mean of its clips), the headline metrics count files, the per-clip metrics
    /// count clips, and an unreadable file among them is listed without moving the other rows' labels.</summary>
    public sealed class MerEvaluatePerFileTests : IClassFixture<TinyCorpusFixture>, IDisposable
    {
        private readonly TinyCorpusFixture _fixture;
        private readonly string _root;
        private readonly string _manifest;
        private readonly string _bad;
        private readonly string[] _paths;
        private readonly string[] _labels = { "happy", "angry", "sad", "tender", "happy" };

        public MerEvaluatePerFileTests(TinyCorpusFixture fixture)
        {
            _fixture = fixture;
            _root = Path.Combine(Path.GetTempPath(), "mer-perfile-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_root);
            // 5 s = 2.5 clips (2 clips, the tail left out), 4 s = 2 clips, 1 s = one looped clip; the bad file is third.
            double[] seconds = { 5, 4, 0, 1, 5 };
            _paths = new string[_labels.Length];
            for (int i = 0; i < _labels.Length; i++)
            {
                _paths[i] = Path.Combine(_root, $"{i}-{_labels[i]}.wav");
                if (seconds[i] == 0)
                    File.WriteAllText(_paths[i], "this is not audio\n");
                else
                    AudioWriter.Write(_paths[i], DemoCorpus.Synthesize(_labels[i], 900 + i, seconds[i], TinyCorpusFixture.SampleRate),
                        channels: 1, TinyCorpusFixture.SampleRate);
            }
            _bad = _paths[2];
            _manifest = Path.Combine(_root, "labels.csv");
            File.WriteAllLines(_manifest, new[] { "path,label,song" }.Concat(_paths.Select((p, i) => $"{p},{_labels[i]},s{i}")));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        [Fact]
        public void Json_GivesPerFileMetricsFromTheMeanOfClips_AndPerClipMetrics()
        {
            var png = Path.Combine(_root, "out", "confusion.png");
            Directory.CreateDirectory(Path.GetDirectoryName(png));
            var run = CliRun.Mer("evaluate", "--model", _fixture.Model, "--data", _manifest, "--confusion-matrix", png, "--json");
            Assert.True(run.ExitCode == MerApp.PartialSuccess, run.ToString());
            var json = run.Json;
            Assert.Equal(5, json.GetProperty("files").GetInt32());
            Assert.Equal(4, json.GetProperty("filesUsed").GetInt32());
            Assert.Equal(_bad, Assert.Single(json.GetProperty("rejected").EnumerateArray().ToArray()).GetProperty("path").GetString());

            var predictions = json.GetProperty("predictions").EnumerateArray().ToArray();
            var good = Enumerable.Range(0, 5).Where(i => i != 2).ToArray();
            Assert.Equal(good.Select(i => _paths[i]), predictions.Select(p => p.GetProperty("path").GetString()));
            // Each row keeps its own label: the unreadable third row moves none.
            Assert.Equal(good.Select(i => _labels[i]), predictions.Select(p => p.GetProperty("label").GetString()));
            Assert.Equal(new[] { 2, 2, 1, 2 }, predictions.Select(p => p.GetProperty("clips").GetInt32()));

            var metrics = json.GetProperty("metrics");
            Assert.Equal("file", metrics.GetProperty("level").GetString());
            Assert.Equal(4, metrics.GetProperty("rows").GetInt32());
            Assert.Equal(7, metrics.GetProperty("clips").GetInt32());
            Assert.Equal(2.0, metrics.GetProperty("clipSeconds").GetDouble());
            double fileRight = predictions.Count(p => p.GetProperty("predicted").GetString() == p.GetProperty("label").GetString());
            Assert.Equal(fileRight / 4, metrics.GetProperty("accuracy").GetDouble(), 12);
            Assert.Equal(4, metrics.GetProperty("confusionMatrix").EnumerateArray().Sum(r => r.EnumerateArray().Sum(v => v.GetInt32())));

            var perClip = metrics.GetProperty("perClip");
            Assert.Equal("clip", perClip.GetProperty("level").GetString());
            Assert.Equal(7, perClip.GetProperty("rows").GetInt32());
            double clipRight = predictions.Sum(p => p.GetProperty("clipPredictions").EnumerateArray()
                .Count(c => c.GetString() == p.GetProperty("label").GetString()));
            Assert.Equal(clipRight / 7, perClip.GetProperty("accuracy").GetDouble(), 12);
            Assert.Equal(7, perClip.GetProperty("confusionMatrix").EnumerateArray().Sum(r => r.EnumerateArray().Sum(v => v.GetInt32())));
            Assert.Equal(7, perClip.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("support").GetInt32()));
            Png.AssertImage(png, 720, 600);

            // The per-file answer is the one 'mer predict' gives for the same file, clip by clip too.
            var predict = CliRun.Mer(new[] { "predict", "--model", _fixture.Model, "--json" }.Concat(good.Select(i => _paths[i])).ToArray());
            Assert.True(predict.ExitCode == MerApp.Success, predict.ToString());
            var files = predict.Json.GetProperty("files").EnumerateArray().ToArray();
            Assert.Equal(predictions.Select(p => p.GetProperty("predicted").GetString()), files.Select(f => f.GetProperty("predicted").GetString()));
            Assert.Equal(predictions.Select(p => string.Join(",", p.GetProperty("clipPredictions").EnumerateArray().Select(c => c.GetString()))),
                files.Select(f => string.Join(",", f.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("predicted").GetString()))));
        }

        [Fact]
        public void Tables_LabelTheFileAndClipColumns_AndSayHowFilesWereCut()
        {
            var png = Path.Combine(_root, "text", "confusion.png");
            Directory.CreateDirectory(Path.GetDirectoryName(png));
            var run = CliRun.Mer("evaluate", "--model", _fixture.Model, "--data", _manifest, "--confusion-matrix", png);
            Assert.Equal(MerApp.PartialSuccess, run.ExitCode);
            foreach (var text in new[] { "per file", "per clip", "4 files", "7 clips", "clip F1", "confusion per file",
                "4 files as 7 clips of 2 s (1 to 2 per file); a file's prediction is the mean of its clips' probabilities",
                "4 of 5 files used; 1 could not be read" })
                Assert.Contains(text, run.Stdout);
        }
    }
}
