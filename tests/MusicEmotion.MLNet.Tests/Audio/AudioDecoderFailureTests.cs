using System;
using System.IO;
using MusicEmotion.MLNet.Audio;
using MusicEmotion.MLNet.Transforms;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>Bad input: every failure names the file and the cause.</summary>
    [Collection(nameof(FfmpegFallbackTests))]
    public sealed class AudioDecoderFailureTests : IDisposable
    {
        private readonly AudioTestFiles _files = new AudioTestFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void MissingFile()
        {
            var path = _files.PathOf("nowhere.mp3");
            var e = Assert.Throws<FileNotFoundException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Equal($"Audio file '{path}' does not exist.", e.Message);
        }

        [Fact]
        public void EmptyFile()
        {
            var path = _files.WriteText("empty.wav", "");
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Equal($"Audio file '{path}' is empty (0 bytes).", e.Message);
        }

        [Fact]
        public void TextFileNamedMp3()
        {
            var path = _files.WriteText("lyrics.mp3", "These are not the samples you are looking for.\n");
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Contains($"Audio file '{path}' is not a readable audio file", e.Message);
            Assert.Contains("libsndfile could not open it", e.Message);
        }

        [Theory]
        [InlineData("cut.wav", 20000)]
        [InlineData("cut.flac", 12000)]
        [InlineData("cut.mp3", 6000)]
        public void TruncatedFile(string name, int keepBytes)
        {
            var whole = _files.Write("whole-" + name, AudioTestFiles.Sine(2 * 44100, 440, 44100), 44100);
            var path = _files.Truncate(whole, name, keepBytes);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Contains($"Audio file '{path}' is", e.Message);
            Assert.Contains("truncated", e.Message);
        }

        [Fact]
        public void FileWithNoSamples()
        {
            var path = _files.Write("silent-nothing.wav", Array.Empty<float>(), 22050);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Equal($"Audio file '{path}' decoded to zero samples.", e.Message);
        }

        [Fact]
        public void NonFiniteSamplesAreRejected()
        {
            var x = AudioTestFiles.Sine(1000, 440, 8000);
            x[10] = float.NaN;
            x[20] = float.PositiveInfinity;
            var path = _files.Write("nan.wav", x, 8000, floatingPoint: true);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 8000));
            Assert.Contains($"Audio file '{path}' contains 2 non-finite (NaN or infinite) samples, the first at sample 10", e.Message);
        }

        [Fact]
        public void OffsetBeyondTheEnd()
        {
            var path = _files.Write("two-seconds.wav", AudioTestFiles.Sine(16000, 440, 8000), 8000);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                AudioDecoder.ReadClip(path, 8000, 5, ClipAlignment.Start, new float[800]));
            Assert.Contains($"Offset=5 s is at or beyond the end of audio file '{path}' (2 s long).", e.Message);
        }

        [Fact]
        public void MissingNativeLibraryNamesThePackageAndTheSetupScript()
        {
            var e = Assert.Throws<DllNotFoundException>(() =>
                NativeLibraryLoader.Load("libnothing", "libnothing9", new[] { "libnothing.so.9" }));
            Assert.Contains("libnothing (libnothing.so.9) could not be loaded", e.Message);
            Assert.Contains("sudo apt-get install libnothing9", e.Message);
            Assert.Contains("build/setup.sh", e.Message);
        }

        [Fact]
        public void WriterRejectsUnknownExtension()
        {
            var e = Assert.Throws<ArgumentException>(() => AudioWriter.Write(_files.PathOf("x.xyz"), new float[4], 1, 8000));
            Assert.Contains("'.xyz'", e.Message);
        }
    }
}
