using System;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>The engine against a direct O(N²) DFT in double, for FFT sizes from 2 to 2048, both precisions and
    /// window kinds: covers the scalar loader (sizes below 16, double precision), the AVX loader, the trailing radix-2
    /// pass (M = 2, 8, 32, ...) and the degenerate M = 1.</summary>
    public class LaneRealFftTests
    {
        [Theory]
        [InlineData(2, false)]
        [InlineData(4, false)]
        [InlineData(8, false)]
        [InlineData(16, false)]
        [InlineData(32, false)]
        [InlineData(64, true)]
        [InlineData(128, false)]
        [InlineData(2048, true)]
        [InlineData(1024, false)]
        public void MagnitudesMatchADirectDft(int n, bool doublePrecision)
        {
            var random = new Random(n);
            int hop = Math.Max(1, n / 3);
            var signal = Enumerable.Range(0, 2 * n + 7).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var cos = Enumerable.Range(0, n).Select(j => Math.Cos(2 * Math.PI * j / n)).ToArray();
            var sin = Enumerable.Range(0, n).Select(j => Math.Sin(2 * Math.PI * j / n)).ToArray();
            foreach (var window in new[] { WindowType.Hann, WindowType.Rectangular })
            {
                var windowValues = Enumerable.Range(0, n)
                    .Select(j => window == WindowType.Hann ? 0.5 - 0.5 * Math.Cos(2 * Math.PI * j / n) : 1.0).ToArray();
                var engine = new StftEngine(n, hop, n, window, false, PaddingMode.Constant, doublePrecision);
                int frames = engine.FrameCount(signal.Length);
                int bins = n / 2 + 1;
                var output = new float[bins * frames];
                engine.Compute(signal, output, new SpectrumScaling(SpectrogramScale.Magnitude, default, 1e-5f, null));
                for (int t = 0; t < frames; t++)
                {
                    for (int k = 0; k < bins; k++)
                    {
                        double re = 0, im = 0;
                        for (int j = 0; j < n; j++)
                        {
                            double x = signal[t * hop + j] * windowValues[j];
                            int phase = (int)((long)k * j % n);
                            re += x * cos[phase];
                            im -= x * sin[phase];
                        }
                        double expected = Math.Sqrt(re * re + im * im);
                        Assert.True(Math.Abs(expected - output[k * frames + t]) <= 1e-5 * Math.Sqrt(n) + 1e-6,
                            $"n={n} {window} frame {t} bin {k}: expected {expected}, got {output[k * frames + t]}");
                    }
                }
            }
        }

        [Fact]
        public void ReflectPaddingMirrorsWithoutRepeatingTheEdge()
        {
            // numpy: np.pad([1, 2, 3, 4, 5], 4, mode='reflect') = [5 4 3 2 | 1 2 3 4 5 | 4 3 2 1]; a rectangular 8-point
            // frame at 0 sums [5 4 3 2 1 2 3 4] = 24 into bin 0.
            var engine = new StftEngine(8, 1, 8, WindowType.Rectangular, true, PaddingMode.Reflect);
            var signal = new float[] { 1, 2, 3, 4, 5 };
            int frames = engine.FrameCount(signal.Length);
            Assert.Equal(6, frames);
            var output = new float[5 * frames];
            engine.Compute(signal, output, new SpectrumScaling(SpectrogramScale.Magnitude, default, 1e-5f, null));
            Assert.Equal(24f, output[0], 4);
            // Last frame: [2 3 4 5 4 3 2 1] = 24 as well.
            Assert.Equal(24f, output[frames - 1], 4);
            // Frame 1 = [4 3 2 1 2 3 4 5] = 24; frame 2 = [3 2 1 2 3 4 5 4] = 24.
            Assert.Equal(24f, output[1], 4);
        }
    }
}
