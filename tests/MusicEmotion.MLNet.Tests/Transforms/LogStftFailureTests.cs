using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>Bad options and bad input columns for <see cref="LogStftEstimator"/>, like librosa's test_failures.py:
    /// each must fail with a message naming the parameter or column, the value and the rule.</summary>
    public class LogStftFailureTests
    {
        private const string Audio = "Audio";

        [Theory]
        [InlineData(1000)]
        [InlineData(0)]
        [InlineData(-256)]
        [InlineData(1)]
        public void FftSizeMustBeAPowerOfTwo(int fftSize)
        {
            var ml = new MLContext(seed: 1);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft("S", Audio, fftSize: fftSize));
            Assert.Equal("FftSize", e.ParamName);
            Assert.Contains($"FftSize={fftSize} must be a positive power of two", e.Message);
        }

        [Theory]
        [InlineData(131072)]
        [InlineData(1 << 30)]
        public void FftSizeIsAtMostTwoToTheSixteen(int fftSize)
        {
            var ml = new MLContext(seed: 1);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft("S", Audio, fftSize: fftSize, hopLength: 512));
            Assert.Equal("FftSize", e.ParamName);
            Assert.Contains($"FftSize={fftSize} must be at most 65536 samples", e.Message);
        }

        [Fact]
        public void HopLengthIsAtMostFftSize()
        {
            var ml = new MLContext(seed: 1);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft("S", Audio, fftSize: 256, hopLength: 257));
            Assert.Equal("HopLength", e.ParamName);
            Assert.Contains("HopLength=257 must be at most FftSize=256", e.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void HopLengthMustBePositive(int hop)
        {
            var ml = new MLContext(seed: 1);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft("S", Audio, hopLength: hop));
            Assert.Contains($"HopLength={hop} must be positive", e.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(257)]
        public void WindowLengthMustFitTheFrame(int windowLength)
        {
            var ml = new MLContext(seed: 1);
            var options = new LogStftEstimator.Options { OutputColumnName = "S", InputColumnName = Audio, FftSize = 256, HopLength = 64, WindowLength = windowLength };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft(options));
            Assert.Contains($"WindowLength={windowLength} must be in (0, FftSize=256]", e.Message);
        }

        [Theory]
        [InlineData(0f)]
        [InlineData(-1e-5f)]
        [InlineData(float.NaN)]
        public void AminMustBePositive(float amin)
        {
            var ml = new MLContext(seed: 1);
            var options = new LogStftEstimator.Options { OutputColumnName = "S", InputColumnName = Audio, Amin = amin };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft(options));
            Assert.Contains($"Amin={amin} must be a positive finite number", e.Message);
        }

        [Fact]
        public void TopDbMustNotBeNegative()
        {
            var ml = new MLContext(seed: 1);
            var options = new LogStftEstimator.Options { OutputColumnName = "S", InputColumnName = Audio, TopDb = -1f };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft(options));
            Assert.Contains("TopDb=-1 must be a non-negative finite number", e.Message);
        }

        [Fact]
        public void UndefinedEnumValueIsRejected()
        {
            var ml = new MLContext(seed: 1);
            var options = new LogStftEstimator.Options { OutputColumnName = "S", Window = (WindowType)42 };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft(options));
            Assert.Contains("Window=42 is not one of Hann, Hamming, Rectangular", e.Message);
        }

        [Fact]
        public void InputShorterThanTheFrameWithoutCentringFails()
        {
            var ml = new MLContext(seed: 1);
            var data = LogStftEstimatorTests.LoadRows(ml, 100, new float[100]);
            var options = new LogStftEstimator.Options { OutputColumnName = "S", InputColumnName = Audio, FftSize = 256, HopLength = 64, Center = false };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft(options).Fit(data));
            Assert.Contains("Input column 'Audio' holds 100 samples; with Center=false it needs at least FftSize=256 samples", e.Message);
        }

        [Fact]
        public void InputTooShortToReflectFails()
        {
            var ml = new MLContext(seed: 1);
            var data = LogStftEstimatorTests.LoadRows(ml, 100, new float[100]);
            var options = new LogStftEstimator.Options
            {
                OutputColumnName = "S", InputColumnName = Audio, FftSize = 256, HopLength = 64, ReflectPad = true,
            };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.LogStft(options).Fit(data));
            Assert.Contains("with PadMode=Reflect it needs at least FftSize/2 + 1 = 129", e.Message);
        }

        [Fact]
        public void VariableSizeVectorIsASchemaMismatch()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(new[] { new VariableRow { Audio = new float[512] } });
            AssertSchemaMismatch(ml, data, "Schema mismatch for input column 'Audio': expected known-size vector of Single, got Vector<Single>");
        }

        [Fact]
        public void DoubleVectorIsASchemaMismatch()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(new[] { new DoubleRow { Audio = new double[512] } });
            AssertSchemaMismatch(ml, data, "Schema mismatch for input column 'Audio': expected known-size vector of Single, got Vector<Double");
        }

        [Fact]
        public void TextColumnIsASchemaMismatch()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Audio = "song.mp3" } });
            AssertSchemaMismatch(ml, data, "Schema mismatch for input column 'Audio': expected known-size vector of Single, got String");
        }

        [Fact]
        public void MissingColumnIsReported()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Audio = "x" } });
            var estimator = ml.Transforms.LogStft("S", "Waveform", fftSize: 256, hopLength: 64);
            var fromShape = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(LogStftEstimatorTests.ShapeOf(data.Schema)));
            var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            foreach (var e in new[] { fromShape, fromFit })
            {
                Assert.Equal("inputSchema", e.ParamName);
                Assert.Contains("Could not find input column 'Waveform'", e.Message);
            }
        }

        [Fact]
        public void FittedTransformerRejectsAWrongSchema()
        {
            var ml = new MLContext(seed: 1);
            var good = LogStftEstimatorTests.LoadRows(ml, 512, new float[512]);
            var transformer = ml.Transforms.LogStft("S", Audio, fftSize: 256, hopLength: 64).Fit(good);
            var bad = ml.Data.LoadFromEnumerable(new[] { new TextRow { Audio = "x" } });
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => transformer.Transform(bad));
            Assert.Equal("inputSchema", e.ParamName);
            Assert.Contains("Schema mismatch for input column 'Audio'", e.Message);
        }

        private static void AssertSchemaMismatch(MLContext ml, IDataView data, string message)
        {
            var estimator = ml.Transforms.LogStft("S", Audio, fftSize: 256, hopLength: 64);
            var fromShape = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(LogStftEstimatorTests.ShapeOf(data.Schema)));
            var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
            Assert.Equal("inputSchema", fromShape.ParamName);
            Assert.Equal("inputSchema", fromFit.ParamName);
            Assert.Contains("Schema mismatch for input column 'Audio': expected known-size vector of Single", fromShape.Message);
            Assert.Contains(message, fromFit.Message);
        }

        private sealed class VariableRow
        {
            public float[] Audio { get; set; }
        }

        private sealed class DoubleRow
        {
            [VectorType(512)]
            public double[] Audio { get; set; }
        }

        private sealed class TextRow
        {
            public string Audio { get; set; }
        }
    }
}
