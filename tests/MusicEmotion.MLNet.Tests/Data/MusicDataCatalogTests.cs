using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class MusicDataCatalogTests
    {
        [Fact]
        public void SoundtracksDataViewHasTheClipColumns()
        {
            using var folder = new TempFolder();
            SoundtracksFixture.WriteSet1(folder);
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadSoundtracks(folder.Root, SoundtracksLabelStrategy.Target, set: SoundtracksSet.Set1);
            Assert.Equal(new[] { "Path", "Label", "Song", "Valence", "Arousal" }, data.Schema.Select(c => c.Name));
            Assert.Equal(TextDataViewType.Instance, data.Schema["Path"].Type);
            Assert.Equal(TextDataViewType.Instance, data.Schema["Label"].Type);
            Assert.Equal(TextDataViewType.Instance, data.Schema["Song"].Type);
            Assert.Equal(NumberDataViewType.Single, data.Schema["Valence"].Type);
            Assert.Equal(NumberDataViewType.Single, data.Schema["Arousal"].Type);
            Assert.Equal(new[] { "happy", "angry", "sad", "tender", "happy" },
                data.GetColumn<string>("Label").ToArray());
            Assert.Equal(new[] { 7.5f, 8f, 2f, 2.5f, 6f }, data.GetColumn<float>("Arousal").ToArray());
        }

        [Fact]
        public void FolderAndManifestDataViews()
        {
            using var folder = new TempFolder();
            folder.Touch("audio/sad/a.wav");
            folder.Touch("audio/tender/b.wav");
            var csv = folder.Write("m.csv", "path,label\naudio/sad/a.wav,sad\n");
            var ml = new MLContext(seed: 1);
            Assert.Equal(new[] { "sad/a.wav", "tender/b.wav" },
                ml.Data.LoadAudioFolder(folder.Root + "/audio").GetColumn<string>("Song").ToArray());
            var manifest = ml.Data.LoadAudioManifest(csv);
            Assert.Equal(new[] { "audio/sad/a.wav" }, manifest.GetColumn<string>("Song").ToArray());
            Assert.True(float.IsNaN(manifest.GetColumn<float>("Valence").Single()));
        }

        [Fact]
        public void LoadAudioData_ChoosesTheReaderFromThePath()
        {
            using var folder = new TempFolder();
            folder.Touch("classes/sad/a.wav");
            folder.Touch("classes/tender/b.wav");
            folder.Touch("classes/happy/notes.txt");
            folder.Touch("listed/x.wav");
            folder.Touch("listed/y.wav");
            var csv = folder.Write("listed/labels.csv", "path,label,song\nx.wav,angry,s1\ny.wav,happy,s2\n");
            using var soundtracks = new TempFolder();
            SoundtracksFixture.WriteSet1(soundtracks);
            var ml = new MLContext(seed: 1);
            var warnings = new System.Collections.Generic.List<string>();
            ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) warnings.Add(e.Message); };

            // A folder per class; the class folder without audio is a warning on the ML.NET log.
            Assert.Equal(new[] { "sad", "tender" }, ml.Data.LoadAudioData(folder.Root + "/classes").GetColumn<string>("Label").ToArray());
            Assert.Contains(warnings, w => w.Contains("Class folder ") && w.Contains("happy holds no audio files; the data has only the classes sad, tender."));
            // A folder holding labels.csv, and the CSV itself.
            Assert.Equal(new[] { "s1", "s2" }, ml.Data.LoadAudioData(folder.Root + "/listed").GetColumn<string>("Song").ToArray());
            Assert.Equal(new[] { "angry", "happy" }, ml.Data.LoadAudioData(csv).GetColumn<string>("Label").ToArray());
            // Soundtracks by its ratings file: its reader is in the Experiments package, whose overload reads it.
            var refused = Assert.Throws<System.IO.InvalidDataException>(() => ml.Data.LoadAudioData(soundtracks.Root));
            Assert.Equal($"Folder {soundtracks.Root} holds the Soundtracks ratings (mean_ratings_set1.csv): read it with LoadSoundtracks or " +
                "LoadAudioData(path, strategy) of the MusicEmotion.MLNet.Experiments package.", refused.Message);
            // MaxRating labels all 12 clips of the fixture.
            Assert.Equal(12, ml.Data.LoadAudioData(soundtracks.Root, SoundtracksLabelStrategy.MaxRating).GetColumn<string>("Label").Count());
            Assert.Equal(new[] { "s1", "s2" }, ml.Data.LoadAudioData(folder.Root + "/listed", SoundtracksLabelStrategy.MaxRating)
                .GetColumn<string>("Song").ToArray());
            var missing = folder.Root + "/none";
            Assert.Equal($"Data {missing} not found: give a CSV manifest or a folder.",
                Assert.Throws<System.IO.FileNotFoundException>(() => ml.Data.LoadAudioData(missing)).Message);
        }
    }
}
