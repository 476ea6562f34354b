using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    public sealed class ClipExpansionTests : IDisposable
    {
        private const int Rate = 8000;
        private readonly AudioTestFiles _files = new AudioTestFiles();
        private readonly MLContext _ml = new MLContext(seed: 1);

        public void Dispose() => _files.Dispose();

        private sealed class Song
        {
            public string Path { get; set; }

            public string Title { get; set; }
        }

        private IDataView Songs(out float[] longSong)
        {
            longSong = AudioTestFiles.Distinct(Rate * 5 / 2, Rate);
            return _ml.Data.LoadFromEnumerable(new[]
            {
                new Song { Path = _files.Write("long.wav", longSong, Rate, floatingPoint: true), Title = "long" },
                new Song { Path = _files.Write("one.flac", AudioTestFiles.Sine(Rate, 440, Rate), Rate), Title = "one" },
                new Song { Path = _files.Write("half.wav", AudioTestFiles.Sine(Rate / 2, 440, Rate), Rate), Title = "half" },
            });
        }

        [Theory]
        [InlineData(1.0, null, false, new[] { 0, 1, 0, 0 }, new[] { 0.0, 1.0, 0.0, 0.0 })]
        [InlineData(1.0, null, true, new[] { 0, 1, 2, 0, 0 }, new[] { 0.0, 1.0, 2.0, 0.0, 0.0 })]
        [InlineData(1.0, 0.5, false, new[] { 0, 1, 2, 3, 0, 0 }, new[] { 0.0, 0.5, 1.0, 1.5, 0.0, 0.0 })]
        public void RowsIndicesAndOffsets(double duration, double? hop, bool partial, int[] indices, double[] offsets)
        {
            var clips = _ml.Data.ExpandToClips(Songs(out _), "Path", duration, hop, partial);
            Assert.Equal(indices, clips.GetColumn<int>("ClipIndex").ToArray());
            Assert.Equal(offsets, clips.GetColumn<double>("ClipOffset").ToArray());
            var titles = clips.GetColumn<string>("Title").ToArray();
            Assert.Equal(indices.Length, titles.Length);
            Assert.All(titles.Take(indices.Length - 2), t => Assert.Equal("long", t));
            Assert.Equal(new[] { "one", "half" }, titles.Skip(indices.Length - 2));
        }

        [Fact]
        public void SchemaAddsIndexAndOffset()
        {
            var clips = _ml.Data.ExpandToClips(Songs(out _), "Path", 1.0);
            Assert.Equal(NumberDataViewType.Int32, clips.Schema["ClipIndex"].Type);
            Assert.Equal(NumberDataViewType.Double, clips.Schema["ClipOffset"].Type);
            Assert.Equal(TextDataViewType.Instance, clips.Schema["Path"].Type);
        }

        [Fact]
        public void LoadAudioReadsEachClip()
        {
            var clips = _ml.Data.ExpandToClips(Songs(out var x), "Path", 1.0, includePartialClip: true);
            var model = _ml.Transforms.LoadAudio("Audio", "Path", Rate, 1.0, offsetColumnName: "ClipOffset").Fit(clips);
            var values = FreshProcessScorer.ReadColumn(model.Transform(clips), "Audio");
            Assert.Equal(5 * Rate, values.Length);
            Assert.Equal(x.Take(2 * Rate).ToArray(), values.Take(2 * Rate).ToArray());
            var tail = x.Skip(2 * Rate).ToArray();
            Assert.Equal(tail.Concat(tail).ToArray(), values.Skip(2 * Rate).Take(Rate).ToArray());

            // The expanded view also serialises (binary IDataView) and scores in a fresh process.
            var zip = _files.PathOf("clips.zip");
            _ml.Model.Save(model, clips.Schema, zip);
            Assert.Equal(values, FreshProcessScorer.Score(_ml, zip, clips, "Audio"));
        }

        [Fact]
        public void CountingRule()
        {
            Assert.Equal(1, ClipExpandingDataView.CountClips(30, 30, 30, false));
            Assert.Equal(1, ClipExpandingDataView.CountClips(12, 30, 30, false));
            Assert.Equal(2, ClipExpandingDataView.CountClips(60, 30, 30, false));
            Assert.Equal(2, ClipExpandingDataView.CountClips(89.9, 30, 30, false));
            Assert.Equal(3, ClipExpandingDataView.CountClips(89.9, 30, 30, true));
            Assert.Equal(3, ClipExpandingDataView.CountClips(90, 30, 30, true));
        }

        [Fact]
        public void MissingPathColumnAndBadArguments()
        {
            var songs = Songs(out _);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.ExpandToClips(songs, "File"));
            Assert.Contains("Could not find path column 'File'", e.Message);
            var d = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.ExpandToClips(songs, "Path", 0));
            Assert.Contains("Duration=0 must be", d.Message);
            var h = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.ExpandToClips(songs, "Path", 1, hopSeconds: -1));
            Assert.Contains("HopSeconds=-1 must be", h.Message);
            Assert.Equal("hopSeconds", h.ParamName);
        }

        [Fact]
        public void MissingFileIsNamedWhenRowsAreRead()
        {
            var missing = _files.PathOf("absent.mp3");
            var data = _ml.Data.LoadFromEnumerable(new[] { new Song { Path = missing, Title = "x" } });
            var clips = _ml.Data.ExpandToClips(data, "Path", 1.0);
            var e = Assert.Throws<FileNotFoundException>(() => clips.GetColumn<int>("ClipIndex").ToArray());
            Assert.Contains(missing, e.Message);
        }
    }
}
