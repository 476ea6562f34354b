using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    public class SpectralSummaryTests
    {
        private static readonly MLContext s_ml = new MLContext(seed: 1);

        [Theory]
        [InlineData("db", SpectrogramScale.Decibels, 22050, true)]
        [InlineData("magnitude", SpectrogramScale.Magnitude, 16000, false)]
        [InlineData("log1p", SpectrogramScale.NaturalLog1p, 22050, false)]
        public void MatchesTheNumpyReference(string name, SpectrogramScale scale, int sampleRate, bool withAudio)
        {
            var spectrogram = SummaryFixture.ReadFloats($"spectrogram_{name}.f32");
            var audio = SummaryFixture.ReadFloats("waveform.f32");
            var expected = SummaryFixture.ReadExpected($"{name}.expected.txt");
            var data = SummaryFixture.DataView(s_ml, new[] { spectrogram }, new[] { audio });
            var model = s_ml.Transforms.SpectralSummary("Features", "Spectrogram", withAudio ? "Audio" : null, scale, sampleRate, SpectralSummaryFeatures.Paper).Fit(data);
            var actual = FreshProcessScorer.ReadColumn(model.Transform(data), "Features");
            Assert.Equal(2 * SummaryFixture.Bins + (withAudio ? 12 : 10), actual.Length);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = 1e-4 * Math.Abs(expected[i]) + 1e-9;
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"feature {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }

        [Fact]
        public void SingleToneGivesItsFrequency()
        {
            // 5 bins → n_fft 8: bin 2 is 2 · 8000 / 8 = 2000 Hz.
            const int bins = 5, frames = 3;
            var s = new float[bins * frames];
            for (int t = 0; t < frames; t++)
                s[2 * frames + t] = t + 1;
            var data = SummaryFixture.DataView(s_ml, new[] { s }, new[] { new float[] { 1, -1, 1, -1 } }, bins, frames);
            var f = FreshProcessScorer.ReadColumn(
                s_ml.Transforms.SpectralSummary("F", "Spectrogram", scale: SpectrogramScale.Magnitude, sampleRate: 8000, features: SpectralSummaryFeatures.Paper).Fit(data).Transform(data), "F");
            Assert.Equal(2f, f[2]);                       // bin 2 mean of 1, 2, 3
            Assert.Equal((float)Math.Sqrt(2.0 / 3), f[bins + 2]);
            int k = 2 * bins;
            Assert.Equal(new[] { 2000f, 0f, 0f, 0f, 2000f, 0f }, f.Skip(k).Take(6));   // centroid, bandwidth, roll-off
            // rms(S) = sqrt(2 · a² / 8²) = a / (4 √2) per frame, a = 1, 2, 3.
            double[] r = { 1 / (4 * Math.Sqrt(2)), 2 / (4 * Math.Sqrt(2)), 3 / (4 * Math.Sqrt(2)) };
            double mean = r.Average();
            Assert.Equal((float)mean, f[k + 8], 6);
            Assert.Equal((float)Math.Sqrt(r.Select(x => (x - mean) * (x - mean)).Average()), f[k + 9], 6);
        }

        [Fact]
        public void OutputHasSlotNamesAndKnownSize()
        {
            var data = SummaryFixture.DataView(s_ml, new[] { SummaryFixture.ReadFloats("spectrogram_db.f32") },
                new[] { SummaryFixture.ReadFloats("waveform.f32") });
            var output = s_ml.Transforms.SpectralSummary("Features", "Spectrogram", "Audio", features: SpectralSummaryFeatures.Paper).Fit(data).GetOutputSchema(data.Schema);
            var column = output["Features"];
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 142), column.Type);
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.GetSlotNames(ref names);
            var text = names.DenseValues().Select(n => n.ToString()).ToArray();
            Assert.Equal("Bin0Mean", text[0]);
            Assert.Equal("Bin64Std", text[129]);
            Assert.Equal(new[] { "CentroidMean", "CentroidStd", "BandwidthMean", "BandwidthStd", "RolloffMean", "RolloffStd",
                "FlatnessMean", "FlatnessStd", "RmsMean", "RmsStd", "ZeroCrossingRateMean", "ZeroCrossingRateStd" }, text.Skip(130));
        }

        [Fact]
        public void SaveLoadRoundTripIsBitIdenticalInAFreshProcess()
        {
            var spectrogram = SummaryFixture.ReadFloats("spectrogram_db.f32");
            var audio = SummaryFixture.ReadFloats("waveform.f32");
            var second = spectrogram.Select(x => x - 3f).ToArray();
            var data = SummaryFixture.DataView(s_ml, new[] { spectrogram, second }, new[] { audio, audio.Reverse().ToArray() });
            var model = s_ml.Transforms.SpectralSummary(new SpectralSummaryEstimator.Options
            {
                OutputColumnName = "Features",
                SpectrogramColumnName = "Spectrogram",
                AudioColumnName = "Audio",
                RollPercent = 0.5,
                ZeroCrossingFrameLength = 1024,
                ZeroCrossingHopLength = 256,
            }).Fit(data);
            var expected = FreshProcessScorer.ReadColumn(model.Transform(data), "Features");
            var path = Path.Combine(Path.GetTempPath(), $"spectral-summary-{Guid.NewGuid():N}.zip");
            try
            {
                s_ml.Model.Save(model, data.Schema, path);
                var loaded = new MLContext(seed: 2).Model.Load(path, out _);
                Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(data), "Features"));
                Assert.Equal(expected, FreshProcessScorer.Score(s_ml, path, data, "Features"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void SparseAndVariableLengthInputsWork()
        {
            var spectrogram = SummaryFixture.ReadFloats("spectrogram_magnitude.f32");
            var half = new float[SummaryFixture.Bins * 20];
            for (int b = 0; b < SummaryFixture.Bins; b++)
                Array.Copy(spectrogram, b * 40, half, b * 20, 20);
            var data = SummaryFixture.DataView(s_ml, new[] { spectrogram, half }, new[] { new float[10], new float[3000] },
                SummaryFixture.Bins, 0);
            var estimator = s_ml.Transforms.SpectralSummary("F", "Spectrogram", "Audio", SpectrogramScale.Magnitude, features: SpectralSummaryFeatures.Paper);
            var f = FreshProcessScorer.ReadColumn(estimator.Fit(data).Transform(data), "F");
            Assert.Equal(2 * 142, f.Length);
            Assert.All(f, x => Assert.True(float.IsFinite(x)));
            // An all-zero waveform has no crossings.
            Assert.Equal(0f, f[140]);
            Assert.Equal(0f, f[142 + 140]);
        }
    }
}
