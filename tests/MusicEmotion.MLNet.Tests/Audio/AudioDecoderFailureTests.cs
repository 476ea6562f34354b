using System;
using System.IO;
using Xunit;
using MusicEmotion.MLNet.Experiments;

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

        [FfmpegTheory]
        [InlineData("lyrics.mp3")]
        [InlineData("lyrics.flac")]
        [InlineData("lyrics.wav")]
        public void TextFileNamedAsAudio(string name)
        {
            var path = _files.WriteText(name, "These are not the samples you are looking for.\n");
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.StartsWith($"Audio file '{path}' is not an audio file libsndfile or ffmpeg can read (", e.Message);
            AssertOneLineWithoutLibraryText(e.Message);
            Assert.Equal(e.Message, Assert.Throws<InvalidDataException>(() => AudioDecoder.Probe(path)).Message);
        }

        [FfmpegTheory]
        [InlineData("noise.flac")]
        [InlineData("noise.mp3")]
        [InlineData("noise.ogg")]
        public void RandomBytesNamedAsAudio(string name)
        {
            var bytes = new byte[20000];
            new Random(11).NextBytes(bytes);
            var path = _files.PathOf(name);
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Matches($"^Audio file '{System.Text.RegularExpressions.Regex.Escape(path)}' (is not an audio file libsndfile or ffmpeg can read|is corrupt)", e.Message);
            Assert.DoesNotContain("0 Hz and 0 channels", e.Message);
            AssertOneLineWithoutLibraryText(e.Message);
        }

        [FfmpegFact]
        public void UnknownWavFormatTagIsNamed()
        {
            var path = WithFormatTag(_files.Write("tag.wav", AudioTestFiles.Sine(8000, 440, 8000), 8000), "tag-1234.wav", 0x1234);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Equal($"Audio file '{path}' has an unsupported WAV format tag 0x1234: neither libsndfile nor ffmpeg decodes it.", e.Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(999)]
        [InlineData(768001)]
        [InlineData(2000000000)]
        public void ImpossibleSourceRateIsRejected(int rate)
        {
            var path = WithRate(_files.Write("rate.wav", AudioTestFiles.Sine(8000, 440, 8000), 8000), $"rate-{rate}.wav", rate);
            var expected = $"Audio file '{path}' declares a sample rate of {rate} Hz; a source rate must be between 1000 and 768000 Hz, " +
                "so its header is corrupt.";
            Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050)).Message);
            Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => AudioDecoder.Probe(path)).Message);
        }

        [Theory]
        [InlineData(1000)]
        [InlineData(768000)]
        public void SourceRatesAtTheBoundsAreRead(int rate)
        {
            var path = WithRate(_files.Write("rate.wav", AudioTestFiles.Sine(8000, 440, 8000), 8000), $"rate-{rate}.wav", rate);
            Assert.Equal(rate, AudioDecoder.Probe(path).SampleRate);
            Assert.Equal(8000, AudioDecoder.ReadAll(path, rate).Length);
        }

        [Fact]
        public void TruncatedFlacReadFromAnOffsetSaysTruncated()
        {
            var whole = _files.Write("whole.flac", AudioTestFiles.Sine(3 * 44100, 440, 44100), 44100);
            var path = _files.Truncate(whole, "cut.flac", 12000);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadClip(path, 22050, 2, ClipAlignment.Start, new float[100]));
            Assert.StartsWith($"Audio file '{path}' is truncated or corrupt: its header declares 132300 frames but it ends before frame 88200.", e.Message);
            Assert.DoesNotContain("psf_", e.Message);
        }

        [Fact]
        public void FfmpegErrorOutputIsReducedToItsLastMeaningfulLine()
        {
            var stderr = "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\n" +
                "  built with gcc 12 (Debian 12.2.0-14)\n  configuration: --prefix=/usr --enable-gpl\n" +
                "[wav @ 0x55d0c1a2b3c0] unknown codec tag 0x1234\n" +
                "[aist#0:0/none @ 0x55d0c1a2c100] Decoder (codec none) not found for input stream #0:0\n" +
                "Error opening output file -.\nConversion failed!\n";
            var e = new Exception($"ffmpeg exited with non-zero exit-code (1 - {stderr})");
            Assert.Equal("Decoder (codec none) not found for input stream #0:0", FfmpegDecoder.LastErrorLine(e));
            Assert.Equal("Invalid data found when processing input",
                FfmpegDecoder.LastErrorLine(new Exception("ffprobe exited with non-zero exit-code (1 - /tmp/x/a.mp3: Invalid data found when processing input\n)")));
        }

        private static void AssertOneLineWithoutLibraryText(string message)
        {
            Assert.DoesNotContain("\n", message);
            Assert.DoesNotContain("possibly a pipe", message);
            Assert.DoesNotContain("ffmpeg version", message);
            Assert.DoesNotContain("exit-code", message);
            Assert.DoesNotContain(" @ 0x", message);
            Assert.InRange(message.Length, 1, 400);
        }

        /// <summary>A copy of a 16-bit WAV whose <c>fmt </c> chunk (at byte 12 in AudioWriter's files) says another codec.</summary>
        private string WithFormatTag(string source, string name, int tag)
        {
            var bytes = File.ReadAllBytes(source);
            Assert.Equal("fmt ", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            BitConverter.GetBytes((ushort)tag).CopyTo(bytes, 20);
            var path = _files.PathOf(name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        /// <summary>A copy of a 16-bit mono WAV whose header claims <paramref name="rate"/> (and the matching byte rate).</summary>
        private string WithRate(string source, string name, int rate)
        {
            var bytes = File.ReadAllBytes(source);
            Assert.Equal("fmt ", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            BitConverter.GetBytes(rate).CopyTo(bytes, 24);
            BitConverter.GetBytes((int)Math.Min(int.MaxValue, 2L * rate)).CopyTo(bytes, 28);
            var path = _files.PathOf(name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        [Theory]
        [InlineData("cut.wav", 20000)]
        [InlineData("cut.flac", 12000)]
        [InlineData("cut.mp3", 6000)]
        [InlineData("cut.ogg", 5000)]
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
