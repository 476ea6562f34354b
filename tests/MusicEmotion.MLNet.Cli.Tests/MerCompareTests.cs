using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary><c>mer compare</c> on the tiny corpus: every method, 2 folds, and its usage errors.</summary>
    public sealed class MerCompareTests : IClassFixture<TinyCorpusFixture>
    {
        private readonly TinyCorpusFixture _fixture;

        public MerCompareTests(TinyCorpusFixture fixture) => _fixture = fixture;

        [Fact]
        public void Compare_Json_ListsEveryMethodWithMeanAndDeviation()
        {
            var output = Path.Combine(_fixture.Root, "compare");
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--folds", "2", "--epochs", "1", "--duration", "2",
                "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128", "--out", output, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.Json;
            Assert.Equal(16, json.GetProperty("clips").GetInt32());
            var methods = json.GetProperty("methods").EnumerateArray().ToArray();
            Assert.Equal(new[] { "svm", "forest", "lightgbm", "inception-gru", "ensemble" }, methods.Select(m => m.GetProperty("name").GetString()));
            Assert.All(methods, m => Assert.Equal(2, m.GetProperty("accuracy").GetProperty("folds").GetInt32()));
            Assert.All(methods, m => Assert.InRange(m.GetProperty("accuracy").GetProperty("mean").GetDouble(), 0, 1));
            Assert.True(File.Exists(Path.Combine(output, "comparison.md")));
            Png.AssertImage(Path.Combine(output, "confusion-svm.png"), ReadWidth(Path.Combine(output, "confusion-svm.png")), ReadHeight(Path.Combine(output, "confusion-svm.png")));
        }

        [Fact]
        public void Compare_Repeats_ScoresEveryFoldOfEveryRepeat()
        {
            var output = Path.Combine(_fixture.Root, "compare-repeats");
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--folds", "2", "--repeats", "2", "--methods", "svm",
                "--duration", "2", "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128", "--out", output, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var svm = run.Json.GetProperty("methods").EnumerateArray().Single();
            Assert.Equal(4, svm.GetProperty("accuracy").GetProperty("folds").GetInt32());
            var csv = File.ReadAllLines(Path.Combine(output, "folds.csv"));
            Assert.Equal(new[] { "svm,1,1", "svm,1,2", "svm,2,1", "svm,2,2" }, csv.Skip(1).Select(l => string.Join(",", l.Split(',').Take(3))));
            Assert.Contains("2 × 2-fold cross-validation", File.ReadAllText(Path.Combine(output, "comparison.md")));
        }

        [Fact]
        public void Compare_MelInputInFloat32_TrainsTheNetworkOnMelBandsAndRecordsBoth()
        {
            var output = Path.Combine(_fixture.Root, "compare-mel");
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--folds", "2", "--epochs", "1", "--methods", "inception-gru",
                "--input", "mel", "--precision", "float32", "--duration", "2", "--sample-rate", "8000", "--fft-size", "256",
                "--hop-length", "128", "--out", output, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var record = File.ReadAllText(Path.Combine(output, "run.json"));
            Assert.Contains("\"networkInput\": \"mel 128\"", record);
            Assert.Contains("\"precision\": \"float32\"", record);
            var table = File.ReadAllText(Path.Combine(output, "comparison.md"));
            Assert.Contains("mel spectrogram [128, ", table);
            Assert.Contains("Float32 input convolutions", table);
        }

        [Fact]
        public void Compare_ClipsPerFileAndLearningRate_AreUsedAndRecorded()
        {
            var output = Path.Combine(_fixture.Root, "compare-clips");
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--folds", "2", "--methods", "svm", "--clips-per-file", "2",
                "--learning-rate", "5e-4", "--duration", "1", "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128",
                "--out", output, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(16, run.Json.GetProperty("clips").GetInt32());
            var record = File.ReadAllText(Path.Combine(output, "run.json"));
            Assert.Contains("\"clipsPerFile\": 2", record);
            Assert.Contains("\"learningRate\": 0.0005", record);
            // Trained on both 1-s clips of every 2-s training file, scored once per file.
            var rows = File.ReadAllLines(Path.Combine(output, "folds.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
            Assert.Equal(16, rows.Sum(r => int.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.All(rows, r => Assert.Equal(2 * (16 - int.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture)),
                int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains("up to 2 consecutive clips per file", File.ReadAllText(Path.Combine(output, "comparison.md")));
        }

        [Theory]
        [InlineData("--clips-per-file", "0", "--clips-per-file=0 must be a positive integer")]
        [InlineData("--learning-rate", "0", "--learning-rate=0 must be positive")]
        public void Compare_NonPositiveClipsOrLearningRate_IsAUsageError(string option, string value, string message)
        {
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, option, value);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(message, run.Stderr);
        }

        [Fact]
        public void Compare_UnknownPrecision_IsAUsageError()
        {
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--precision", "half");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("'half' not recognized. Must be one of: 'auto' 'float32' 'bfloat16'", run.Stderr);
        }

        [Fact]
        public void Compare_ZeroRepeats_IsAUsageError()
        {
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--repeats", "0");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--repeats", run.Stderr);
        }

        [Fact]
        public void Compare_UnknownMethod_IsAUsageError()
        {
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--methods", "svm,knn");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Unknown method 'knn'", run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
        }

        [Fact]
        public void Compare_OneFold_IsAUsageError()
        {
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--folds", "1");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--folds=1 must be at least 2.", run.Stderr);
        }

        [Fact]
        public void Compare_UnknownFeatureGroup_IsAUsageError()
        {
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--features", "mfcc,loudness");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--features=mfcc,loudness: 'loudness' is not one of binstatistics, descriptors, paper, mfcc", run.Stderr);
        }

        [Fact]
        public void Compare_Features_SetsTheSummaryTheShallowMethodsLearnFrom()
        {
            var output = Path.Combine(_fixture.Root, "compare-features");
            var run = CliRun.Mer("compare", "--data", _fixture.Corpus, "--folds", "2", "--methods", "svm", "--duration", "2",
                "--features", "mfcc,Chroma", "--out", output, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("summary of 64 values (Mfcc, Chroma)", File.ReadAllText(Path.Combine(output, "comparison.md")));
        }

        private static int ReadWidth(string png) => ReadInt(png, 16);

        private static int ReadHeight(string png) => ReadInt(png, 20);

        private static int ReadInt(string png, int offset)
        {
            var b = File.ReadAllBytes(png);
            return b[offset] << 24 | b[offset + 1] << 16 | b[offset + 2] << 8 | b[offset + 3];
        }
    }
}
