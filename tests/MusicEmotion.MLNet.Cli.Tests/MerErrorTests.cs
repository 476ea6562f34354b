using System.IO;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary>User errors: one line on stderr, no stack trace, non-zero exit code; help exits 0.</summary>
    public sealed class MerErrorTests
    {
        [Theory]
        [InlineData("train")]
        [InlineData("evaluate")]
        [InlineData("predict")]
        [InlineData("spectrogram")]
        [InlineData("demo")]
        [InlineData("export")]
        public void Help_ExplainsTheOptions(string command)
        {
            var run = CliRun.Mer(command, "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Usage:", run.Stdout);
            Assert.Contains(command == "spectrogram" ? "--frequency-scale" : command == "predict" ? "--hop" : "--json", run.Stdout);
        }

        [Fact]
        public void MissingDataFolder_FailsWithOneLine()
        {
            var missing = Path.Combine(Path.GetTempPath(), "mer-no-such-folder");
            var run = CliRun.Mer("train", "--data", missing, "--out", Path.Combine(Path.GetTempPath(), "never.zip"));
            AssertUserError(run, 1, $"Data {missing} not found");
        }

        [Fact]
        public void MissingModel_FailsWithOneLine()
        {
            var audio = Path.GetTempFileName();
            try
            {
                var run = CliRun.Mer("predict", "--model", "/no/such/model.zip", audio);
                AssertUserError(run, 1, "Model /no/such/model.zip not found.");
            }
            finally
            {
                File.Delete(audio);
            }
        }

        [Fact]
        public void BadModelZip_FailsWithOneLine()
        {
            var zip = Path.Combine(Path.GetTempPath(), "mer-bad-model.zip");
            File.WriteAllText(zip, "not a zip");
            try
            {
                var run = CliRun.Mer("evaluate", "--model", zip, "--data", Path.GetTempPath());
                AssertUserError(run, 1, $"Model {zip} is not a readable ML.NET model zip");
            }
            finally
            {
                File.Delete(zip);
            }
        }

        [Fact]
        public void MissingAudioFile_FailsWithOneLine()
        {
            var run = CliRun.Mer("spectrogram", "/no/such/song.wav");
            AssertUserError(run, 1, "Audio file /no/such/song.wav not found.");
        }

        [Fact]
        public void UnknownOption_IsAUsageError()
        {
            var run = CliRun.Mer("predict", "--model", "m.zip", "a.wav", "--frobnicate");
            AssertUserError(run, 2, "--frobnicate");
            Assert.Contains("mer predict --help", run.Stderr);
        }

        [Fact]
        public void MissingRequiredOption_IsAUsageError()
        {
            var run = CliRun.Mer("evaluate", "--data", "x");
            AssertUserError(run, 2, "--model");
        }

        [Fact]
        public void OutOfRangeValue_IsAUsageError()
        {
            var run = CliRun.Mer("train", "--data", "x", "--epochs", "0");
            AssertUserError(run, 2, "--epochs=0 must be a positive integer.");
        }

        [Fact]
        public void UnknownDevice_IsAUsageError()
        {
            var run = CliRun.Mer("train", "--data", "x", "--device", "tpu");
            AssertUserError(run, 2, "tpu");
        }

        private static void AssertUserError(CliRun run, int exitCode, string expected)
        {
            Assert.True(run.ExitCode == exitCode, run.ToString());
            Assert.Contains(expected, run.Stderr);
            Assert.Single(run.Stderr.TrimEnd().Split('\n'));
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.Equal("", run.Stdout);
        }
    }
}
