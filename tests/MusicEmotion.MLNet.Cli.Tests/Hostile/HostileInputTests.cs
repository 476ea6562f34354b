using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests.Hostile
{
    /// <summary>
    /// Issue 13: every input of <see cref="HostileCases"/> through <c>MerApp.Run</c> in-process gets its expected exit
    /// code and one line on stderr naming the file or option (no stack trace, no exception type, no NaN); the memory
    /// cases fail within 2 s having allocated less than 64 MB.
    /// </summary>
    public sealed class HostileInputTests : IClassFixture<HostileCorpusFixture>
    {
        private const long FastFailBytes = 64L << 20;
        private static readonly TimeSpan s_fastFail = TimeSpan.FromSeconds(2);
        private readonly HostileCorpusFixture _fixture;

        public HostileInputTests(HostileCorpusFixture fixture) => _fixture = fixture;

        [Fact]
        public void Corpus_HasAtLeastFortyCases()
        {
            Assert.True(HostileCases.All.Count >= 40, $"{HostileCases.All.Count} cases");
            Assert.Equal(HostileCases.All.Count, HostileCases.All.Select(c => c.Name).Distinct().Count());
        }

        [Theory]
        [MemberData(nameof(HostileCases.Names), HostileCase.Ready, MemberType = typeof(HostileCases))]
        public void Case_GetsItsExpectedOutcome(string name) => Run(HostileCases.Find(name));

        [Theory]
        [MemberData(nameof(HostileCases.Names), HostileCase.Decoder, MemberType = typeof(HostileCases))]
        public void DecoderCase_GetsItsExpectedOutcome(string name) => Run(HostileCases.Find(name));

        [Theory]
        [MemberData(nameof(HostileCases.Names), HostileCase.Skipping, MemberType = typeof(HostileCases))]
        public void SkippingCase_GetsItsExpectedOutcome(string name) => Run(HostileCases.Find(name));

        /// <summary>Issue 13 item 5: the per-class folder with an empty tender/ trains with a warning naming it, and the
        /// model's class list is printed.</summary>
        [Fact]
        public void EmptyClassFolder_WarnsAndPrintsTheModelsClasses()
        {
            var run = _fixture.Train;
            Assert.True(run.ExitCode == 0, run.ToString());
            var tender = Path.Combine(_fixture.Corpus.ThreeClasses, "tender");
            Assert.Contains($"mer: warning: class folder {tender} holds no audio files; the data has only the classes angry, happy, sad.", run.Stderr);
            Assert.Contains("Model classes (3): angry, happy, sad", run.Stdout);
        }

        [NotRootFact]
        public void UnreadableFile_FailsNamingIt()
        {
            var c = _fixture.Corpus;
            var file = c.File("unreadable.wav");
            var run = CliRun.Mer(new[] { "spectrogram", file, "--out", c.Output("unreadable.png") }.Concat(HostileCorpus.SmallFrontEnd).ToArray());
            AssertOneLineError(run, 1, file);
        }

        /// <summary>Issue 13 item 9: a real <c>mer compare</c> process, sent SIGINT or SIGTERM while it trains, exits
        /// 130 or 143 and leaves neither a report file nor a temporary one.</summary>
        [PosixTheory]
        [InlineData(2, MerApp.Interrupted)]
        [InlineData(15, MerApp.Terminated)]
        public void Signal_DuringCompare_ExitsWithItsCodeAndLeavesNoPartialFile(int signal, int exitCode)
        {
            var c = _fixture.Corpus;
            var mer = Path.Combine(AppContext.BaseDirectory, "mer.dll");
            Assert.True(File.Exists(mer), $"{mer} is not next to the tests");
            var outDir = c.Output($"signal-{signal}");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { mer, "compare", "--data", c.FourClasses, "--out", outDir, "--folds", "2",
                "--methods", "inception-gru", "--epochs", "500", "--batch-size", "2" }.Concat(HostileCorpus.SmallFrontEnd))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start);
            var training = new System.Threading.ManualResetEventSlim();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data != null && e.Data.Contains("inception-gru fold 1/2: training", StringComparison.Ordinal))
                    training.Set();
            };
            var stderr = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                    lock (stderr)
                        stderr.AppendLine(e.Data);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                Assert.True(training.Wait(TimeSpan.FromSeconds(60)), "mer compare did not start training: " + stderr);
                System.Threading.Thread.Sleep(1000);
                Assert.Equal(0, Kill(process.Id, signal));
                Assert.True(process.WaitForExit(30_000), "mer compare did not stop after the signal");
                process.WaitForExit();
            }
            finally
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
            }
            Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}: {stderr}");
            Assert.Contains("mer: interrupted by", stderr.ToString());
            var left = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
            Assert.DoesNotContain(left, f => f.Contains(".tmp-", StringComparison.Ordinal) || f.EndsWith(".partial", StringComparison.Ordinal));
            Assert.DoesNotContain("comparison.md", left);
            Assert.DoesNotContain("run.json", left);
            Assert.DoesNotContain("folds.csv", left);
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        private void Run(HostileCase hostile)
        {
            var corpus = _fixture.Corpus;
            Assert.True(_fixture.Train.ExitCode == 0, "the fixture's model did not train: " + _fixture.Train);
            Assert.True(!hostile.NeedsLinks || corpus.HasLinks, "symbolic links to folders could not be created here");
            var args = hostile.Args(corpus);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var run = CliRun.Mer(args);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            var message = hostile.Message?.Invoke(corpus);
            if (hostile.Exit == 0)
            {
                Assert.True(run.ExitCode == 0, run.ToString());
                if (message != null)
                    Assert.Contains(message, run.Stderr);
            }
            else if (hostile.Exit == MerApp.PartialSuccess)
            {
                // A partial run's summary is output, not an error: it names the files left out.
                Assert.True(run.ExitCode == hostile.Exit, run.ToString());
                if (message != null)
                    Assert.Contains(message, run.Stdout + run.Stderr);
            }
            else
            {
                AssertOneLineError(run, hostile.Exit, message);
            }
            Assert.DoesNotContain("NaN", run.Stdout);
            if (hostile.FailsFast)
            {
                Assert.True(watch.Elapsed < s_fastFail, $"took {watch.Elapsed.TotalSeconds:F2} s: {run}");
                Assert.True(allocated < FastFailBytes, $"allocated {allocated / 1048576.0:F1} MB: {run}");
            }
            hostile.Check?.Invoke(run, corpus);
        }

        private static void AssertOneLineError(CliRun run, int exitCode, string expected)
        {
            Assert.True(run.ExitCode == exitCode, run.ToString());
            var lines = run.Stderr.TrimEnd().Split('\n');
            Assert.True(lines.Length == 1, run.ToString());
            Assert.StartsWith("mer", lines[0]);
            if (expected != null)
                Assert.Contains(expected, lines[0]);
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.DoesNotContain("Exception", run.Stderr);
            Assert.DoesNotContain("System.", run.Stderr);
            Assert.DoesNotContain("(Parameter '", run.Stderr);
        }
    }
}
