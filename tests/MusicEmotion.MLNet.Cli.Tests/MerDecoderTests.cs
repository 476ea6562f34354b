using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary><c>--decoder</c>, in a child process whose environment hides the native audio libraries
    /// (<c>MUSICEMOTION_HIDE_NATIVE_LIBRARIES</c>, which makes them fail to load exactly as missing ones do): auto falls
    /// back to the managed backend, native fails naming the library.</summary>
    public sealed class MerDecoderTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "mer-decoder-" + Guid.NewGuid().ToString("N"));

        public MerDecoderTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        /// <summary>A 2-s 44.1-kHz 16-bit stereo WAV written byte by byte.</summary>
        private string Wav()
        {
            var path = Path.Combine(_folder, "tone.wav");
            const int rate = 44100, frames = 2 * rate;
            using var w = new BinaryWriter(File.Create(path));
            w.Write("RIFF"u8.ToArray());
            w.Write(36 + frames * 4);
            w.Write("WAVEfmt "u8.ToArray());
            w.Write(16);
            w.Write((short)1);
            w.Write((short)2);
            w.Write(rate);
            w.Write(rate * 4);
            w.Write((short)4);
            w.Write((short)16);
            w.Write("data"u8.ToArray());
            w.Write(frames * 4);
            for (int i = 0; i < frames; i++)
            {
                short v = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate));
                w.Write(v);
                w.Write(v);
            }
            return path;
        }

        private static (int Code, string Stdout, string Stderr) MerWithoutNativeAudio(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mer.dll"));
            foreach (var a in args)
                start.ArgumentList.Add(a);
            start.Environment["MUSICEMOTION_HIDE_NATIVE_LIBRARIES"] = "libsndfile,libsoxr,libmpg123";
            using var process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }

        [Theory]
        [InlineData("auto")]
        [InlineData("managed")]
        public void WithoutNativeLibrariesAutoAndManagedDecode(string decoder)
        {
            var png = Path.Combine(_folder, decoder + ".png");
            var run = MerWithoutNativeAudio("spectrogram", Wav(), "--out", png, "--duration", "2", "--decoder", decoder);
            Assert.True(run.Code == 0, $"exit {run.Code}: {run.Stderr}");
            Assert.Contains("1025 bins x 87 frames", run.Stdout);
            Assert.True(new FileInfo(png).Length > 1000);
        }

        [Fact]
        public void WithoutNativeLibrariesNativeFailsNamingTheLibrary()
        {
            var run = MerWithoutNativeAudio("spectrogram", Wav(), "--out", Path.Combine(_folder, "n.png"), "--decoder", "native");
            Assert.Equal(1, run.Code);
            var line = run.Stderr.Trim();
            Assert.DoesNotContain('\n', line);
            Assert.Contains("libsndfile could not be loaded", line);
            Assert.Contains("libsndfile1", line);
        }

        [Fact]
        public void UnknownDecoderIsAUsageError()
        {
            var run = CliRun.Mer("spectrogram", Wav(), "--decoder", "gstreamer");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("'auto' 'native' 'managed' 'ffmpeg'", run.Stderr);
        }
    }
}
