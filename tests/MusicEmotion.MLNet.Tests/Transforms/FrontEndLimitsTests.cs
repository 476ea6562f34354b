using System;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>The front end's bounds and memory checks (issue 13 items 1 and 8): named parameter, value and rule,
    /// found before anything is allocated.</summary>
    public class FrontEndLimitsTests
    {
        [Fact]
        public void TheDefaultsPass() => FrontEndLimits.Check(22050, 30, 2048, 512, 8);

        [Theory]
        [InlineData(1, 30, 2048, 512, "sampleRate", "SampleRate=1 must be between 1000 Hz")]
        [InlineData(22050, 1e9, 2048, 512, "duration", "Duration=1000000000 must be a number of seconds greater than 0 and at most 3600")]
        [InlineData(22050, 30, 1 << 30, 512, "FftSize", "FftSize=1073741824 must be at most 65536 samples")]
        [InlineData(22050, 30, 2048, 4096, "HopLength", "HopLength=4096 must be at most FftSize=2048")]
        [InlineData(8000, 0.01, 2048, 512, "FftSize", "FftSize=2048 is longer than the clip: Duration=0.01 s at SampleRate=8000 Hz is 80 samples")]
        [InlineData(22050, 3600, 2048, 1, "HopLength", "HopLength=1 gives 1025 bins × 79380001 frames")]
        public void OutOfRangeSettingsNameTheParameter(int sampleRate, double duration, int fftSize, int hopLength, string parameter, string message)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => FrontEndLimits.Check(sampleRate, duration, fftSize, hopLength));
            Assert.Equal(parameter, e.ParamName);
            Assert.StartsWith(message, e.Message);
        }

        [Fact]
        public void AnAbsurdBatchFailsBeforeAllocating()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => FrontEndLimits.Check(22050, 30, 2048, 512, 100_000_000));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (16 << 20));
            Assert.Equal("BatchSize", e.ParamName);
            Assert.StartsWith("BatchSize=100000000 needs 481.8 TiB for one batch of 1324300-value inputs alone", e.Message);
        }

        [Theory]
        [InlineData(0.0, "0 bytes")]
        [InlineData(1536.0, "1.5 KiB")]
        [InlineData(5.0 * (1L << 40), "5 TiB")]
        public void SizesAreInBinaryUnits(double bytes, string text) => Assert.Equal(text, FrontEndLimits.Size(bytes));
    }
}
