using System;
using System.IO;
using System.Linq;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class SoundtracksReaderTests
    {
        private static string Counts(System.Collections.Generic.IEnumerable<MusicClip> clips)
            => string.Join(" ", EmotionLabels.All.Select(l => $"{l}={clips.Count(c => c.Label == l)}"));

        [Fact]
        public void MaxRatingCountsFearAsAngryAndBreaksTiesByColumnOrder()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            var clips = SoundtracksReader.Read(folder.Root, SoundtracksLabelStrategy.MaxRating);
            Assert.Equal(12, clips.Count);
            Assert.Equal("happy=4 angry=3 sad=3 tender=2", Counts(clips));
            Assert.Equal(EmotionLabels.Angry, clips[4].Label);
            Assert.Equal(EmotionLabels.Angry, clips[5].Label);
            Assert.Equal(EmotionLabels.Sad, clips[6].Label);
        }

        [Fact]
        public void TargetKeepsOnlyTheFourDiscreteTargets()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            var clips = SoundtracksReader.Read(folder.Root, SoundtracksLabelStrategy.Target);
            Assert.Equal(new[] { "001", "002", "003", "004", "011" }, clips.Select(c => c.Song));
            Assert.Equal("happy=2 angry=1 sad=1 tender=1", Counts(clips));
        }

        [Fact]
        public void QuadrantUsesValenceAndEnergyAroundTheMidpoint()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            var clips = SoundtracksReader.Read(folder.Root, SoundtracksLabelStrategy.Quadrant);
            Assert.Equal("happy=3 angry=3 sad=3 tender=3", Counts(clips));
            Assert.Equal(EmotionLabels.Happy, clips[5].Label);
            Assert.Equal(EmotionLabels.Tender, clips[7].Label);
            Assert.Equal(EmotionLabels.Angry, clips[8].Label);
        }

        [Fact]
        public void RowsCarryPathSongAndRatings()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            var clip = SoundtracksReader.Read(folder.Root).First(c => c.Song == "008");
            Assert.Equal(Path.Combine(folder.Root, "set1", "mp3", "Soundtrack360_mp3", "008.mp3"), clip.Path);
            Assert.Equal(6.0f, clip.Valence);
            Assert.Equal(4.999f, clip.Arousal);
        }

        [Fact]
        public void ByteOrderMarkDoesNotHideTheFirstColumn()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            Assert.Equal(0xEF, File.ReadAllBytes(Path.Combine(folder.Root, "mean_ratings_set1.csv"))[0]);
            Assert.Equal(12, SoundtracksReader.Read(folder.Root).Count);
        }

        [Fact]
        public void Set2ReadsCapitalisedHeadersAndItsOwnAudioFolder()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            folder.Write("set2/mean_ratings_set2.csv",
                "Number,Valence,Energy,Tension,Anger,Fear,Happy,Sad,Tender,Beauty,Liking,TARGET_EMOTION\n" +
                "1,7.1,7.2,3,1,1,6,1,2,5,5,happy\n" +
                "2,2.2,2.3,3,1,1,1,6,2,5,5,sad\n" +
                "3,2.0,7.0,8,7,2,1,1,1,4,3,anger\n");
            for (int i = 1; i <= 3; i++)
                folder.Touch($"set2/mp3/Soundtrack110_mp3/{i}.mp3");
            var clips = SoundtracksReader.Read(folder.Root, SoundtracksLabelStrategy.MaxRating, SoundtracksSet.Set2);
            Assert.Equal(new[] { "happy", "sad", "angry" }, clips.Select(c => c.Label));
            Assert.Equal(Path.Combine(folder.Root, "set2", "mp3", "Soundtrack110_mp3", "2.mp3"), clips[1].Path);
            Assert.Equal(2.3f, clips[1].Arousal);
            var targets = SoundtracksReader.Read(folder.Root, SoundtracksLabelStrategy.Target, SoundtracksSet.Set2);
            Assert.Equal(3, targets.Count);
        }

        [Fact]
        public void MissingFolderIsNamed()
        {
            var missing = Path.Combine(Path.GetTempPath(), "no-such-soundtracks-" + Guid.NewGuid().ToString("N"));
            var e = Assert.Throws<DirectoryNotFoundException>(() => SoundtracksReader.Read(missing));
            Assert.Contains(missing, e.Message);
        }

        [Fact]
        public void MissingRatingsFileIsNamed()
        {
            using var folder = new TempFolder();
            var e = Assert.Throws<FileNotFoundException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Contains("mean_ratings_set1.csv", e.Message);
        }

        [Fact]
        public void MissingAudioNamesTheClipAndTheExpectedFile()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            File.Delete(Path.Combine(folder.Root, "set1", "mp3", "Soundtrack360_mp3", "007.mp3"));
            var e = Assert.Throws<FileNotFoundException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Contains("clip 7", e.Message);
            Assert.Contains("007.mp3", e.Message);
            // The Target strategy drops clip 7, so its audio is not needed.
            Assert.Equal(5, SoundtracksReader.Read(folder.Root, SoundtracksLabelStrategy.Target).Count);
        }

        [Fact]
        public void TwoAudioFilesForOneClipAreAnError()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            folder.Touch("set1/wav/3.wav");
            var e = Assert.Throws<InvalidDataException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Contains("clip 3 matches more than one audio file", e.Message);
        }

        [Fact]
        public void ShortRowNamesTheLine()
        {
            using var folder = new TempFolder();
            var rows = SoundtracksFixture.Set1Rows.ToArray();
            rows[10] = "12,2.0,3.0,7,2.0,6.0,1.0,6.5,1.0";
            folder.Write("mean_ratings_set1.csv", SoundtracksFixture.Set1Csv(rows), bom: true);
            var e = Assert.Throws<InvalidDataException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Equal("mean_ratings_set1.csv line 12: expected 10 fields, got 9.", e.Message);
        }

        [Fact]
        public void BadNumberNamesLineColumnAndValue()
        {
            using var folder = new TempFolder();
            var rows = SoundtracksFixture.Set1Rows.ToArray();
            rows[2] = "3,2.5,2.0,3,1.0,2.0,1.0,six,3.0,SAD";
            folder.Write("mean_ratings_set1.csv", SoundtracksFixture.Set1Csv(rows));
            var e = Assert.Throws<InvalidDataException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Equal("mean_ratings_set1.csv line 4: sad='six' is not a finite number.", e.Message);
        }

        [Fact]
        public void MissingColumnIsNamed()
        {
            using var folder = new TempFolder();
            folder.Write("mean_ratings_set1.csv", "number,valence,energy,anger,fear,happy,sad\n1,5,5,1,1,1,1\n");
            var e = Assert.Throws<InvalidDataException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Contains("missing column 'tender'", e.Message);
        }

        [Fact]
        public void DuplicateClipNumberNamesTheLine()
        {
            using var folder = new TempFolder();
            var rows = SoundtracksFixture.Set1Rows.ToArray();
            rows[3] = rows[0];
            folder.Write("mean_ratings_set1.csv", SoundtracksFixture.Set1Csv(rows));
            var e = Assert.Throws<InvalidDataException>(() => SoundtracksReader.Read(folder.Root));
            Assert.Equal("mean_ratings_set1.csv line 5: clip number 1 appears more than once.", e.Message);
        }
    }
}
