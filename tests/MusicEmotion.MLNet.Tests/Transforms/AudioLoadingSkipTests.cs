using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary><see cref="AudioLoadingEstimator.Options.SkipUnreadableFiles"/>: a job over many files with a few broken ones
    /// uses the readable ones and lists the others with the cause; without it the first bad row throws, naming its file.</summary>
    public sealed class AudioLoadingSkipTests : IDisposable
    {
        private const int Rate = 8000;
        private const double Duration = 0.25;
        private const int Length = 2000;

        private readonly AudioTestFiles _files = new AudioTestFiles();
        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly List<string> _good = new List<string>();
        private readonly List<string> _bad = new List<string>();
        private readonly List<LabelledRow> _rows = new List<LabelledRow>();

        public AudioLoadingSkipTests()
        {
            // 40 good files (two classes that a linear model tells apart by loudness) and 20 bad ones of five kinds,
            // interleaved so that bad rows sit among good ones, first and last included.
            for (int i = 0; i < 40; i++)
            {
                bool loud = i % 2 == 0;
                var samples = AudioTestFiles.Sine(Length, 200 + 13 * i, Rate, amplitude: loud ? 0.8 : 0.05);
                _good.Add(_files.Write(i % 3 == 0 ? $"g{i}.flac" : $"g{i}.wav", samples, Rate));
            }
            for (int i = 0; i < 20; i++)
            {
                string path = (i % 5) switch
                {
                    0 => _files.WriteText($"empty{i}.mp3", ""),
                    1 => _files.WriteText($"text{i}.mp3", "this is not audio\n"),
                    2 => Truncated($"truncated{i}.wav"),
                    3 => RandomBytes($"random{i}.flac", i),
                    _ => _files.PathOf($"missing{i}.wav"),
                };
                _bad.Add(path);
            }
            int g = 0, b = 0;
            for (int r = 0; r < 60; r++)
            {
                bool bad = r % 3 == 0 && b < _bad.Count;
                var path = bad ? _bad[b++] : _good[g++];
                _rows.Add(new LabelledRow { Path = path, Label = bad ? "x" : (g - 1) % 2 == 0 ? "loud" : "quiet" });
            }
        }

        public void Dispose() => _files.Dispose();

        public sealed class LabelledRow
        {
            public string Path { get; set; }

            public string Label { get; set; }

            public double Start { get; set; }
        }

        private string Truncated(string name)
        {
            // Cut inside the 44-byte header.
            var full = _files.Write(name + ".full.wav", AudioTestFiles.Sine(Rate, 440, Rate), Rate);
            return _files.Truncate(full, name, 30);
        }

        private string RandomBytes(string name, int seed)
        {
            var bytes = new byte[4096];
            new Random(seed).NextBytes(bytes);
            var path = _files.PathOf(name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private IDataView Data() => _ml.Data.LoadFromEnumerable(_rows);

        private AudioLoadingEstimator Skipping() => _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, skipUnreadableFiles: true);

        private static List<string> Paths(IDataView data, bool withAudio)
        {
            var columns = withAudio ? new[] { data.Schema["Path"], data.Schema["Audio"] } : new[] { data.Schema["Path"] };
            var result = new List<string>();
            using var cursor = data.GetRowCursor(columns);
            var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Path"]);
            var getAudio = withAudio ? cursor.GetGetter<VBuffer<float>>(data.Schema["Audio"]) : null;
            ReadOnlyMemory<char> path = default;
            VBuffer<float> audio = default;
            long expected = 0;
            while (cursor.MoveNext())
            {
                Assert.Equal(expected++, cursor.Position);
                getPath(ref path);
                getAudio?.Invoke(ref audio);
                result.Add(path.ToString());
            }
            return result;
        }

        [Fact]
        public void FitTrainsOnTheGoodFilesAndListsTheBadOnesWithTheirCause()
        {
            var loader = Skipping().Fit(Data());
            var audio = loader.Transform(Data());
            Assert.Null(audio.GetRowCount());
            var trainer = _ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(_ml.Transforms.NormalizeMinMax("Audio"))
                .Append(_ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Audio", maximumNumberOfIterations: 5));
            var model = trainer.Fit(audio);
            var scored = model.Transform(audio);
            var labels = scored.GetColumn<uint>("Label").ToArray();
            // Only the 40 readable rows reach the trainer; the bad rows' label "x" is never seen.
            Assert.Equal(40, labels.Length);
            var keys = default(VBuffer<ReadOnlyMemory<char>>);
            scored.Schema["Label"].GetKeyValues(ref keys);
            Assert.Equal(new[] { "loud", "quiet" }, keys.DenseValues().Select(k => k.ToString()).OrderBy(k => k).ToArray());

            var rejected = loader.RejectedFiles;
            Assert.Equal(_bad, rejected.Select(r => r.Path).ToList());
            foreach (var reject in rejected)
                Assert.Contains(reject.Path, reject.Reason);
            Assert.Contains("empty (0 bytes)", rejected[0].Reason);
            Assert.Contains("does not exist", rejected[4].Reason);
        }

        [Fact]
        public void EveryCursorSeesTheSameReadableRowsWithConsecutivePositions()
        {
            var output = Skipping().Fit(Data()).Transform(Data());
            var withAudio = Paths(output, withAudio: true);
            var pathOnly = Paths(output, withAudio: false);
            Assert.Equal(_good, withAudio);
            Assert.Equal(_good, pathOnly);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2)]
        [InlineData(16)]
        public void ReadAheadDepthDoesNotChangeTheRowsOrTheValues(int depth)
        {
            int saved = AudioReadAheadDataView.ReadAheadDepth;
            try
            {
                AudioReadAheadDataView.ReadAheadDepth = depth;
                var loader = Skipping().Fit(Data());
                var output = loader.Transform(Data());
                var audio = output.GetColumn<float[]>("Audio").ToArray();
                Assert.Equal(_good.Count, audio.Length);
                for (int i = 0; i < _good.Count; i++)
                {
                    var expected = new float[Length];
                    AudioDecoder.ReadClip(_good[i], Rate, 0, ClipAlignment.Start, expected);
                    Assert.Equal(expected, audio[i]);
                }
                Assert.Equal(_bad.Count, loader.RejectedFiles.Count);
            }
            finally
            {
                AudioReadAheadDataView.ReadAheadDepth = saved;
            }
        }

        [Fact]
        public void ByDefaultTheFirstBadRowThrowsNamingItsFile()
        {
            var loader = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration).Fit(Data());
            Assert.False(loader.SkipUnreadableFiles);
            var output = loader.Transform(Data());
            var e = Assert.ThrowsAny<Exception>(() => output.GetColumn<float[]>("Audio").ToArray());
            while (e.InnerException != null && !(e is InvalidDataException))
                e = e.InnerException;
            Assert.IsType<InvalidDataException>(e);
            Assert.Contains(_bad[0], e.Message);
            Assert.Empty(loader.RejectedFiles);
        }

        [Fact]
        public void AnErrorThatIsNotABadFileIsStillThrown()
        {
            // A negative offset is the caller's mistake, not a broken file.
            var rows = _rows.Select((r, i) => new LabelledRow { Path = r.Path, Label = r.Label, Start = i == 1 ? -1 : 0 });
            var data = _ml.Data.LoadFromEnumerable(rows);
            var output = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offsetColumnName: "Start", skipUnreadableFiles: true)
                .Fit(data).Transform(data);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => output.GetColumn<float[]>("Audio").ToArray());
            Assert.Contains("Offset=-1 in column 'Start'", e.Message);
        }

        [Fact]
        public void PredictionEngineCannotSkipAndThrows()
        {
            var model = Skipping().Fit(Data());
            var engine = _ml.Model.CreatePredictionEngine<LabelledRow, AudioRow>(model);
            Assert.Equal(Length, engine.Predict(new LabelledRow { Path = _good[0] }).Audio.Length);
            var e = Assert.Throws<InvalidDataException>(() => engine.Predict(new LabelledRow { Path = _bad[1] }));
            Assert.Contains(_bad[1], e.Message);
        }

        public sealed class AudioRow
        {
            [VectorType(Length)]
            public float[] Audio { get; set; }
        }

        [Fact]
        public void SaveLoadRoundTripKeepsTheOption()
        {
            var path = _files.PathOf("skip.zip");
            _ml.Model.Save(Skipping().Fit(Data()), Data().Schema, path);
            var fresh = new MLContext(seed: 2);
            var loaded = Assert.IsType<AudioLoadingTransformer>(fresh.Model.Load(path, out _));
            Assert.True(loaded.SkipUnreadableFiles);
            Assert.Equal(_good, Paths(loaded.Transform(fresh.Data.LoadFromEnumerable(_rows)), withAudio: true));
            Assert.Equal(_bad.Count, loaded.RejectedFiles.Count);

            var strictPath = _files.PathOf("strict.zip");
            _ml.Model.Save(_ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration).Fit(Data()), Data().Schema, strictPath);
            Assert.False(Assert.IsType<AudioLoadingTransformer>(fresh.Model.Load(strictPath, out _)).SkipUnreadableFiles);
        }

        [Fact]
        public void OldZipWithoutTheOptionLoadsFailingFast()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "TestData", "models", "audio-loading-v00010001.zip");
            var loaded = Assert.IsType<AudioLoadingTransformer>(_ml.Model.Load(path, out _));
            Assert.False(loaded.SkipUnreadableFiles);
            Assert.Equal(Rate, loaded.SampleRate);
            Assert.Equal(Duration, loaded.Duration);
            Assert.Equal("Path", loaded.InputColumnName);
            var good = _ml.Data.LoadFromEnumerable(_good.Take(3).Select(p => new LabelledRow { Path = p }));
            Assert.Equal(3, loaded.Transform(good).GetColumn<float[]>("Audio").Count());
        }

        [Fact]
        public void ExpandToClipsSkipsFilesItCannotProbeAndListsThem()
        {
            var data = _ml.Data.LoadFromEnumerable(_rows);
            var clips = _ml.Data.ExpandToClips(data, "Path", Duration, hopSeconds: null, includePartialClip: false,
                skipUnreadableFiles: true, out var rejected);
            var paths = clips.GetColumn<string>("Path").ToList();
            // Probing reads headers only: every good file gives its clip; a bad file is rejected here or, if its header
            // passes, by LoadAudio.
            Assert.Equal(_good, paths.Where(p => _good.Contains(p)).ToList());
            Assert.Contains(_bad[0], rejected.Select(r => r.Path));
            Assert.Contains(_bad[4], rejected.Select(r => r.Path));
            Assert.All(rejected, r => Assert.Contains(r.Path, r.Reason));

            var loader = _ml.Transforms.LoadAudio("Audio", "Path", Rate, Duration, offsetColumnName: MusicDataCatalog.ClipOffsetColumnName,
                skipUnreadableFiles: true).Fit(clips);
            var loaded = loader.Transform(clips).GetColumn<string>("Path").ToList();
            Assert.Equal(_good, loaded);
            var all = rejected.Select(r => r.Path).Concat(loader.RejectedFiles.Select(r => r.Path)).ToHashSet();
            Assert.True(_bad.All(all.Contains), "every bad file is rejected by one of the two steps");

            var strict = _ml.Data.ExpandToClips(data, "Path", Duration);
            Assert.ThrowsAny<Exception>(() => strict.GetColumn<string>("Path").ToArray());
        }
    }
}
