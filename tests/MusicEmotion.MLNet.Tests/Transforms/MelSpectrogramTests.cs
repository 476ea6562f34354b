using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>
    /// <see cref="MelSpectrogramEstimator"/> (mel spectrogram and MFCCs): filter banks and values against the numpy
    /// restatement of librosa (TestData/mel), shapes, save/load in a fresh process.
    /// </summary>
    public class MelSpectrogramTests
    {
        private const string Audio = "Audio";
        private const string Mel = "Mel";

        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (var name in MelFixture.CaseNames())
                data.Add(name);
            return data;
        }

        public static TheoryData<string, bool> CasesAndPrecisions()
        {
            var data = new TheoryData<string, bool>();
            foreach (var name in MelFixture.CaseNames())
            {
                data.Add(name, false);
                data.Add(name, true);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void FilterBankMatchesLibrosasFiltersMel(string name)
        {
            var f = MelFixture.Load(name, "chirp");
            var expected = f.FilterBank();
            var actual = MirFilters.Mel(f.SampleRate, f.FftSize, f.Mels, f.MinFrequency, f.MaxFrequency ?? f.SampleRate / 2f, f.Htk, f.Slaney);
            double scale = expected.Max(r => r.Max());
            double worst = 0;
            for (int m = 0; m < f.Mels; m++)
            {
                for (int k = 0; k < f.Bins; k++)
                    worst = Math.Max(worst, Math.Abs(expected[m][k] - actual[m][k]));
            }
            // The reference is stored in float32: 1e-6 of the largest weight is 8 float32 ulps.
            Assert.True(worst <= 1e-6 * scale, $"{name}: largest weight error {worst} (largest weight {scale}).");
        }

        [Fact]
        public void ChromaFilterBankMatchesLibrosasFiltersChroma()
        {
            var values = MelFixture.ReadFloats(Path.Combine(MelFixture.Directory, "chroma_2048.f32.gz"));
            var actual = MirFilters.Chroma(22050, 2048);
            Assert.Equal(12, actual.Length);
            double worst = 0;
            for (int c = 0; c < 12; c++)
            {
                for (int k = 0; k < 1025; k++)
                    worst = Math.Max(worst, Math.Abs(values[c * 1025 + k] - actual[c][k]));
            }
            Assert.True(worst <= 1e-6, $"largest chroma weight error {worst}");
        }

        [Theory]
        [MemberData(nameof(CasesAndPrecisions))]
        public void MelDecibelsAndMfccsMatchTheReference(string name, bool doublePrecision)
        {
            var ml = new MLContext(seed: 1);
            var fixtures = MelFixture.Signals.Select(s => MelFixture.Load(name, s)).ToArray();
            var first = fixtures[0];
            var data = LogStftEstimatorTests.LoadRows(ml, first.Samples.Length, fixtures.Select(f => f.Samples).ToArray());
            var melOptions = first.ToOptions(new MelSpectrogramEstimator.Options(), Mel, Audio);
            melOptions.DoublePrecision = doublePrecision;
            var mfccOptions = first.ToOptions(new MelSpectrogramEstimator.Options { NumberOfCoefficients = first.Coefficients }, "Mfcc", Audio);
            mfccOptions.DoublePrecision = doublePrecision;
            var transformed = ml.Transforms.MelSpectrogram(melOptions).Append(ml.Transforms.MelSpectrogram(mfccOptions)).Fit(data).Transform(data);

            var melType = Assert.IsType<VectorDataViewType>(transformed.Schema[Mel].Type);
            Assert.Equal(new[] { first.Mels, first.Frames }, melType.Dimensions.ToArray());
            var mfccType = Assert.IsType<VectorDataViewType>(transformed.Schema["Mfcc"].Type);
            Assert.Equal(new[] { first.Coefficients, first.Frames }, mfccType.Dimensions.ToArray());
            var mels = transformed.GetColumn<VBuffer<float>>(Mel).Select(v => v.DenseValues().ToArray()).ToArray();
            var mfccs = transformed.GetColumn<VBuffer<float>>("Mfcc").Select(v => v.DenseValues().ToArray()).ToArray();
            // Stated bounds (measured worst in brackets): the mel spectrogram within 1e-4 dB in double precision (7.6e-6)
            // and 0.01 dB in single within 80 dB of the clip's maximum (0.0012); MFCCs within 2e-3 in double (4.3e-4)
            // and 0.01 in single with the top_db floor (5.5e-4). Without a floor (the htk case) single-precision
            // cells 140 dB down are 1 dB off, which moves its MFCCs by up to 0.5: only double precision is held there.
            double melTolerance = doublePrecision ? 1e-4 : 1e-2;
            double mfccTolerance = doublePrecision ? 2e-3 : 1e-2;
            for (int r = 0; r < fixtures.Length; r++)
            {
                var reference = fixtures[r].MelDecibels;
                double top = reference.Max();
                // Single precision is compared where the decibels carry information: within 80 dB (the default top_db)
                // of the clip's maximum; 100 dB down its errors reach 0.007 dB and 140 dB down 1 dB (htk case, no floor).
                double floor = doublePrecision ? double.NegativeInfinity : top - 80;
                double melWorst = reference.Zip(mels[r], (e, a) => e >= floor ? Math.Abs((double)e - a) : 0).Max();
                Assert.True(melWorst <= melTolerance, $"{name}/{fixtures[r].Case}/{MelFixture.Signals[r]}: largest mel error {melWorst} dB.");
                if (!doublePrecision && first.TopDb == null)
                    continue;
                double mfccWorst = fixtures[r].Mfcc.Zip(mfccs[r], (e, a) => Math.Abs((double)e - a)).Max();
                Assert.True(mfccWorst <= mfccTolerance, $"{name}/{MelFixture.Signals[r]}: largest MFCC error {mfccWorst}.");
            }
        }

        [Fact]
        public void DefaultsTurnAThirtySecondClipInto128By1292WithTheToneInItsBand()
        {
            var ml = new MLContext(seed: 1);
            const int samples = 661_500;
            var clip = Enumerable.Range(0, samples).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 1000.0 * n / 22050))).ToArray();
            var data = LogStftEstimatorTests.LoadRows(ml, samples, clip);
            var transformed = ml.Transforms.MelSpectrogram(Mel, Audio).Append(ml.Transforms.Mfcc("Mfcc", Audio)).Fit(data).Transform(data);
            Assert.Equal(new[] { 128, 1292 }, ((VectorDataViewType)transformed.Schema[Mel].Type).Dimensions.ToArray());
            Assert.Equal(new[] { 20, 1292 }, ((VectorDataViewType)transformed.Schema["Mfcc"].Type).Dimensions.ToArray());
            var values = transformed.GetColumn<VBuffer<float>>(Mel).Single().DenseValues().ToArray();
            const int frame = 600;
            int loudest = Enumerable.Range(0, 128).OrderByDescending(m => values[m * 1292 + frame]).First();
            // 1000 Hz is Slaney mel 15; the 130 band edges run from mel 0 to mel(11025 Hz) = 49.91 in steps of 0.3869,
            // and band m is centred on edge m + 1: 15 / 0.3869 = 38.8 edges, so band 37 or 38.
            Assert.InRange(loudest, 37, 38);
            Assert.Equal(values.Max() - 80f, values.Min(), 3);
        }

        [Fact]
        public void SavedModelsScoreBitIdenticallyInAFreshProcess()
        {
            var ml = new MLContext(seed: 1);
            var random = new Random(3);
            var rows = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 4000).Select(n => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
            var data = LogStftEstimatorTests.LoadRows(ml, 4000, rows);
            // Every option away from its default, so a field lost in SaveModel changes the numbers.
            var mel = new MelSpectrogramEstimator.Options
            {
                OutputColumnName = Mel,
                InputColumnName = Audio,
                SampleRate = 16000,
                FftSize = 512,
                HopLength = 100,
                WindowLength = 400,
                Window = WindowType.Hamming,
                ReflectPad = true,
                Power = 1f,
                NumberOfMels = 30,
                MinFrequency = 80,
                MaxFrequency = 6000,
                Htk = true,
                Normalize = false,
                Amin = 1e-6f,
                TopDb = 10f,
                DoublePrecision = true,
            };
            var mfcc = new MelSpectrogramEstimator.Options
            {
                OutputColumnName = "Mfcc",
                InputColumnName = Audio,
                SampleRate = 16000,
                FftSize = 256,
                HopLength = 64,
                Center = false,
                NumberOfMels = 24,
                NumberOfCoefficients = 7,
                TopDb = null,
            };
            var model = ml.Transforms.MelSpectrogram(mel).Append(ml.Transforms.MelSpectrogram(mfcc)).Fit(data);
            var expectedMel = FreshProcessScorer.ReadColumn(model.Transform(data), Mel);
            var expectedMfcc = FreshProcessScorer.ReadColumn(model.Transform(data), "Mfcc");
            var firstRow = expectedMel.AsSpan(0, 30 * (1 + 4000 / 100)).ToArray();
            Assert.Equal(-10f, firstRow.Min() - firstRow.Max(), 3);

            var path = Path.Combine(Path.GetTempPath(), $"mel-{Guid.NewGuid():N}.zip");
            try
            {
                ml.Model.Save(model, data.Schema, path);
                Assert.Equal(expectedMel, FreshProcessScorer.Score(ml, path, data, Mel));
                Assert.Equal(expectedMfcc, FreshProcessScorer.Score(ml, path, data, "Mfcc"));
                var loaded = (TransformerChain<ITransformer>)new MLContext(seed: 2).Model.Load(path, out _);
                var melTransformer = Assert.IsType<MelSpectrogramTransformer>(loaded.First());
                Assert.Equal(30, melTransformer.NumberOfMels);
                var mfccTransformer = Assert.IsType<MelSpectrogramTransformer>(loaded.Last());
                Assert.Equal(7, mfccTransformer.NumberOfCoefficients);
                var reloaded = loaded.Transform(data);
                Assert.Equal(new[] { 30, 1 + 4000 / 100 }, ((VectorDataViewType)reloaded.Schema[Mel].Type).Dimensions.ToArray());
                Assert.Equal(new[] { 7, 1 + (4000 - 256) / 64 }, ((VectorDataViewType)reloaded.Schema["Mfcc"].Type).Dimensions.ToArray());
                Assert.Equal(expectedMel, FreshProcessScorer.ReadColumn(reloaded, Mel));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void AWrongInputColumnFailsGetOutputSchemaAndFit()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Audio = "x" } });
            var shape = LogStftEstimatorTests.ShapeOf(data.Schema);
            var mel = ml.Transforms.MelSpectrogram(Mel, Audio);
            var mfcc = ml.Transforms.Mfcc("Mfcc", Audio);
            var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => mel.GetOutputSchema(shape));
            Assert.Contains("Schema mismatch for input column 'Audio'", e1.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => mel.Fit(data));
            Assert.Throws<ArgumentOutOfRangeException>(() => mfcc.GetOutputSchema(shape));
            Assert.Throws<ArgumentOutOfRangeException>(() => mfcc.Fit(data));
            var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.MelSpectrogram(Mel, "Nope").GetOutputSchema(shape));
            Assert.Contains("Could not find input column 'Nope'", missing.Message);
        }

        [Theory]
        [InlineData("NumberOfMels", "NumberOfMels=0 must be in [1, 1 + FftSize/2 = 1025].")]
        [InlineData("MinFrequency", "MinFrequency=12000 must be in [0, MaxFrequency=11025) Hz.")]
        [InlineData("MaxFrequency", "MaxFrequency=20000 must be in (0, SampleRate/2 = 11025] Hz.")]
        [InlineData("Power", "Power=0 must be a positive finite number (2 for power, 1 for magnitude).")]
        [InlineData("FftSize", "FftSize=1000 must be a positive power of two (at least 2).")]
        [InlineData("NumberOfCoefficients", "NumberOfCoefficients=129 must be 0 (the mel spectrogram) or in [1, NumberOfMels=128] (MFCCs).")]
        [InlineData("Decibels", "Decibels=false is not allowed for MFCCs")]
        public void BadOptionsAreRejectedNamingTheOptionAndTheRule(string option, string message)
        {
            var ml = new MLContext(seed: 1);
            var options = new MelSpectrogramEstimator.Options { OutputColumnName = "Mfcc", InputColumnName = Audio, NumberOfCoefficients = 20 };
            switch (option)
            {
                case "NumberOfMels": options.NumberOfMels = 0; break;
                case "MinFrequency": options.MinFrequency = 12000; break;
                case "MaxFrequency": options.MaxFrequency = 20000; break;
                case "Power": options.Power = 0; break;
                case "FftSize": options.FftSize = 1000; break;
                case "NumberOfCoefficients": options.NumberOfCoefficients = 129; break;
                case "Decibels": options.Decibels = false; break;
            }
            var error = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.MelSpectrogram(options));
            Assert.Contains(message, error.Message);
            Assert.Equal(option, error.ParamName);
            if (option != "NumberOfCoefficients" && option != "Decibels")
            {
                var melError = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.MelSpectrogram(options));
                Assert.Equal(option, melError.ParamName);
            }
        }

        private sealed class TextRow
        {
            public string Audio { get; set; }
        }
    }
}
