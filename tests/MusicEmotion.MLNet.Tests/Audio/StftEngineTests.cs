using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>
    /// <see cref="StftEngine"/> against the librosa-equivalent float64 fixtures, like librosa's <c>test_stft</c>.
    /// Tolerances, element by element: magnitudes and ln(1 + S) within 1e-4 of the clip's largest reference magnitude
    /// (plus 1e-6 absolute, for silent clips), in both precisions; decibels within 1e-3 dB everywhere in double
    /// precision, and in single precision wherever the reference lies within 60 dB of the clip's maximum (below that,
    /// float32 round-off, about 1e-8 of the maximum, exceeds 1e-3 dB; there the magnitude rule still holds).
    /// </summary>
    public class StftEngineTests
    {
        private const double RelativeMagnitudeTolerance = 1e-4;
        private const double AbsoluteFloor = 1e-6;
        private const double DecibelTolerance = 1e-3;

        public static IEnumerable<object[]> Fixtures() => StftFixture.All();

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void MagnitudeMatchesReference(string name, string signal)
        {
            var f = StftFixture.Load(name, signal);
            double tolerance = RelativeMagnitudeTolerance * f.Magnitude.Max() + AbsoluteFloor;
            var expected = f.Magnitude.Select(v => (double)v).ToArray();
            AssertClose(expected, Compute(f, SpectrogramScale.Magnitude, doublePrecision: false), tolerance, f);
            AssertClose(expected, Compute(f, SpectrogramScale.Magnitude, doublePrecision: true), tolerance, f);
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void DoublePrecisionDecibelsMatchReferenceEverywhere(string name, string signal)
        {
            var f = StftFixture.Load(name, signal);
            var actual = Compute(f, SpectrogramScale.Decibels, doublePrecision: true);
            AssertClose(f.Decibels.Select(v => (double)v).ToArray(), actual, DecibelTolerance, f);
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void SinglePrecisionDecibelsMatchReferenceWithin60DbOfMax(string name, string signal)
        {
            var f = StftFixture.Load(name, signal);
            var actual = Compute(f, SpectrogramScale.Decibels, doublePrecision: false);
            double max = f.Decibels.Max();
            var expected = f.Decibels.Select(v => (double)v).ToArray();
            var mask = expected.Select(v => v >= max - 60).ToArray();
            Assert.Contains(true, mask);
            AssertClose(expected.Where((_, i) => mask[i]).ToArray(), actual.Where((_, i) => mask[i]).ToArray(), DecibelTolerance, f);
            // Below, the values are still the right decibels of magnitudes that meet the magnitude rule.
            double magnitudeTolerance = RelativeMagnitudeTolerance * f.Magnitude.Max() + AbsoluteFloor;
            var magnitudes = actual.Select(v => Math.Pow(10, v / 20.0)).ToArray();
            var expectedMagnitudes = expected.Select(v => Math.Pow(10, v / 20.0)).ToArray();
            AssertClose(expectedMagnitudes, magnitudes.Select(v => (float)v).ToArray(), magnitudeTolerance, f);
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void NaturalLog1pMatchesReference(string name, string signal)
        {
            var f = StftFixture.Load(name, signal);
            double tolerance = RelativeMagnitudeTolerance * f.Magnitude.Max() + AbsoluteFloor;
            var expected = f.Magnitude.Select(v => Math.Log(1.0 + v)).ToArray();
            AssertClose(expected, Compute(f, SpectrogramScale.NaturalLog1p, doublePrecision: false), tolerance, f);
            AssertClose(expected, Compute(f, SpectrogramScale.NaturalLog1p, doublePrecision: true), tolerance, f);
        }

        [Theory]
        [InlineData(661_500, 2048, 512, true, 1292)]
        [InlineData(661_500, 2048, 512, false, 1288)]
        [InlineData(2048, 2048, 512, false, 1)]
        [InlineData(2047, 2048, 512, true, 4)]
        [InlineData(1, 256, 64, true, 1)]
        [InlineData(1000, 256, 100, true, 11)]
        [InlineData(1000, 256, 100, false, 8)]
        public void FrameCountFollowsLibrosa(int samples, int fftSize, int hop, bool center, int expected)
        {
            var engine = new StftEngine(fftSize, hop, fftSize, WindowType.Hann, center, PaddingMode.Constant);
            Assert.Equal(expected, engine.FrameCount(samples));
            Assert.Equal(fftSize / 2 + 1, engine.BinCount);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ParallelAndSerialPathsAgreeBitForBit(bool doublePrecision)
        {
            var random = new Random(7);
            var signal = Enumerable.Range(0, 100_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var engine = new StftEngine(2048, 512, 2048, WindowType.Hann, true, PaddingMode.Constant,
                doublePrecision);
            int size = engine.BinCount * engine.FrameCount(signal.Length);
            var scaling = new SpectrumScaling(SpectrogramScale.Decibels, DecibelReference.Max, 1e-5f, 80f);
            var serial = new float[size];
            var parallel = new float[size];
            engine.Compute(signal, serial, scaling, allowParallel: false);
            engine.Compute(signal, parallel, scaling, allowParallel: true);
            Assert.Equal(serial, parallel);
            Assert.Equal(0.0, serial.Max(), 4);
            Assert.True(serial.Min() >= -80.0001f);
        }

        [Fact]
        public void SineLandsInItsBin()
        {
            // 16 cycles per 256 samples: bin 16 of a 256-point frame, Hann peak = N/4 · amplitude.
            var signal = Enumerable.Range(0, 4096).Select(n => (float)Math.Cos(2 * Math.PI * 16 * n / 256)).ToArray();
            var engine = new StftEngine(256, 64, 256, WindowType.Hann, false, PaddingMode.Constant);
            int frames = engine.FrameCount(signal.Length);
            var output = new float[engine.BinCount * frames];
            engine.Compute(signal, output, new SpectrumScaling(SpectrogramScale.Magnitude, default, 1e-5f, null));
            for (int t = 0; t < frames; t++)
            {
                Assert.Equal(64f, output[16 * frames + t], 3);
                Assert.Equal(32f, output[15 * frames + t], 3);
                Assert.True(output[40 * frames + t] < 1e-3f);
            }
        }

        private static float[] Compute(StftFixture f, SpectrogramScale scale, bool doublePrecision)
        {
            var engine = new StftEngine(f.FftSize, f.HopLength, f.WindowLength, f.Window, f.Center, f.PadMode, doublePrecision);
            Assert.Equal(f.Bins, engine.BinCount);
            Assert.Equal(f.Frames, engine.FrameCount(f.Samples.Length));
            var output = new float[f.Bins * f.Frames];
            engine.Compute(f.Samples, output, new SpectrumScaling(scale, f.Reference, f.Amin, f.TopDb));
            return output;
        }

        private static void AssertClose(double[] expected, float[] actual, double tolerance, StftFixture f)
        {
            Assert.Equal(expected.Length, actual.Length);
            double worst = 0;
            int worstIndex = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(expected[i] - actual[i]);
                if (error > worst)
                {
                    worst = error;
                    worstIndex = i;
                }
            }
            Assert.True(worst <= tolerance,
                $"{f.Case}/{f.Signal}: bin {worstIndex / f.Frames}, frame {worstIndex % f.Frames}: expected {expected[worstIndex]}, " +
                $"got {actual[worstIndex]} (error {worst:g3} > {tolerance:g3}).");
        }
    }
}
