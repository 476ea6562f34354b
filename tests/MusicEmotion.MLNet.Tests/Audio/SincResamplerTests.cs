using System;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>The managed resampler's response: a sine keeps its frequency (peak FFT bin) and level in the passband,
    /// is removed above the lower Nyquist frequency (no aliasing), and the output is aligned as soxr's.</summary>
    public sealed class SincResamplerTests
    {
        private static float[] Resample(float[] x, int source, int target)
        {
            var y = new float[Soxr.OutputLength(x.Length, source, target)];
            SincResampler.ResampleMono(x, source, target, y);
            return y;
        }

        /// <summary>Level in dB relative to a sine of amplitude 0.5, away from the edges.</summary>
        private static double LevelDb(float[] y) => 20 * Math.Log10(AudioTestFiles.Rms(y.AsSpan(y.Length / 8, y.Length * 3 / 4)) / (0.5 / Math.Sqrt(2)));

        /// <summary>Of the frequencies <paramref name="expected"/> ± k·rate/32768 (|k| ≤ 20), the one where a
        /// Hann-windowed DFT of 32,768 samples from the middle of <paramref name="y"/> peaks.</summary>
        private static double PeakFrequency(float[] y, int rate, double expected)
        {
            const int n = 32768;
            int start = (y.Length - n) / 2;
            double step = (double)rate / n, best = double.NaN, bestMagnitude = -1;
            for (int k = -20; k <= 20; k++)
            {
                double f = expected + k * step, re = 0, im = 0;
                for (int i = 0; i < n; i++)
                {
                    double w = (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n)) * y[start + i], phase = 2 * Math.PI * f * i / rate;
                    re += w * Math.Cos(phase);
                    im -= w * Math.Sin(phase);
                }
                double magnitude = re * re + im * im;
                if (magnitude > bestMagnitude)
                {
                    bestMagnitude = magnitude;
                    best = f;
                }
            }
            return best;
        }

        [Theory]
        [InlineData(44100, 22050, 1000)]
        [InlineData(48000, 22050, 1000)]
        [InlineData(32000, 22050, 5000)]
        [InlineData(22050, 44100, 3000)]
        [InlineData(22050, 22051, 2000)]   // L = 22051 phases: the interpolated table
        [InlineData(44100, 22050, 10065)]  // 0.913 of Nyquist, the passband end
        public void PassbandSineKeepsItsFrequencyAndLevel(int source, int target, double frequency)
        {
            var x = AudioTestFiles.Sine(2 * source, frequency, source, 0.5);
            var y = Resample(x, source, target);
            Assert.InRange(LevelDb(y), -0.01, 0.01);
            Assert.InRange(PeakFrequency(y, target, frequency), frequency - 1.01 * target / 32768, frequency + 1.01 * target / 32768);
        }

        [Theory]
        [InlineData(44100, 12000)]  // would alias to 10,050 Hz
        [InlineData(44100, 16000)]
        [InlineData(48000, 11500)]
        public void AboveTheTargetNyquistNothingIsLeft(int source, double frequency)
        {
            var x = AudioTestFiles.Sine(2 * source, frequency, source, 0.5);
            var y = Resample(x, source, 22050);
            Assert.True(LevelDb(y) < -110, $"{frequency} Hz at {source} Hz leaves {LevelDb(y):0.0} dB after resampling to 22050 Hz");
        }

        [Fact]
        public void AnImpulseLandsOnTheSameTimeAsInSoxr()
        {
            // Input sample 1000 at 44.1 kHz is output sample 500 at 22.05 kHz; the filter is symmetric around it.
            var x = new float[4000];
            x[1000] = 1;
            var y = Resample(x, 44100, 22050);
            Assert.Equal(2000, y.Length);
            int peak = Array.IndexOf(y, y.Max());
            Assert.Equal(500, peak);
            for (int k = 1; k < 100; k++)
                Assert.Equal(y[500 - k], y[500 + k], 6);
            // DC gain 1: the impulse response of a half-band low-pass sums to 1/2 per output sample.
            Assert.Equal(0.5, y.Sum(v => (double)v), 4);
        }

        [Fact]
        public void SameRateIsACopyAndTheTailIsZeroAfterTheInput()
        {
            var x = AudioTestFiles.Distinct(1000, 8000);
            var y = new float[1000];
            SincResampler.ResampleMono(x, 8000, 8000, y);
            Assert.Equal(x, y);
        }

        [NativeAudioFact]
        public void MatchesSoxrHqInThePassband()
        {
            // A mixture of sines below 9 kHz at 44.1 kHz: soxr_hq and the sinc resampler agree to rounding there.
            var rand = new Random(3);
            var x = new float[44100 * 2];
            for (int s = 0; s < 20; s++)
            {
                double f = 50 + rand.NextDouble() * 9000, a = 0.04 * rand.NextDouble(), phase = rand.NextDouble() * 6;
                for (int i = 0; i < x.Length; i++)
                    x[i] += (float)(a * Math.Sin(2 * Math.PI * f * i / 44100 + phase));
            }
            var soxr = new float[Soxr.OutputLength(x.Length, 44100, 22050)];
            Soxr.ResampleMono(x, 44100, 22050, soxr);
            var ours = Resample(x, 44100, 22050);
            double max = 0;
            for (int i = 0; i < soxr.Length; i++)
                max = Math.Max(max, Math.Abs(soxr[i] - ours[i]));
            Assert.True(max < 1e-4, $"max |soxr - sinc| = {max}");
        }
    }
}
