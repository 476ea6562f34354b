using System;
using System.Buffers.Binary;
using System.IO;
using MusicEmotion.MLNet.Experiments;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    public sealed class ConfusionMatrixPlotTests
    {
        private static readonly ClassificationScores s_scores = ClassificationScores.FromConfusionMatrix(
            new[] { "happy", "angry", "sad" }, new long[,] { { 5, 1, 0 }, { 0, 4, 2 }, { 1, 0, 3 } });

        [Fact]
        public void SavesAPngOfTheRequestedSize()
        {
            var path = Path.Combine(Path.GetTempPath(), $"confusion-{Guid.NewGuid():N}.png");
            try
            {
                ConfusionMatrixPlot.Save(path, s_scores, "three classes", 400, 300);
                var bytes = File.ReadAllBytes(path);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
                Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
                Assert.Equal(300, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
                Assert.True(bytes.Length > 5000, $"only {bytes.Length} bytes");
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            Assert.Throws<ArgumentNullException>(() => ConfusionMatrixPlot.Save("x.png", null, "t"));
            Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Save("", s_scores, "t"));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrixPlot.Save("x.png", s_scores, "t", 0, 300));
            Assert.Contains("0×300 must be positive", e.Message);
        }
    }
}
