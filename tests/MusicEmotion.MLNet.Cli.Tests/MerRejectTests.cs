using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary>Unreadable files among good ones: every command uses the good ones, lists the bad ones (summary line,
    /// rejected.csv, --json) and exits with 3; --strict stops at the first with exit code 1 and the package's own message.</summary>
    public sealed class MerRejectTests : IClassFixture<TinyCorpusFixture>, IDisposable
    {
        private readonly TinyCorpusFixture _fixture;
        private readonly string _root;
        private readonly string _corpus;
        private readonly List<string> _bad = new List<string>();
        private readonly int _good;

        public MerRejectTests(TinyCorpusFixture fixture)
        {
            _fixture = fixture;
            _root = Path.Combine(Path.GetTempPath(), "mer-reject-tests-" + Guid.NewGuid().ToString("N"));
            _corpus = Path.Combine(_root, "corpus");
            foreach (var file in Directory.EnumerateFiles(fixture.Corpus, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_corpus, Path.GetRelativePath(fixture.Corpus, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(file, target);
            }
            _good = Directory.EnumerateFiles(_corpus, "*.wav", SearchOption.AllDirectories).Count();
            var random = new byte[3000];
            new Random(5).NextBytes(random);
            var wav = Directory.EnumerateFiles(_corpus, "*.wav", SearchOption.AllDirectories).First();
            Bad("happy/empty.wav", Array.Empty<byte>());
            Bad("sad/text.mp3", System.Text.Encoding.ASCII.GetBytes("this is not audio\n"));
            Bad("angry/truncated.wav", File.ReadAllBytes(wav).Take(30).ToArray());
            Bad("tender/random.flac", random);
            // The corpus is read through its labels.csv: list the bad files there, and one that does not exist.
            _bad.Add(Path.GetFullPath(Path.Combine(_corpus, "happy", "missing.wav")));
            var manifest = Path.Combine(_corpus, "labels.csv");
            File.AppendAllLines(manifest, _bad.Select((p, i) =>
                $"{Path.GetRelativePath(_corpus, p).Replace('\\', '/')},{EmotionLabels.All[i % 4]},bad-{i}"));
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

        private void Bad(string relative, byte[] bytes)
        {
            var path = Path.Combine(_corpus, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllBytes(path, bytes);
            _bad.Add(Path.GetFullPath(path));
        }

        private string Out(string name) => Path.Combine(_root, name);

        /// <summary>The fixture's training arguments on this corpus, one epoch.</summary>
        private string[] TrainArgs(string model, params string[] extra)
        {
            var args = _fixture.TrainArgs(model).ToArray();
            args[Array.IndexOf(args, "--data") + 1] = _corpus;
            args[Array.IndexOf(args, "--epochs") + 1] = "1";
            return args.Concat(extra).ToArray();
        }

        private void AssertRejected(JsonElement json, string csvFolder, bool folder = false)
        {
            // A folder given on the command line holds the bad files but not the missing one.
            var bad = folder ? _bad.Where(File.Exists).ToList() : _bad;
            var rejected = json.GetProperty("rejected").EnumerateArray().ToList();
            Assert.Equal(bad.OrderBy(p => p), rejected.Select(r => r.GetProperty("path").GetString()).OrderBy(p => p));
            Assert.All(rejected, r => Assert.Contains(r.GetProperty("path").GetString(), r.GetProperty("reason").GetString()));
            var csv = json.GetProperty("rejectedCsv").GetString();
            Assert.Equal(Path.Combine(csvFolder, RejectSummary.FileName), csv);
            var lines = File.ReadAllLines(csv);
            Assert.Equal("path,reason", lines[0]);
            Assert.Equal(bad.Count + 1, lines.Length);
        }

        private void AssertStrictFailure(CliRun run)
        {
            Assert.True(run.ExitCode == MerApp.Failure, run.ToString());
            Assert.Contains(_bad, p => run.Stderr.Contains(p, StringComparison.Ordinal));
            Assert.DoesNotContain("Splitter/consolidator", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Event we were waiting on", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void Train_UsesTheGoodFiles_ListsTheBad_AndExitsWith3()
        {
            var model = Out("train/model.zip");
            var run = CliRun.Mer(TrainArgs(model, "--json"));
            Assert.True(run.ExitCode == MerApp.PartialSuccess, run.ToString());
            var json = run.Json;
            Assert.Equal(_good, json.GetProperty("rows").GetInt32());
            Assert.Equal(_good + _bad.Count, json.GetProperty("files").GetInt32());
            Assert.Equal(_good, json.GetProperty("filesUsed").GetInt32());
            AssertRejected(json, Path.GetDirectoryName(Path.GetFullPath(model)));
            Assert.Contains($"{_good} of {_good + _bad.Count} files used; {_bad.Count} could not be read", run.Stderr);
            // The saved model fails fast again: a zip never skips files silently.
            Assert.False(EmotionModel.Load(new MLContext(0), model).AudioLoader.SkipUnreadableFiles);
        }

        [Fact]
        public void Train_Strict_StopsAtTheFirstBadFileWithItsOwnMessage()
            => AssertStrictFailure(CliRun.Mer(TrainArgs(Out("strict/model.zip"), "--strict")));

        [Fact]
        public void Evaluate_ScoresTheGoodFiles_ListsTheBad_AndExitsWith3()
        {
            var png = Out("evaluate/confusion.png");
            Directory.CreateDirectory(Path.GetDirectoryName(png));
            var run = CliRun.Mer("evaluate", "--model", _fixture.Model, "--data", _corpus, "--confusion-matrix", png, "--json");
            Assert.True(run.ExitCode == MerApp.PartialSuccess, run.ToString());
            Assert.Equal(_good, run.Json.GetProperty("metrics").GetProperty("rows").GetInt32());
            AssertRejected(run.Json, Path.GetDirectoryName(png));
            Assert.True(File.Exists(png));

            var text = CliRun.Mer("evaluate", "--model", _fixture.Model, "--data", _corpus, "--confusion-matrix", png);
            Assert.Equal(MerApp.PartialSuccess, text.ExitCode);
            Assert.Contains($"{_good} of {_good + _bad.Count} files used; {_bad.Count} could not be read (listed below, all in ", text.Stdout);
        }

        [Fact]
        public void Evaluate_Strict_StopsAtTheFirstBadFileWithItsOwnMessage()
        {
            // --strict checks the manifest's paths first: take the missing file out to reach the decoder's messages.
            var manifest = Path.Combine(_corpus, "labels.csv");
            File.WriteAllLines(manifest, File.ReadAllLines(manifest).Where(l => !l.Contains("missing.wav", StringComparison.Ordinal)));
            AssertStrictFailure(CliRun.Mer("evaluate", "--model", _fixture.Model, "--data", _corpus,
                "--confusion-matrix", Out("strict/confusion.png"), "--strict"));
        }

        [Fact]
        public void Evaluation_ThrowsThePackagesExceptionUnwrapped()
        {
            // The library path itself (row-by-row scoring) lets the decoder's exception through, not ML.NET's wrapper.
            var ml = new MLContext(0);
            var model = EmotionModel.Load(ml, _fixture.Model);
            var data = DataSource.Load(ml, _corpus);
            var e = Assert.Throws<InvalidDataException>(() => EvaluationReport.Evaluate(model, data, skipUnreadableFiles: false));
            Assert.Contains(_bad, p => e.Message.Contains(p, StringComparison.Ordinal));
        }

        [Fact]
        public void Predict_ScoresTheGoodFiles_ListsTheBad_AndExitsWith3()
        {
            var csv = Out("predict/segments.csv");
            var run = CliRun.Mer("predict", "--model", _fixture.Model, _corpus, "--csv", csv, "--json");
            Assert.True(run.ExitCode == MerApp.PartialSuccess, run.ToString());
            Assert.Equal(_good, run.Json.GetProperty("files").GetArrayLength());
            Assert.Equal(_good, run.Json.GetProperty("filesUsed").GetInt32());
            AssertRejected(run.Json, Path.GetDirectoryName(csv), folder: true);
            Assert.All(run.Json.GetProperty("files").EnumerateArray(), f => Assert.False(f.GetProperty("silent").GetBoolean()));

            AssertStrictFailure(CliRun.Mer("predict", "--model", _fixture.Model, _corpus, "--strict"));
        }

        [Fact]
        public void Predict_WarnsAboutSilence()
        {
            var silent = Out("silence/zero.wav");
            Directory.CreateDirectory(Path.GetDirectoryName(silent));
            AudioWriter.Write(silent, new float[3 * TinyCorpusFixture.SampleRate], channels: 1, TinyCorpusFixture.SampleRate);
            var run = CliRun.Mer("predict", "--model", _fixture.Model, silent, _fixture.Medley, "--json");
            Assert.True(run.ExitCode == MerApp.Success, run.ToString());
            var files = run.Json.GetProperty("files").EnumerateArray().ToList();
            Assert.True(files.Single(f => f.GetProperty("path").GetString() == silent).GetProperty("silent").GetBoolean());
            Assert.False(files.Single(f => f.GetProperty("path").GetString() == _fixture.Medley).GetProperty("silent").GetBoolean());
            Assert.Contains($"warning: {silent} is silent or near-silent", run.Stderr);
            Assert.DoesNotContain($"warning: {_fixture.Medley}", run.Stderr);
        }

        [Fact]
        public void Predict_HopBelowOneStftHop_IsAUsageError()
        {
            // The fixture's model: hop_length 128 at 8000 Hz = 0.016 s.
            var run = CliRun.Mer("predict", "--model", _fixture.Model, _fixture.Medley, "--hop", "0.01");
            Assert.Equal(MerApp.UsageError, run.ExitCode);
            Assert.Contains("--hop=0.01 must be at least one STFT hop of the model (0.016 s)", run.Stderr);
            Assert.Equal(MerApp.Success, CliRun.Mer("predict", "--model", _fixture.Model, _fixture.Medley, "--hop", "0.5").ExitCode);
        }

        [Fact]
        public void Compare_UsesTheGoodFiles_ListsTheBad_AndExitsWith3()
        {
            var output = Out("compare");
            var run = CliRun.Mer("compare", "--data", _corpus, "--folds", "2", "--methods", "svm", "--out", output,
                "--duration", "2", "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128", "--json");
            Assert.True(run.ExitCode == MerApp.PartialSuccess, run.ToString());
            Assert.Equal(_good, run.Json.GetProperty("clips").GetInt32());
            AssertRejected(run.Json, output);
            var markdown = File.ReadAllText(Path.Combine(output, "comparison.md"));
            Assert.Contains($"{_bad.Count} clips were left out because their audio file could not be read", markdown);
            Assert.All(_bad, p => Assert.Contains(p, markdown));
        }

        [Fact]
        public void ErrorMessages_DropMlNetsWorkerWrappers()
        {
            var inner = new InvalidDataException("Audio file '/m/a.mp3' is empty (0 bytes).");
            var wrapped = new InvalidOperationException("Splitter/consolidator worker encountered exception while consuming source data", inner);
            Assert.Equal("Audio file '/m/a.mp3' is empty (0 bytes).", ErrorMessages.Describe(wrapped));
            var waited = new InvalidOperationException("Event we were waiting on was subject to an exception", wrapped);
            Assert.Equal("Audio file '/m/a.mp3' is empty (0 bytes).", ErrorMessages.Describe(waited));
            // A message that only starts like one but wraps nothing is kept.
            Assert.Contains("Splitter", ErrorMessages.Describe(new InvalidOperationException("Splitter/consolidator worker encountered exception while consuming source data")));
        }
    }
}
