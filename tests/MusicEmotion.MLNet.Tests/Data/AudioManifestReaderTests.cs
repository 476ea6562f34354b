using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class AudioManifestReaderTests
    {
        [Fact]
        public void ReadsRelativePathsSongsAndRatings()
        {
            using var folder = new TempFolder();
            folder.Touch("wav/a.wav");
            folder.Touch("wav/b.wav");
            folder.Touch("c.mp3");
            var csv = folder.Write("lists/manifest.csv",
                "path,label,song,valence,arousal\n" +
                "../wav/a.wav,happy,s1,0.5,0.25\n" +
                "\n" +
                "\"../wav/b.wav\",Q3,s1,,\n" +
                $"{Path.Combine(folder.Root, "c.mp3")},ANGRY,,-1,1\n", bom: true);
            var clips = AudioManifestReader.Read(csv);
            Assert.Equal(new[] { "happy", "sad", "angry" }, clips.Select(c => c.Label));
            Assert.Equal(Path.Combine(folder.Root, "wav", "b.wav"), clips[1].Path);
            Assert.Equal(new[] { "s1", "s1", Path.Combine(folder.Root, "c.mp3") }, clips.Select(c => c.Song));
            Assert.Equal(0.25f, clips[0].Arousal);
            Assert.True(float.IsNaN(clips[1].Valence));
            Assert.Equal(-1f, clips[2].Valence);
        }

        [Fact]
        public void ReadsTheRenderScriptLabelsFile()
        {
            using var folder = new TempFolder();
            folder.Touch("Q1_x_0.wav");
            folder.Touch("Q2_y_0.wav");
            var csv = folder.Write("labels.csv", "file,label,quadrant,song\nQ1_x_0.wav,happy,Q1,x\nQ2_y_0.wav,angry,Q2,y\n");
            var clips = AudioManifestReader.Read(csv);
            Assert.Equal(new[] { "x", "y" }, clips.Select(c => c.Song));
            Assert.Equal(new[] { "happy", "angry" }, clips.Select(c => c.Label));
        }

        [Fact]
        public void WithoutSongColumnEachClipIsItsOwnGroup()
        {
            using var folder = new TempFolder();
            folder.Touch("a.wav");
            folder.Touch("b.wav");
            var csv = folder.Write("m.csv", "label,path\nsad,a.wav\nsad,b.wav\n");
            var clips = AudioManifestReader.Read(csv);
            Assert.Equal(new[] { "a.wav", "b.wav" }, clips.Select(c => c.Song));
            Assert.All(clips, c => Assert.True(float.IsNaN(c.Valence)));
        }

        [Fact]
        public void UnknownLabelNamesTheLineAndTheAllowedLabels()
        {
            using var folder = new TempFolder();
            folder.Touch("a.wav");
            var csv = folder.Write("m.csv", "path,label\na.wav,happy\na.wav,joyful\n");
            var e = Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv));
            Assert.Equal("m.csv line 3: label 'joyful' is not known; allowed: happy, angry, sad, tender (or Q1, Q2, Q3, Q4).", e.Message);
        }

        [Fact]
        public void ARepeatedFileNamesBothLines()
        {
            using var folder = new TempFolder();
            var a = folder.Touch("a.wav");
            folder.Touch("b.wav");
            var csv = folder.Write("m.csv", "path,label\na.wav,happy\nb.wav,sad\n./a.wav,happy\n");
            var e = Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv));
            Assert.Equal($"m.csv line 4: audio file {a} is already listed on line 2; list each clip once.", e.Message);
        }

        [Fact]
        public void AFolderWithAnAudioNameIsNamedAsAFolder()
        {
            using var folder = new TempFolder();
            var csv = folder.Write("m.csv", "path,label\nsong.mp3,happy\n");
            var sub = Path.Combine(Path.GetDirectoryName(csv), "song.mp3");
            Directory.CreateDirectory(sub);
            var e = Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv));
            Assert.Equal($"m.csv line 2: {sub} is a folder, not an audio file.", e.Message);
            // Without the check the row is kept, for LoadAudio to reject and list with the other unreadable files.
            Assert.Single(AudioManifestReader.Read(csv, requireFiles: false));
        }

        [Fact]
        public void MissingAudioNamesTheLineAndTheFile()
        {
            using var folder = new TempFolder();
            var csv = folder.Write("m.csv", "path,label\ngone.wav,happy\n");
            var e = Assert.Throws<FileNotFoundException>(() => AudioManifestReader.Read(csv));
            Assert.StartsWith("m.csv line 2: audio file ", e.Message);
            Assert.Contains("gone.wav", e.Message);
        }

        [Fact]
        public void MalformedRowsNameTheLine()
        {
            using var folder = new TempFolder();
            folder.Touch("a.wav");
            var csv = folder.Write("m.csv", "path,label,valence\na.wav,happy,1\na.wav,happy\n");
            Assert.Equal("m.csv line 3: expected 3 fields, got 2.",
                Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv)).Message);
            csv = folder.Write("m.csv", "path,label,valence\na.wav,happy,x1\n");
            Assert.Equal("m.csv line 2: valence='x1' is not a finite number.",
                Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv)).Message);
            csv = folder.Write("m.csv", "path,label\n\"a.wav,happy\n");
            Assert.Equal("m.csv line 2: unterminated quoted field.",
                Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv)).Message);
            csv = folder.Write("m.csv", "name,label\na.wav,happy\n");
            Assert.Contains("missing column 'path' or 'file'", Assert.Throws<InvalidDataException>(() => AudioManifestReader.Read(csv)).Message);
        }

        [Fact]
        public void MissingManifestIsNamed()
        {
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Root, "none.csv");
            Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => AudioManifestReader.Read(path)).Message);
        }
    }
}
