using System;
using System.IO;
using MusicEmotion.MLNet.Tests.Data;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Tests.IO
{
    /// <summary>Output files appear only when complete (issue 13 item 9).</summary>
    public class OutputFileTests
    {
        [Fact]
        public void WritesUnderATemporaryNameThenMoves()
        {
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Root, "new", "report.md");
            string seen = null;
            OutputFile.Write(path, temporary =>
            {
                seen = temporary;
                Assert.False(File.Exists(path));
                File.WriteAllText(temporary, "done");
            });
            Assert.Equal(path + ".tmp-" + Environment.ProcessId, seen);
            Assert.Equal("done", File.ReadAllText(path));
            Assert.False(File.Exists(seen));
        }

        [Fact]
        public void AFailedWriteLeavesTheOldFileAndNoTemporary()
        {
            using var folder = new TempFolder();
            var path = folder.Write("model.zip", "old");
            Assert.Throws<InvalidOperationException>(() => OutputFile.Write(path, temporary =>
            {
                File.WriteAllText(temporary, "half");
                throw new InvalidOperationException("disk full");
            }));
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(folder.Root));
        }

        [Fact]
        public void KeepingTheExtensionLetsAudioWriterPickTheFormat()
        {
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Root, "piece.flac");
            OutputFile.WriteKeepingExtension(path, temporary =>
            {
                Assert.Equal(Path.Combine(folder.Root, $"piece.tmp-{Environment.ProcessId}.flac"), temporary);
                MusicEmotion.MLNet.Experiments.AudioWriter.Write(temporary, new float[800], channels: 1, sampleRate: 8000);
            });
            Assert.Equal(new[] { path }, Directory.GetFiles(folder.Root));
            Assert.Equal(0x66, File.ReadAllBytes(path)[0]); // "fLaC"
        }

        [Fact]
        public void AFolderIsRefused()
        {
            using var folder = new TempFolder();
            var e = Assert.Throws<IOException>(() => OutputFile.WriteAllText(folder.Root, "x"));
            Assert.Equal($"Output file {folder.Root} is a folder; give a file name.", e.Message);
        }
    }
}
