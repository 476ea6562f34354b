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
    }
}
