using System;
using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>The managed decoding backend (NAudio, NLayer, the sinc resampler): runs on every machine, on WAV files
    /// written byte by byte; compared with the native backend where libsndfile/libsoxr load and with ffmpeg-made mp3s
    /// where ffmpeg is installed.</summary>
    public sealed class ManagedDecoderTests : IDisposable
    {
        private const AudioDecoderBackend Managed = AudioDecoderBackend.Managed;
        private readonly AudioTestFiles _files = new AudioTestFiles();

        public void Dispose() => _files.Dispose();

        [Theory]
        [InlineData(8, false)]
        [InlineData(16, false)]
        [InlineData(24, false)]
        [InlineData(32, false)]
        [InlineData(32, true)]
        public void WavSamplesAreTheStoredValuesScaledAsLibsndfileScalesThem(int bits, bool floatingPoint)
        {
            var x = AudioTestFiles.Sine(4000, 440, 8000, 0.6);
            var path = WavFile.Write(_files.PathOf($"s{bits}{floatingPoint}.wav"), x, 8000, 1, bits, floatingPoint);
            var y = AudioDecoder.ReadAll(path, 8000, Managed);
            var expected = floatingPoint ? x : x.Select(v => WavFile.Quantized(v, bits)).ToArray();
            Assert.Equal(expected, y);
        }

        [Fact]
        public void EightBitWavIsUnsigned()
        {
            // Bytes 0, 128 and 255 are -1, 0 and 127/128.
            var path = WavFile.Write(_files.PathOf("u8.wav"), new[] { -1f, 0f, 127 / 128f }, 8000, 1, 8);
            Assert.Equal(new[] { -1f, 0f, 127 / 128f }, AudioDecoder.ReadAll(path, 8000, Managed));
        }

        [Fact]
        public void ExtensibleFloatStereoIsTheMeanOfItsChannels()
        {
            var a = AudioTestFiles.Sine(3000, 300, 8000, 0.5);
            var b = AudioTestFiles.Sine(3000, 700, 8000, 0.25);
            var path = WavFile.Write(_files.PathOf("ext.wav"), AudioTestFiles.Interleave(a, b), 8000, 2, 32, floatingPoint: true, extensible: true);
            var y = AudioDecoder.ReadAll(path, 8000, Managed);
            Assert.Equal(a.Zip(b, (l, r) => (l + r) * 0.5f).ToArray(), y);
        }

        [Theory]
        [InlineData(44100, 2, 16)]
        [InlineData(48000, 2, 16)]
        [InlineData(48000, 1, 24)]
        [InlineData(44100, 1, 8)]
        [InlineData(32000, 2, 32)]
        public void ResampledTo22050WithLevelAndFrequencyKept(int rate, int channels, int bits)
        {
            var x = AudioTestFiles.Sine(2 * rate, 1000, rate, 0.5);
            var interleaved = channels == 2 ? AudioTestFiles.Interleave(x, x) : x;
            var path = WavFile.Write(_files.PathOf($"r{rate}-{channels}-{bits}.wav"), interleaved, rate, channels, bits);
            var y = AudioDecoder.ReadAll(path, 22050, Managed);
            Assert.Equal((int)Math.Ceiling(2 * rate * 22050.0 / rate), y.Length);
            var middle = y.AsSpan(2205, 22050 * 2 - 4410);
            double tolerance = bits == 8 ? 0.01 : 0.001; // 8-bit quantisation noise is -48 dB
            Assert.InRange(AudioTestFiles.Rms(middle), 0.5 / Math.Sqrt(2) * (1 - tolerance), 0.5 / Math.Sqrt(2) * (1 + tolerance));
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(middle, 22050), 999.5, 1000.5);
        }

        [Fact]
        public void ClipOffsetAndLoopingMatchTheWholeFile()
        {
            var x = AudioTestFiles.Distinct(8000 * 3, 8000);
            var path = WavFile.Write(_files.PathOf("clip.wav"), x, 8000, 1, 32, floatingPoint: true);
            var clip = new float[8000];
            AudioDecoder.ReadClip(path, 8000, 1.5, ClipAlignment.Start, clip, Managed);
            Assert.Equal(x.AsSpan(12000, 8000).ToArray(), clip);
            // 1 s left after 2 s: looped to fill a 1.5-s clip.
            var longer = new float[12000];
            AudioDecoder.ReadClip(path, 8000, 2, ClipAlignment.Start, longer, Managed);
            Assert.Equal(x.AsSpan(16000, 8000).ToArray(), longer.AsSpan(0, 8000).ToArray());
            Assert.Equal(x.AsSpan(16000, 4000).ToArray(), longer.AsSpan(8000, 4000).ToArray());
            AudioDecoder.ReadClip(path, 8000, 0, ClipAlignment.Center, clip, Managed);
            Assert.Equal(x.AsSpan(8000, 8000).ToArray(), clip);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => AudioDecoder.ReadClip(path, 8000, 3, ClipAlignment.Start, clip, Managed));
            Assert.Contains("beyond the end of audio file", error.Message);
        }

        [Fact]
        public void ProbeReadsTheHeader()
        {
            var path = WavFile.Write(_files.PathOf("probe.wav"), new float[2 * 4410], 44100, 2, 16);
            var info = AudioDecoder.Probe(path, Managed);
            Assert.Equal((4410L, 44100, 2, AudioBackend.Managed), (info.Frames, info.SampleRate, info.Channels, info.Backend));
        }

        [NativeAudioTheory]
        [InlineData(16, false, 44100)]
        [InlineData(24, false, 48000)]
        [InlineData(32, true, 22050)]
        public void WavDecodesAsTheNativeBackend(int bits, bool floatingPoint, int rate)
        {
            var a = AudioTestFiles.Distinct(rate, rate);
            var b = AudioTestFiles.Sine(rate, 3000, rate, 0.3);
            var path = WavFile.Write(_files.PathOf($"n{bits}.wav"), AudioTestFiles.Interleave(a, b), rate, 2, bits, floatingPoint);
            Assert.Equal(AudioDecoder.ReadAll(path, rate, AudioDecoderBackend.Native), AudioDecoder.ReadAll(path, rate, Managed));
            var native = AudioDecoder.ReadAll(path, 22050, AudioDecoderBackend.Native);
            var managed = AudioDecoder.ReadAll(path, 22050, Managed);
            Assert.Equal(native.Length, managed.Length);
            // soxr_hq and the sinc resampler differ only in the transition band near 11 kHz and in rounding.
            Assert.True(MaxAbs(native, managed) < 2e-3, $"max |native - managed| = {MaxAbs(native, managed)}");
        }

        [FfmpegFact]
        public void Mp3MadeByFfmpegDecodesToItsLengthAndSignal()
        {
            const int rate = 44100;
            var x = AudioTestFiles.Sine(3 * rate, 440, rate, 0.5);
            var wav = WavFile.Write(_files.PathOf("src.wav"), AudioTestFiles.Interleave(x, x), rate, 2, 16);
            // -write_xing 0: no Xing/Info header, as the Emotify files.
            var mp3 = _files.Ffmpeg(wav, "tone.mp3", "-c:a libmp3lame -b:a 128k -write_xing 0");
            var info = AudioDecoder.Probe(mp3, Managed);
            var ffmpegFrames = AudioTestFiles.FfmpegDecode(mp3).Length / 2;
            Assert.InRange(info.Frames, ffmpegFrames - 1152, ffmpegFrames + 1152);
            var y = AudioDecoder.ReadAll(mp3, rate, Managed);
            Assert.Equal(info.Frames, y.Length);
            var middle = y.AsSpan(rate / 2, rate * 2);
            // LAME's output is about 0.5 dB below its input here; the decoders must agree on it.
            double ffmpegRms = AudioTestFiles.Rms(AudioTestFiles.MeanOfStereo(AudioTestFiles.FfmpegDecode(mp3)).AsSpan(rate / 2, rate * 2));
            Assert.InRange(AudioTestFiles.Rms(middle), ffmpegRms * 0.995, ffmpegRms * 1.005);
            Assert.InRange(ffmpegRms, 0.5 / Math.Sqrt(2) * 0.9, 0.5 / Math.Sqrt(2) * 1.02);
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(middle, rate), 439, 441);
        }

        [FfmpegFact]
        public void Mp3SegmentAtAnOffsetEqualsTheSameSamplesOfTheWholeFile()
        {
            const int rate = 44100;
            var x = AudioTestFiles.Distinct(4 * rate, rate);
            var wav = WavFile.Write(_files.PathOf("seek.wav"), x, rate, 1, 16);
            var mp3 = _files.Ffmpeg(wav, "seek.mp3", "-c:a libmp3lame -b:a 64k -write_xing 0");
            var whole = AudioDecoder.ReadAll(mp3, rate, Managed);
            var clip = new float[rate];
            AudioDecoder.ReadClip(mp3, rate, 2.3, ClipAlignment.Start, clip, Managed);
            int start = (int)Math.Round(2.3 * rate, MidpointRounding.ToEven);
            Assert.True(MaxAbs(whole.AsSpan(start, rate).ToArray(), clip) < 1e-6, $"max diff {MaxAbs(whole.AsSpan(start, rate).ToArray(), clip)}");
        }

        [NativeAudioFact(NeedsFfmpeg = true)]
        public void Mp3DecodesAsLibmpg123()
        {
            const int rate = 44100;
            var a = AudioTestFiles.Distinct(3 * rate, rate);
            var b = AudioTestFiles.Sine(3 * rate, 1234, rate, 0.3);
            var wav = WavFile.Write(_files.PathOf("stereo.wav"), AudioTestFiles.Interleave(a, b), rate, 2, 16);
            var mp3 = _files.Ffmpeg(wav, "stereo.mp3", "-c:a libmp3lame -b:a 64k -write_xing 0");
            Assert.Equal(AudioDecoder.Probe(mp3, AudioDecoderBackend.Native).Frames, AudioDecoder.Probe(mp3, Managed).Frames);
            var native = AudioDecoder.ReadAll(mp3, rate, AudioDecoderBackend.Native);
            var managed = AudioDecoder.ReadAll(mp3, rate, Managed);
            Assert.Equal(native.Length, managed.Length);
            Assert.True(MaxAbs(native, managed) < 1e-4, $"max |libmpg123 - NLayer| = {MaxAbs(native, managed)}");
        }

        [FfmpegFact]
        public void AiffDecodesAsTheSameWav()
        {
            var x = AudioTestFiles.Sine(8000, 500, 16000, 0.5);
            var wav = WavFile.Write(_files.PathOf("same.wav"), AudioTestFiles.Interleave(x, x), 16000, 2, 16);
            var aiff = _files.Ffmpeg(wav, "same.aiff", "-c:a pcm_s16be");
            Assert.Equal(AudioDecoder.ReadAll(wav, 16000, Managed), AudioDecoder.ReadAll(aiff, 16000, Managed));
        }

        private static double MaxAbs(float[] a, float[] b)
        {
            double max = 0;
            for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
                max = Math.Max(max, Math.Abs(a[i] - b[i]));
            return max;
        }
    }
}
