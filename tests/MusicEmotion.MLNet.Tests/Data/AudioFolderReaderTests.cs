using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class AudioFolderReaderTests
    {
        [Fact]
        public void ReadsOneLabelPerSubfolderAndSkipsOtherFiles()
        {
            using var folder = new TempFolder();
            folder.Touch("happy/b.wav");
            folder.Touch("happy/a.mp3");
            folder.Touch("Sad/deeper/c.FLAC");
            folder.Touch("Q4/d.ogg");
            folder.Touch("happy/notes.txt");
            var clips = AudioFolderReader.Read(folder.Root);
            Assert.Equal(new[] { "tender", "sad", "happy", "happy" }, clips.Select(c => c.Label));
            Assert.Equal(new[] { "Q4/d.ogg", "Sad/deeper/c.FLAC", "happy/a.mp3", "happy/b.wav" }, clips.Select(c => c.Song));
            Assert.Equal(Path.Combine(folder.Root, "happy", "a.mp3"), clips[2].Path);
            Assert.True(float.IsNaN(clips[0].Valence) && float.IsNaN(clips[0].Arousal));
        }

        [Fact]
        public void UnknownLabelFolderListsTheAllowedLabels()
        {
            using var folder = new TempFolder();
            folder.Touch("happy/a.wav");
            folder.Touch("calm/b.wav");
            var e = Assert.Throws<InvalidDataException>(() => AudioFolderReader.Read(folder.Root));
            Assert.Contains("'calm' is not a known label; allowed: happy, angry, sad, tender (or Q1, Q2, Q3, Q4).", e.Message);
        }

        [Fact]
        public void CustomLabelsAreAccepted()
        {
            using var folder = new TempFolder();
            folder.Touch("calm/b.wav");
            folder.Touch("excited/a.wav");
            var clips = AudioFolderReader.Read(folder.Root, new[] { "Calm", "Excited" });
            Assert.Equal(new[] { "Calm", "Excited" }, clips.Select(c => c.Label));
        }

        [Fact]
        public void EmptyOrMissingFolderFails()
        {
            using var folder = new TempFolder();
            Directory.CreateDirectory(Path.Combine(folder.Root, "happy"));
            Assert.Throws<InvalidDataException>(() => AudioFolderReader.Read(folder.Root));
            Assert.Throws<DirectoryNotFoundException>(() => AudioFolderReader.Read(Path.Combine(folder.Root, "nope")));
        }
    }
}
