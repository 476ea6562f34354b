using System;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    public class SpectralSummaryFailureTests
    {
        private static readonly MLContext s_ml = new MLContext(seed: 1);

        private static IDataView Spectrograms(int bins, int frames)
            => SummaryFixture.DataView(s_ml, new[] { new float[bins * frames] }, new[] { new float[8] }, bins, frames);

        private sealed class Flat
        {
            [VectorType(12)]
            public float[] Spectrogram { get; set; }

            public string Audio { get; set; }
        }

        /// <summary>ML.NET's internal SchemaShape.Create, which estimator pipelines use to check schemas.</summary>
        private static SchemaShape ShapeOf(DataViewSchema schema) => (SchemaShape)typeof(SchemaShape)
            .GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Invoke(null, new object[] { schema });

        private static IDataView FlatData() => s_ml.Data.LoadFromEnumerable(new[] { new Flat { Spectrogram = new float[12], Audio = "x" } });

        [Fact]
        public void MissingSpectrogramColumnFailsGetOutputSchemaAndFit()
        {
            var data = Spectrograms(5, 3);
            var estimator = s_ml.Transforms.SpectralSummary("F", "Spec");
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ShapeOf(data.Schema)));
            Assert.StartsWith("Could not find input column 'Spec'", e.Message);
            e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            Assert.StartsWith("Could not find input column 'Spec'", e.Message);
        }

        [Fact]
        public void WrongAudioTypeFailsGetOutputSchemaAndFit()
        {
            var data = FlatData();
            var estimator = s_ml.Transforms.SpectralSummary("F", "Spectrogram", "Audio");
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ShapeOf(data.Schema)));
            Assert.StartsWith("Schema mismatch for input column 'Audio': expected Vector<Single>, got String", e.Message);
            e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            Assert.Contains("input column 'Spectrogram': expected Vector<Single> with dimensions [bins, frames], got Vector<Single, 12>", e.Message);
        }

        [Fact]
        public void OneDimensionalSpectrogramFailsFit()
        {
            var estimator = s_ml.Transforms.SpectralSummary("F", "Spectrogram");
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(FlatData()));
            Assert.StartsWith("Schema mismatch for input column 'Spectrogram': expected Vector<Single> with dimensions [bins, frames], got Vector<Single, 12>", e.Message);
        }

        [Fact]
        public void OtherBinCountFailsTheFittedTransformer()
        {
            var model = s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: SpectralSummaryFeatures.Paper).Fit(Spectrograms(5, 3));
            var other = Spectrograms(9, 3);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.GetOutputSchema(other.Schema));
            Assert.StartsWith("Schema mismatch for input column 'Spectrogram': expected Vector<Single> with dimensions [5, frames], got Vector<Single, 9, 3>", e.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(other));
        }

        [Theory]
        [InlineData(nameof(SpectralSummaryEstimator.Options.RollPercent), "RollPercent=1.5 must lie in the range (0, 1).")]
        [InlineData(nameof(SpectralSummaryEstimator.Options.SampleRate), "SampleRate=0 must be positive.")]
        [InlineData(nameof(SpectralSummaryEstimator.Options.FlatnessAmin), "FlatnessAmin=0 must be strictly positive.")]
        [InlineData(nameof(SpectralSummaryEstimator.Options.ZeroCrossingHopLength), "ZeroCrossingHopLength=0 must be a positive integer.")]
        public void BadOptionsAreNamed(string option, string message)
        {
            var options = new SpectralSummaryEstimator.Options { OutputColumnName = "F", SpectrogramColumnName = "S" };
            switch (option)
            {
                case "RollPercent": options.RollPercent = 1.5; break;
                case "SampleRate": options.SampleRate = 0; break;
                case "FlatnessAmin": options.FlatnessAmin = 0; break;
                default: options.ZeroCrossingHopLength = 0; break;
            }
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => s_ml.Transforms.SpectralSummary(options));
            Assert.StartsWith(message, e.Message);
        }

        [Fact]
        public void TheDefaultMirGroupsNeedABinInEveryContrastBand()
        {
            // 5 bins at 22,050 Hz (n_fft 8): 2,756 Hz apart, so the 200-400 Hz contrast band holds none.
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => s_ml.Transforms.SpectralSummary("F", "Spectrogram").Fit(Spectrograms(5, 3)));
            Assert.StartsWith("FftSize=8 at SampleRate=22050 leaves spectral-contrast band ", e.Message);
            Assert.Contains(" without a bin.", e.Message);
        }

        [Fact]
        public void SpectrogramNotAMultipleOfTheBinsFailsWhenRead()
        {
            var data = SummaryFixture.DataView(s_ml, new[] { new float[10], new float[11] }, new[] { new float[1], new float[1] }, 5, 0);
            var output = s_ml.Transforms.SpectralSummary("F", "Spectrogram", features: SpectralSummaryFeatures.Paper).Fit(data).Transform(data);
            Exception e = Assert.ThrowsAny<Exception>(() => output.GetColumn<VBuffer<float>>("F").ToArray());
            // ML.NET's cursor workers may wrap the getter's exception.
            while (e.InnerException != null)
                e = e.InnerException;
            Assert.IsType<InvalidOperationException>(e);
            Assert.Equal("Column 'Spectrogram' holds 11 values; a spectrogram of 5 bins needs a positive multiple of 5.", e.Message);
        }
    }
}
