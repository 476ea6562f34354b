using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>The read-ahead cursor of <see cref="AudioLoadingTransformer.Transform"/> gives what decoding row by row
    /// gives: the same values in the same order, the same errors at the same rows, and it stops cleanly.</summary>
    public sealed class AudioReadAheadTests : IDisposable
    {
        private const int Rate = 8000;
        private const double Duration = 0.25;
        private const int Length = 2000;

        private readonly AudioTestFiles _files = new AudioTestFiles();
        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly string[] _paths;

        public AudioReadAheadTests()
        {
            var paths = new List<string>();
            for (int i = 0; i < 6; i++)
            {
                // Different formats, rates, channel counts and lengths (some shorter than the clip, so looped).
                int rate = new[] { 8000, 16000, 22050, 44100 }[i % 4];
                var mono = AudioTestFiles.Distinct(rate * (i + 1) / 8, rate);
                paths.Add(i % 3 == 2
                    ? _files.Write($"s{i}.mp3", AudioTestFiles.Interleave(mono, AudioTestFiles.Sine(mono.Length, 300 + 50 * i, rate)), rate, channels: 2)
                    : _files.Write(i % 3 == 0 ? $"s{i}.wav" : $"s{i}.flac", mono, rate));
            }
            // Repeats and a longer run than the read-ahead depth.
            _paths = paths.Concat(paths.AsEnumerable().Reverse()).Concat(paths).ToArray();
        }

        public void Dispose() => _files.Dispose();

        public sealed class PathRow
        {
            public string Path { get; set; }

            public float Start { get; set; }
        }

        private IDataView Rows(IEnumerable<string> paths, Func<int, float> start = null)
            => _ml.Data.LoadFromEnumerable(paths.Select((p, i) => new PathRow { Path = p, Start = start?.Invoke(i) ?? 0 }));

        private static float[] Expected(string path, double offset = 0)
        {
            var clip = new float[Length];
            AudioDecoder.ReadClip(path, Rate, offset, ClipAlignment.Start, clip);
            return clip;
        }

        /// <summary>Path and clip of every row, read through one cursor over <paramref name="data"/>.</summary>
        private static List<(string Path, float[] Audio)> ReadAll(IDataView data, Random rand = null)
        {
            var result = new List<(string, float[])>();
            using var cursor = data.GetRowCursor(data.Schema, rand);
            var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Path"]);
            var getAudio = cursor.GetGetter<VBuffer<float>>(data.Schema["Audio"]);
            ReadOnlyMemory<char> path = default;
            VBuffer<float> audio = default;
            while (cursor.MoveNext())
            {
                getPath(ref path);
                getAudio(ref audio);
                result.Add((path.ToString(), audio.DenseValues().ToArray()));
            }
            return result;
        }

        private AudioLoadingTransformer Fit(IDataView data, string offsetColumn = null)
            => _ml.Transforms.LoadAudio("Audio", "Path", sampleRate: Rate, duration: Duration, offsetColumnName: offsetColumn).Fit(data);

        [Fact]
        public void ReadAheadGivesTheRowByRowValuesInOrder()
        {
            var data = Rows(_paths);
            var transformer = Fit(data);
            var view = transformer.Transform(data);
            using (var cursor = view.GetRowCursor(view.Schema))
                Assert.IsType<AudioReadAheadCursor>(cursor);

            var rows = ReadAll(view);
            var serial = ReadAll(transformer.TransformRowByRow(data));
            Assert.Equal(_paths, rows.Select(r => r.Path));
            Assert.Equal(serial.Select(r => r.Path), rows.Select(r => r.Path));
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(serial[i].Audio, rows[i].Audio);
                Assert.Equal(Expected(_paths[i]), rows[i].Audio);
            }
        }

        [Fact]
        public void OffsetColumnIsReadAheadPerRow()
        {
            var data = Rows(_paths, i => 0.01f * (i % 5));
            var rows = ReadAll(Fit(data, "Start").Transform(data));
            for (int i = 0; i < rows.Count; i++)
                Assert.Equal(Expected(_paths[i], 0.01f * (i % 5)), rows[i].Audio);
        }

        [Fact]
        public void ColumnsOtherThanTheClipPassThrough()
        {
            var data = Rows(_paths, i => i);
            var view = Fit(data).Transform(data);
            using var cursor = view.GetRowCursor(view.Schema);
            var getStart = cursor.GetGetter<float>(view.Schema["Start"]);
            var getId = cursor.GetIdGetter();
            float start = 0;
            DataViewRowId id = default;
            for (int i = 0; cursor.MoveNext(); i++)
            {
                getStart(ref start);
                getId(ref id);
                Assert.Equal(i, start);
                Assert.Equal(i, cursor.Position);
                Assert.Equal((ulong)i, id.Low);
            }
            Assert.ThrowsAny<ArgumentException>(() => cursor.GetGetter<float[]>(view.Schema["Audio"]));
        }

        [Fact]
        public void ShuffledSourceKeepsEachRowsOwnClip()
        {
            var shuffled = _ml.Data.ShuffleRows(Rows(_paths), seed: 3);
            var view = Fit(shuffled).Transform(shuffled);
            foreach (var rand in new[] { null, new Random(5) })
            {
                var rows = ReadAll(view, rand);
                Assert.Equal(_paths.OrderBy(p => p), rows.Select(r => r.Path).OrderBy(p => p));
                foreach (var (path, audio) in rows)
                    Assert.Equal(Expected(path), audio);
            }
        }

        [Fact]
        public void CursorSetOfOneSourceCursorReadsAhead()
        {
            var data = Rows(_paths);
            var view = Fit(data).Transform(data);
            var set = view.GetRowCursorSet(view.Schema, 2);
            try
            {
                var values = new List<(string, float[])>();
                foreach (var cursor in set)
                {
                    var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Path"]);
                    var getAudio = cursor.GetGetter<VBuffer<float>>(view.Schema["Audio"]);
                    ReadOnlyMemory<char> path = default;
                    VBuffer<float> audio = default;
                    while (cursor.MoveNext())
                    {
                        getPath(ref path);
                        getAudio(ref audio);
                        values.Add((path.ToString(), audio.DenseValues().ToArray()));
                    }
                }
                Assert.Equal(_paths.Length, values.Count);
                foreach (var (path, audio) in values)
                    Assert.Equal(Expected(path), audio);
            }
            finally
            {
                foreach (var cursor in set)
                    cursor.Dispose();
            }
        }

        [Fact]
        public void ErrorsNameTheFileAndSurfaceAtTheirRow()
        {
            var missing = _files.PathOf("missing.mp3");
            var text = _files.WriteText("notes.mp3", "not audio");
            var paths = new[] { _paths[0], _paths[1], missing, _paths[2], text, _paths[3] };
            var data = Rows(paths);
            var transformer = Fit(data);
            // Row by row, as a prediction engine decodes: each file's own exception.
            var serial = paths.Select(p => Record.Exception(() => Expected(p))).ToList();
            var readAhead = Errors(transformer.Transform(data));

            Assert.Equal(new[] { null, null, "FileNotFoundException", null, "InvalidDataException", null },
                readAhead.Select(e => e?.GetType().Name));
            Assert.Contains(missing, readAhead[2].Message);
            Assert.Contains(text, readAhead[4].Message);
            Assert.Equal(serial.Select(e => e?.GetType()), readAhead.Select(e => e?.GetType()));
            Assert.Equal(serial.Select(e => e?.Message), readAhead.Select(e => e?.Message));
        }

        [Fact]
        public void BadOffsetFailsAtItsRowNamingTheFile()
        {
            var data = Rows(_paths.Take(5), i => i == 3 ? -1f : 0f);
            var errors = Errors(Fit(data, "Start").Transform(data));
            Assert.Equal(new[] { false, false, false, true, false }, errors.Select(e => e != null));
            var e = Assert.IsType<ArgumentOutOfRangeException>(errors[3]);
            Assert.Contains(_paths[3], e.Message);
            Assert.Contains("Offset=-1", e.Message);
        }

        /// <summary>The exception reading each row's clip threw, or null; rows whose clip failed still move on.</summary>
        private static List<Exception> Errors(IDataView view)
        {
            var errors = new List<Exception>();
            using var cursor = view.GetRowCursor(view.Schema);
            var getAudio = cursor.GetGetter<VBuffer<float>>(view.Schema["Audio"]);
            VBuffer<float> audio = default;
            while (cursor.MoveNext())
                errors.Add(Record.Exception(() => getAudio(ref audio)));
            return errors;
        }

        [Fact]
        public async Task EarlyDisposalDoesNotHang()
        {
            var many = Enumerable.Repeat(_paths, 20).SelectMany(p => p).ToArray();
            var data = Rows(many);
            var view = Fit(data).Transform(data);
            var work = Task.Run(() =>
            {
                using (view.GetRowCursor(view.Schema))
                {
                }
                using (var cursor = view.GetRowCursor(view.Schema))
                {
                    Assert.True(cursor.MoveNext());
                    Assert.True(cursor.MoveNext());
                }
                using (var cursor = view.GetRowCursor(view.Schema))
                {
                    var getAudio = cursor.GetGetter<VBuffer<float>>(view.Schema["Audio"]);
                    VBuffer<float> audio = default;
                    Assert.True(cursor.MoveNext());
                    getAudio(ref audio);
                    cursor.Dispose();
                    Assert.False(cursor.MoveNext());
                }
            });
            var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(finished == work, "Disposing read-ahead cursors did not return.");
            await work;
        }

        [Fact]
        public void CacheBinarySavePreviewAndPredictionEngineMatch()
        {
            var data = Rows(_paths);
            var model = _ml.Transforms.LoadAudio("Audio", "Path", sampleRate: Rate, duration: Duration)
                .Append(_ml.Transforms.LogStft("Spectrogram", "Audio", fftSize: 256, hopLength: 64))
                .Fit(data);
            var output = model.Transform(data);
            var expected = FreshProcessScorer.ReadColumn(output, "Spectrogram");

            Assert.Equal(expected, FreshProcessScorer.ReadColumn(_ml.Data.Cache(output), "Spectrogram"));
            var binary = _files.PathOf("spectrogram.idv");
            using (var stream = File.Create(binary))
                _ml.Data.SaveAsBinary(_ml.Transforms.SelectColumns("Spectrogram").Fit(output).Transform(output), stream);
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(_ml.Data.LoadFromBinary(binary), "Spectrogram"));
            var preview = output.Preview(3);
            int perClip = expected.Length / _paths.Length;
            var first = ((VBuffer<float>)preview.RowView[1].Values.Single(c => c.Key == "Spectrogram").Value).DenseValues().ToArray();
            Assert.Equal(expected.Skip(perClip).Take(perClip), first);

            var engine = _ml.Model.CreatePredictionEngine<PathRow, SpectrogramRow>(model);
            var predicted = engine.Predict(new PathRow { Path = _paths[4] }).Spectrogram;
            Assert.Equal(expected.Skip(4 * perClip).Take(perClip), predicted);
        }

        [Fact]
        public void SpectrogramCursorSetIsOneOrderedCursorAndAnEmptyOne()
        {
            var data = Rows(_paths);
            var model = _ml.Transforms.LoadAudio("Audio", "Path", sampleRate: Rate, duration: Duration)
                .Append(_ml.Transforms.LogStft("Spectrogram", "Audio", fftSize: 256, hopLength: 64))
                .Fit(data);
            var output = model.Transform(data);
            var column = output.Schema["Spectrogram"];
            var set = output.GetRowCursorSet(new[] { column, output.Schema["Path"] }, 4);
            // One ordered cursor and an empty one (so that a parallel transform downstream consolidates row by row).
            Assert.Equal(2, set.Length);
            Assert.False(set[1].MoveNext());
            set[1].Dispose();
            var cursor = set[0];
            using (cursor)
            {
                var engine = _ml.Model.CreatePredictionEngine<PathRow, SpectrogramRow>(model);
                var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema["Path"]);
                var getSpectrogram = cursor.GetGetter<VBuffer<float>>(column);
                ReadOnlyMemory<char> path = default;
                VBuffer<float> spectrogram = default;
                int row = 0;
                while (cursor.MoveNext())
                {
                    getPath(ref path);
                    getSpectrogram(ref spectrogram);
                    Assert.Equal(_paths[row], path.ToString());
                    Assert.Equal(engine.Predict(new PathRow { Path = _paths[row] }).Spectrogram, spectrogram.DenseValues().ToArray());
                    row++;
                }
                Assert.Equal(_paths.Length, row);
            }
        }

        public sealed class SpectrogramRow
        {
            public float[] Spectrogram { get; set; }
        }
    }
}
