using System.IO;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests
{
    internal static class Png
    {
        private static readonly byte[] s_signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        /// <summary>Asserts <paramref name="path"/> is a PNG of <paramref name="width"/> x <paramref name="height"/>
        /// (read from the IHDR chunk) with more than a few bytes of picture.</summary>
        public static void AssertImage(string path, int width, int height)
        {
            Assert.True(File.Exists(path), $"{path} was not written.");
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(s_signature, bytes[..8]);
            Assert.Equal(width, ReadBigEndian(bytes, 16));
            Assert.Equal(height, ReadBigEndian(bytes, 20));
            Assert.True(bytes.Length > 10_000, $"{path} is only {bytes.Length} bytes.");
        }

        private static int ReadBigEndian(byte[] bytes, int offset)
            => bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3];
    }
}
