using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Tests.Packaging
{
    /// <summary>
    /// <c>mer</c> as a .NET tool: it does not bundle libtorch (over NuGet's 250 MB limit), loads it from the NuGet
    /// packages folder, and says how to get it ('mer setup') when it is not there. These run the built <c>mer</c>
    /// of src/ as a separate process, as a user does.
    /// </summary>
    public sealed class ToolPackageTests
    {
        private const long NuGetPackageLimit = 250L * 1024 * 1024;

        [Fact]
        public void WithoutLibTorchANetworkCommandSaysHowToInstallIt()
        {
            using var empty = new TempDirectory();
            var run = RunMer(empty.Path, "demo", "--out", Path.Combine(empty.Path, "demo"), "--epochs", "1");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("libtorch 2.10.0 was not found", run.Stderr);
            Assert.Contains("'mer setup'", run.Stderr);
            Assert.Contains(empty.Path, run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
        }

        [Fact]
        public void WithoutLibTorchCommandsThatRunNoNetworkStillWork()
        {
            using var empty = new TempDirectory();
            var wav = Path.Combine(empty.Path, "tone.wav");
            MusicEmotion.MLNet.Experiments.AudioWriter.Write(wav, Enumerable.Range(0, 16000).Select(i => (float)Math.Sin(i * 0.3)).ToArray(), channels: 1, sampleRate: 8000);
            var png = Path.Combine(empty.Path, "tone.png");
            var run = RunMer(empty.Path, "spectrogram", wav, "--out", png, "--duration", "2", "--sample-rate", "8000");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(new FileInfo(png).Length > 1000);
        }

        [Fact]
        public void TheToolPackageIsWithinNuGetsLimitInstallsAndFindsLibTorch()
        {
            using var work = new TempDirectory();
            var feed = Path.Combine(work.Path, "feed");
            var pack = Run("dotnet", null, "pack", Path.Combine(Repository.Root, "src", "MusicEmotion.MLNet.Cli", "MusicEmotion.MLNet.Cli.csproj"),
                "-c", "Release", "--no-build", "-o", feed, "--nologo", "-v", "quiet");
            Assert.True(pack.ExitCode == 0, pack.ToString());
            var package = new FileInfo(Directory.GetFiles(feed, "MusicEmotion.MLNet.Cli.*.nupkg").Single());
            Assert.InRange(package.Length, 1, NuGetPackageLimit);

            var tools = Path.Combine(work.Path, "tools");
            File.WriteAllText(Path.Combine(feed, "nuget.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><add key=\"local-feed\" value=\"" + feed + "\" /></packageSources>"
                + "<packageSourceMapping><packageSource key=\"local-feed\"><package pattern=\"MusicEmotion.*\" /></packageSource>"
                + "<packageSource key=\"nuget.org\"><package pattern=\"*\" /></packageSource></packageSourceMapping></configuration>");
            var version = package.Name.Substring("MusicEmotion.MLNet.Cli.".Length).Replace(".nupkg", "", StringComparison.Ordinal);
            // The installed copy must be this build's, not an older one in the packages folder.
            var cached = Path.Combine(PackagesFolder(), "musicemotion.mlnet.cli", version);
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
            var install = Run("dotnet", null, "tool", "install", "MusicEmotion.MLNet.Cli", "--tool-path", tools,
                "--configfile", Path.Combine(feed, "nuget.config"), "--version", version);
            Assert.True(install.ExitCode == 0, install.ToString());

            var setup = Run(Path.Combine(tools, "mer"), null, "setup");
            Assert.True(setup.ExitCode == 0, setup.ToString());
            Assert.Contains("libtorch is already available: " + Path.Combine(PackagesFolder(), "libtorch-cpu-linux-x64"), setup.Stdout);
            Assert.False(Directory.EnumerateFiles(tools, "libtorch_cpu*", SearchOption.AllDirectories).Any(), "the tool must not bundle libtorch");
        }

        private static ProcessRun RunMer(string packagesFolder, params string[] args)
        {
            var mer = Path.Combine(Repository.Root, "src", "MusicEmotion.MLNet.Cli", "bin", "Release", "net10.0", "mer.dll");
            return Run("dotnet", packagesFolder, new[] { mer }.Concat(args).ToArray());
        }

        private static ProcessRun Run(string program, string packagesFolder, params string[] args)
        {
            var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (packagesFolder != null)
                start.Environment["NUGET_PACKAGES"] = packagesFolder;
            using var process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"{program} {string.Join(" ", args)} did not finish in 10 minutes");
            return new ProcessRun(process.ExitCode, stdout.Result, stderr.Result);
        }

        private static string PackagesFolder()
            => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
                ? folder
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");


        private sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
        {
            public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
        }

        private sealed class TempDirectory : IDisposable
        {
            public TempDirectory() => Path = Directory.CreateTempSubdirectory("mer-tool-").FullName;

            public string Path { get; }

            public void Dispose() => Directory.Delete(Path, recursive: true);
        }
    }
}
