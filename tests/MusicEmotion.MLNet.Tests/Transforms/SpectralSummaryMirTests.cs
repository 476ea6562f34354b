using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>The MIR groups of <see cref="SpectralSummaryEstimator"/> (MFCC, chroma, contrast, rhythm, dynamics)
    /// against TestData/summary/make_mir_fixtures.py, their order and names, and the model versions.</summary>
    public class SpectralSummaryMirTests
    {
        private const SpectralSummaryFeatures NewGroups = SpectralSummaryFeatures.Mfcc | SpectralSummaryFeatures.Chroma
            | SpectralSummaryFeatures.Contrast | SpectralSummaryFeatures.Rhythm | SpectralSummaryFeatures.Dynamics;

        private static readonly MLContext s_ml = new MLContext(seed: 1);

        /// <summary>make_mir_fixtures.py's signal: a C-major triad (20 dB softer after 2 s) and a 3-kHz click every
        /// 0.4 s (150 BPM), 4 s at 22,050 Hz.</summary>
        private static float[] Signal()
        {
            var y = new float[4 * 22050];
            for (int n = 0; n < y.Length; n++)
            {
                double t = n / 22050.0;
                double envelope = t < 2.0 ? 1.0 : 0.1;
                double chord = envelope * (0.2 * Math.Sin(2 * Math.PI * 261.63 * t) + 0.15 * Math.Sin(2 * Math.PI * 329.63 * t)
                    + 0.1 * Math.Sin(2 * Math.PI * 392.0 * t));
                double since = t % 0.4;
                double click = since < 0.05 ? 0.5 * Math.Exp(-since / 0.01) * Math.Sin(2 * Math.PI * 3000.0 * since) : 0.0;
                y[n] = (float)(chord + click);
            }
            return y;
        }

        private static IDataView Spectrograms(params float[][] signals)
        {
            var data = LogStftEstimatorTests.LoadRows(s_ml, signals[0].Length, signals);
            return s_ml.Transforms.LogStft(new LogStftEstimator.Options
            {
                OutputColumnName = "Spectrogram",
                InputColumnName = "Audio",
                DoublePrecision = true,
            }).Fit(data).Transform(data);
        }

        [Fact]
        public void MirGroupsMatchTheNumpyReference()
        {
            var expected = SummaryFixture.ReadExpected("mir.expected.txt");
            var data = Spectrograms(Signal());
            var transformer = s_ml.Transforms.SpectralSummary("Features", "Spectrogram", features: NewGroups).Fit(data);
            Assert.Equal(88, transformer.FeatureCount);
            var actual = FreshProcessScorer.ReadColumn(transformer.Transform(data), "Features");
            Assert.Equal(expected.Length, actual.Length);
            // Stated bound: 1e-3 relative plus 1e-3 absolute (dB, MFCC units, chroma shares, BPM); LogStft's double
            // precision is within 1e-3 dB of numpy's and the features are float32.
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = 1e-3 * Math.Abs(expected[i]) + 1e-3;
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"feature {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
            // The 0.4-s click period: lag 17 frames of 512 samples, 60 · 22050 / (512 · 17) = 152.0 BPM.
            Assert.Equal(152.0, actual[40 + 24 + 14 + 2], 1);
        }

        [Fact]
        public void AllIsThePapersSummaryFollowedByTheNewGroupsWithNames()
        {
            var data = Spectrograms(Signal());
            var paper = s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: SpectralSummaryFeatures.Paper).Fit(data);
            Assert.Equal(SpectralSummaryFeatures.Mir, s_ml.Transforms.SpectralSummary("F", "Spectrogram").Fit(data).Features);
            var all = s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: SpectralSummaryFeatures.All).Fit(data);
            var groups = s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: NewGroups).Fit(data);
            var mir = s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: SpectralSummaryFeatures.Mir).Fit(data);
            Assert.Equal(SpectralSummaryFeatures.Paper, paper.Features);
            Assert.Equal(2 * 1025 + 10, paper.FeatureCount);
            Assert.Equal(2 * 1025 + 10 + 88, all.FeatureCount);
            Assert.Equal(98, mir.FeatureCount);
            var p = FreshProcessScorer.ReadColumn(paper.Transform(data), "F");
            var a = FreshProcessScorer.ReadColumn(all.Transform(data), "F");
            var g = FreshProcessScorer.ReadColumn(groups.Transform(data), "F");
            var m = FreshProcessScorer.ReadColumn(mir.Transform(data), "F");
            Assert.Equal(p.Concat(g), a);
            Assert.Equal(p.Skip(2 * 1025).Concat(g), m);

            var transformed = all.Transform(data);
            VBuffer<ReadOnlyMemory<char>> names = default;
            transformed.Schema["F"].GetSlotNames(ref names);
            var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
            Assert.Equal(a.Length, slots.Length);
            Assert.Equal("Bin0Mean", slots[0]);
            Assert.Equal("CentroidMean", slots[2050]);
            Assert.Equal("Mfcc0Mean", slots[2060]);
            Assert.Equal("Chroma11Std", slots[2060 + 40 + 23]);
            Assert.Equal("Contrast0Mean", slots[2060 + 64]);
            Assert.Equal("Tempo", slots[2060 + 78 + 2]);
            Assert.Equal("LowEnergyRatio", slots[^1]);
            Assert.Equal(slots.Length, slots.Distinct().Count());
        }

        [Fact]
        public void SilenceGivesFiniteFeatures()
        {
            var data = Spectrograms(new float[22050]);
            var f = FreshProcessScorer.ReadColumn(s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: SpectralSummaryFeatures.All)
                .Fit(data).Transform(data), "F");
            Assert.All(f, x => Assert.True(float.IsFinite(x)));
            // No onsets: the prior alone picks the lag nearest 120 BPM, 22 frames = 117.45 BPM; clarity 0.
            Assert.Equal(60.0 * 22050 / (512 * 22), f[2060 + 78 + 2], 3);
            Assert.Equal(0f, f[2060 + 78 + 3]);
        }

        [Fact]
        public void SavedMirModelScoresBitIdenticallyInAFreshProcess()
        {
            var data = Spectrograms(Signal(), Signal().Select(x => 0.5f * x).ToArray());
            var model = s_ml.Transforms.SpectralSummary(new SpectralSummaryEstimator.Options
            {
                OutputColumnName = "Features",
                SpectrogramColumnName = "Spectrogram",
                Features = SpectralSummaryFeatures.Mfcc | SpectralSummaryFeatures.Rhythm,
                HopLength = 256,
            }).Fit(data);
            var expected = FreshProcessScorer.ReadColumn(model.Transform(data), "Features");
            Assert.Equal(2 * 44, expected.Length);
            var path = Path.Combine(Path.GetTempPath(), $"spectral-summary-mir-{Guid.NewGuid():N}.zip");
            try
            {
                s_ml.Model.Save(model, data.Schema, path);
                var loaded = (SpectralSummaryTransformer)new MLContext(seed: 2).Model.Load(path, out _);
                Assert.Equal(SpectralSummaryFeatures.Mfcc | SpectralSummaryFeatures.Rhythm, loaded.Features);
                Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(data), "Features"));
                Assert.Equal(expected, FreshProcessScorer.Score(s_ml, path, data, "Features"));
                // The hop length is saved and used: told 256, the 17-frame click period reads as 304 BPM, far from the
                // prior, and the tempo lands on lag 52 (three periods): 60 · 22050 / (256 · 52) = 99.38 BPM.
                Assert.Equal(60.0 * 22050 / (256 * 52), expected[40 + 2], 3);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void VersionOneZipLoadsAsThePapersSummary()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "TestData", "models", "spectral-summary-v00010001.zip");
            var expected = File.ReadAllLines(Path.ChangeExtension(path, null) + ".scores.txt")
                .Select(l => BitConverter.Int32BitsToSingle(int.Parse(l, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
            var loaded = new MLContext(seed: 3).Model.Load(path, out _);
            var transformer = Assert.IsType<SpectralSummaryTransformer>(loaded);
            Assert.Equal(SpectralSummaryFeatures.Paper, transformer.Features);
            Assert.Equal(2 * 65 + 12, transformer.FeatureCount);
            var data = SummaryFixture.DataView(s_ml, new[] { SummaryFixture.ReadFloats("spectrogram_db.f32") },
                new[] { SummaryFixture.ReadFloats("waveform.f32") });
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(data), "Features"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(128)]
        public void FeaturesOutsideTheGroupsAreRejected(int value)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => s_ml.Transforms.SpectralSummary("F", "S", features: (SpectralSummaryFeatures)value));
            Assert.Contains($"Features={(SpectralSummaryFeatures)value} must combine one or more of", e.Message);
        }
    }
}
