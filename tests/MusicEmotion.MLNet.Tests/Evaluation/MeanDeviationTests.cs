using System;
using MusicEmotion.MLNet.Experiments;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    public sealed class MeanDeviationTests
    {
        [Fact]
        public void SampleStandardDeviationUsesNMinusOne()
        {
            var value = MeanDeviation.Of(new[] { 1.0, 2, 3, 4 });
            Assert.Equal(2.5, value.Mean, 12);
            // np.std([1, 2, 3, 4], ddof=1) = 1.2909944487358056
            Assert.Equal(1.2909944487358056, value.StandardDeviation, 12);
            Assert.Equal(4, value.Count);
        }

        [Fact]
        public void OneValueHasZeroDeviationAndNoneIsNaN()
        {
            Assert.Equal(0, MeanDeviation.Of(new[] { 0.7 }).StandardDeviation);
            Assert.True(double.IsNaN(MeanDeviation.Of(Array.Empty<double>()).Mean));
        }

        [Fact]
        public void FormatsAsPercentages()
            => Assert.Equal("84.2 ± 3.1", new MeanDeviation(0.8423, 0.0312, 5).ToPercentString());

    }
}
