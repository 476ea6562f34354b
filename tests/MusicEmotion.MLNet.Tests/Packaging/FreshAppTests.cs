using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Tests.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Packaging
{
    /// <summary>
    /// The package as a user consumes it: build/fresh-app.sh packs MusicEmotion.MLNet into a local folder feed, creates
    /// a brand-new console app that references it (with libtorch and ML.NET's own Microsoft.ML.TorchSharp 0.23.1), and
    /// runs it with the native audio libraries hidden: train, save, reload, score a WAV (managed decoder), build a
    /// Microsoft.ML.TorchSharp estimator in the same process.
    /// </summary>
    public sealed class FreshAppTests
    {
        [LinuxFact]
        public void AFreshConsoleAppTrainsAndScoresFromThePackedPackage()
        {
            using var work = new TempFolder();
            var script = Path.Combine(Repository.Root, "build", "fresh-app.sh");
            var start = new ProcessStartInfo("bash", new[] { script, work.Root })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The test run has just built the library in Release; packing it again would only repeat that.
            start.Environment["PACK_NO_BUILD"] = "1";
            using var process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "build/fresh-app.sh did not finish in 10 minutes");
            var output = stdout.Result + stderr.Result;
            Assert.True(process.ExitCode == 0, output);

            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains("fresh app: ok", lines);
            Assert.Contains("native backend: unavailable", lines);
            Assert.Contains("Microsoft.ML.TorchSharp estimator: TextClassificationTrainer", lines);
            var prediction = lines.Single(l => l.StartsWith("predicted ", StringComparison.Ordinal));
            var label = prediction.Split(' ')[1].TrimEnd(';');
            Assert.Contains(label, new[] { "happy", "sad" });
            var probabilities = prediction.Split("probabilities ")[1].Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(2, probabilities.Length);
            Assert.Equal(1.0, probabilities.Sum(), 3);
            Assert.True(File.Exists(Path.Combine(work.Root, "audio", "model.zip")));
        }

    }
}
