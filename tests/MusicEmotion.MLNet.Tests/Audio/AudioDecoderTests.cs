using System;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    public sealed class AudioDecoderTests : IDisposable
    {
        private readonly AudioTestFiles _files = new AudioTestFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void FloatWavAtTargetRateIsReadExactly()
        {
            var x = AudioTestFiles.Distinct(22050, 22050);
            var path = _files.Write("exact.wav", x, 22050, floatingPoint: true);
            Assert.Equal(x, AudioDecoder.ReadAll(path, 22050));
        }

        [Theory]
        [InlineData("pcm.wav")]
        [InlineData("pcm.flac")]
        public void LosslessSixteenBitIsWithinOneQuantisationStep(string name)
        {
            var x = AudioTestFiles.Sine(16000, 440, 16000);
            var y = AudioDecoder.ReadAll(_files.Write(name, x, 16000), 16000);
            Assert.Equal(x.Length, y.Length);
            Assert.True(x.Zip(y, (a, b) => Math.Abs(a - b)).Max() <= 1.0 / 32768 + 1e-7);
        }

        [Theory]
        [InlineData("lossy.ogg", 0)]
        [InlineData("lossy.mp3", 1152)]
        public void LossyFormatsKeepFrequencyAndLevel(string name, int lengthTolerance)
        {
            const int rate = 44100;
            var x = AudioTestFiles.Sine(2 * rate, 440, rate, amplitude: 0.5);
            var y = AudioDecoder.ReadAll(_files.Write(name, x, rate), rate);
            Assert.InRange(y.Length, x.Length - lengthTolerance, x.Length + lengthTolerance);
            var middle = y.AsSpan(rate / 2, rate);
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(middle, rate), 438, 442);
            Assert.InRange(AudioTestFiles.Rms(middle), 0.5 / Math.Sqrt(2) * 0.95, 0.5 / Math.Sqrt(2) * 1.05);
            Assert.All(y, v => Assert.True(float.IsFinite(v)));
        }

        [Fact]
        public void OpusAt48kHzKeepsFrequencyAndLevel()
        {
            const int rate = 48000;
            var x = AudioTestFiles.Sine(2 * rate, 440, rate, amplitude: 0.5);
            var y = AudioDecoder.ReadAll(_files.Write("lossy.opus", x, rate), 22050);
            Assert.InRange(y.Length, 44100 - 2048, 44100 + 2048);
            var middle = y.AsSpan(11025, 22050);
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(middle, 22050), 438, 442);
            Assert.InRange(AudioTestFiles.Rms(middle), 0.5 / Math.Sqrt(2) * 0.9, 0.5 / Math.Sqrt(2) * 1.1);
        }

        [Fact]
        public void OppositeStereoChannelsAverageToSilence()
        {
            var x = AudioTestFiles.Sine(8000, 300, 8000);
            var stereo = AudioTestFiles.Interleave(x, x.Select(v => -v).ToArray());
            var y = AudioDecoder.ReadAll(_files.Write("opposite.wav", stereo, 8000, channels: 2, floatingPoint: true), 8000);
            Assert.Equal(new float[x.Length], y);
        }

        [Fact]
        public void StereoIsTheMeanOfTheChannels()
        {
            // 8003 frames: the vectorised path (8 frames at a time) and the scalar remainder.
            var a = AudioTestFiles.Sine(8003, 300, 8000, 0.6);
            var b = AudioTestFiles.Sine(8003, 1100, 8000, 0.3);
            var y = AudioDecoder.ReadAll(_files.Write("mean.wav", AudioTestFiles.Interleave(a, b), 8000, channels: 2, floatingPoint: true), 8000);
            Assert.Equal(a.Zip(b, (l, r) => (l + r) / 2).ToArray(), y);
        }

        [Fact]
        public void ThreeChannelsAreAveraged()
        {
            var interleaved = new float[3 * 100];
            for (int i = 0; i < 100; i++)
            {
                interleaved[3 * i] = 0.3f;
                interleaved[3 * i + 1] = -0.6f;
                interleaved[3 * i + 2] = 0.9f;
            }
            var y = AudioDecoder.ReadAll(_files.Write("three.wav", interleaved, 8000, channels: 3, floatingPoint: true), 8000);
            Assert.All(y, v => Assert.Equal((0.3f + -0.6f + 0.9f) / 3, v));
        }

        [Fact]
        public void ResamplingHalvesTheRateAndKeepsTheSine()
        {
            var x = AudioTestFiles.Sine(44100, 1000, 44100, 0.5);
            var y = AudioDecoder.ReadAll(_files.Write("rate.wav", x, 44100, floatingPoint: true), 22050);
            Assert.Equal(22050, y.Length); // ceil(44100 · 22050 / 44100), librosa's fix_length
            var expected = AudioTestFiles.Sine(22050, 1000, 22050, 0.5);
            // soxr is linear phase with its delay removed: away from the edges the output is the ideal sine.
            double worst = 0;
            for (int i = 1000; i < 21050; i++)
                worst = Math.Max(worst, Math.Abs(y[i] - expected[i]));
            Assert.True(worst < 2e-3, $"max error {worst}");
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(y, 22050), 999.5, 1000.5);
        }

        [Fact]
        public void ResamplingRemovesContentAboveTheNewNyquist()
        {
            var x = AudioTestFiles.Sine(44100, 15000, 44100, 0.5);
            var y = AudioDecoder.ReadAll(_files.Write("alias.wav", x, 44100, floatingPoint: true), 22050);
            Assert.True(AudioTestFiles.Rms(y.AsSpan(1000, 20000)) < 1e-3);
        }

        [Fact]
        public void ShortAudioIsLoopedToFillTheClip()
        {
            var x = AudioTestFiles.Distinct(1000, 8000);
            var path = _files.Write("short.wav", x, 8000, floatingPoint: true);
            var clip = new float[2500];
            AudioDecoder.ReadClip(path, 8000, 0, ClipAlignment.Start, clip);
            var expected = x.Concat(x).Concat(x.Take(500)).ToArray();
            Assert.Equal(expected, clip);
        }

        [Fact]
        public void OffsetCutsFromThatSecond()
        {
            var x = AudioTestFiles.Distinct(3 * 8000, 8000);
            var path = _files.Write("offset.wav", x, 8000, floatingPoint: true);
            var clip = new float[8000];
            AudioDecoder.ReadClip(path, 8000, 1.25, ClipAlignment.Start, clip);
            Assert.Equal(x.Skip(10000).Take(8000).ToArray(), clip);
        }

        [Fact]
        public void OffsetNearTheEndLoopsWhatIsLeft()
        {
            var x = AudioTestFiles.Distinct(3 * 8000, 8000);
            var path = _files.Write("tail.wav", x, 8000, floatingPoint: true);
            var clip = new float[8000];
            AudioDecoder.ReadClip(path, 8000, 2.5, ClipAlignment.Start, clip);
            var tail = x.Skip(20000).ToArray();
            Assert.Equal(tail.Concat(tail).ToArray(), clip);
        }

        [Fact]
        public void CentreTakesTheMiddle()
        {
            var x = AudioTestFiles.Distinct(3 * 8000, 8000);
            var path = _files.Write("centre.wav", x, 8000, floatingPoint: true);
            var clip = new float[8000];
            AudioDecoder.ReadClip(path, 8000, 0, ClipAlignment.Center, clip);
            Assert.Equal(x.Skip(8000).Take(8000).ToArray(), clip);
        }

        [Fact]
        public void ProbeReadsTheHeaderOnly()
        {
            var path = _files.Write("probe.flac", AudioTestFiles.Sine(3 * 16000, 440, 16000), 16000);
            var info = AudioDecoder.Probe(path);
            Assert.Equal(48000, info.Frames);
            Assert.Equal(16000, info.SampleRate);
            Assert.Equal(1, info.Channels);
            Assert.Equal(3.0, info.Duration, 9);
        }
    }
}
