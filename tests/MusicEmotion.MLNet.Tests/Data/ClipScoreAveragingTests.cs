using System;
using MusicEmotion.MLNet.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class ClipScoreAveragingTests
    {
        [Fact]
        public void AveragesEachFilesClipsInFirstSeenOrder()
        {
            var files = new[] { "b.mp3", "a.mp3", "b.mp3", "b.mp3" };
            var scores = new[]
            {
                new[] { 0.7f, 0.2f, 0.1f },
                new[] { 0.1f, 0.1f, 0.8f },
                new[] { 0.1f, 0.6f, 0.3f },
                new[] { 0.1f, 0.6f, 0.3f },
            };
            var result = ClipScoreAveraging.AverageByFile(files, scores);
            Assert.Equal(2, result.Count);
            Assert.Equal("b.mp3", result[0].File);
            Assert.Equal(3, result[0].Clips);
            Assert.Equal(0.3f, result[0].Mean[0], 6);
            Assert.Equal(1.4f / 3, result[0].Mean[1], 6);
            Assert.Equal(0.7f / 3, result[0].Mean[2], 6);
            // The first clip alone says class 0; the average says class 1.
            Assert.Equal(1, result[0].Predicted);
            Assert.Equal("a.mp3", result[1].File);
            Assert.Equal(1, result[1].Clips);
            Assert.Equal(new[] { 0.1f, 0.1f, 0.8f }, result[1].Mean);
            Assert.Equal(2, result[1].Predicted);
        }

        [Fact]
        public void TiesGoToTheFirstClass()
        {
            Assert.Equal(0, ClipScoreAveraging.ArgMax(new[] { 0.5f, 0.5f }));
            Assert.Equal(-1, ClipScoreAveraging.ArgMax(Array.Empty<float>()));
        }

        [Fact]
        public void MismatchedInputsAreRejected()
        {
            var e = Assert.Throws<ArgumentException>(() => ClipScoreAveraging.AverageByFile(new[] { "a" }, new[] { new[] { 1f }, new[] { 1f } }));
            Assert.Contains("files has 1 rows but scores has 2", e.Message);
            Assert.Throws<ArgumentException>(() => ClipScoreAveraging.AverageByFile(new[] { "a", "a" }, new[] { new[] { 1f }, new[] { 1f, 0f } }));
        }
    }
}
