using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Audio;
using MusicEmotion.MLNet.Data;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>
    /// Scores every clip of every file: the files are cut into clips of the model's duration (ExpandToClips, one row
    /// per clip with its offset), the saved LoadAudio step is replaced by one that reads each row's offset, and the
    /// rest of the saved chain (LogStft, network) runs unchanged, row by row on this thread.
    /// </summary>
    /// <remarks>
    /// The timeline is streamed: one cursor, each row mapped as it is read (<see cref="IRowToRowMapper.GetRow"/>), so
    /// memory does not grow with the number of segments (ML.NET's scorer cursor would split the rows over threads and
    /// hold batches of 128 spectrograms). Only each segment's probabilities are kept.
    /// </remarks>
    internal static class TimelinePredictor
    {
        /// <summary>Seconds between progress lines on a long file.</summary>
        private const double ProgressSeconds = 5;

        public sealed record Result(string[] Labels, IReadOnlyList<FilePrediction> Files, IReadOnlyList<AudioFileError> Rejected);

        /// <summary>The smallest hop that means anything: one STFT hop of the model's spectrogram, in seconds (a
        /// shorter hop gives segments whose spectrograms are the same frames shifted by less than a frame).</summary>
        public static double MinimumHop(ModelFile model)
        {
            var stft = ModelInspector.Flatten(model.Model).OfType<LogStftTransformer>().FirstOrDefault();
            return (stft?.HopLength ?? LogStftEstimator.Defaults.HopLength) / (double)model.AudioLoader.SampleRate;
        }

        public static Result Predict(MLContext ml, ModelFile model, IReadOnlyList<string> files, double? hop,
            bool includeTail = false, bool skipUnreadableFiles = false, TextWriter progress = null)
        {
            var saved = model.AudioLoader;
            double step = hop ?? saved.Duration;
            var rows = files.Select(f => new MusicClip { Path = f, Label = "", Song = Path.GetFileNameWithoutExtension(f) });
            var input = ml.Data.LoadMusicClips(rows);
            IReadOnlyList<AudioFileError> probeRejects = Array.Empty<AudioFileError>();
            var clips = skipUnreadableFiles
                ? ml.Data.ExpandToClips(input, saved.InputColumnName, saved.Duration, hop, includeTail, true, out probeRejects)
                : ml.Data.ExpandToClips(input, saved.InputColumnName, saved.Duration, hop, includeTail);
            var loader = model.CreateLoader(ml, clips, skipUnreadableFiles, MusicDataCatalog.ClipOffsetColumnName);
            var audio = loader.Transform(clips);
            var mapper = model.AfterLoader().GetRowToRowMapper(audio.Schema);
            SerialScoredDataView.UseOneTorchThread();

            var scoreColumn = mapper.OutputSchema["Score"];
            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            scoreColumn.GetSlotNames(ref slotNames);
            var labels = slotNames.DenseValues().Select(s => s.ToString()).ToArray();
            var perFile = files.ToDictionary(f => f, _ => new List<SegmentPrediction>(), StringComparer.Ordinal);
            var energy = files.ToDictionary(f => f, _ => (Sum: 0.0, Count: 0L), StringComparer.Ordinal);

            var pathColumn = audio.Schema[saved.InputColumnName];
            var offsetColumn = audio.Schema[MusicDataCatalog.ClipOffsetColumnName];
            var audioColumn = audio.Schema[saved.OutputColumnName];
            var needed = mapper.GetDependencies(new[] { scoreColumn }).Concat(new[] { pathColumn, offsetColumn, audioColumn })
                .GroupBy(c => c.Index).Select(g => g.First()).ToArray();
            using (var cursor = audio.GetRowCursor(needed))
            using (var row = mapper.GetRow(cursor, new[] { scoreColumn }))
            {
                var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn);
                var getOffset = cursor.GetGetter<double>(offsetColumn);
                var getAudio = cursor.GetGetter<VBuffer<float>>(audioColumn);
                var getScore = row.GetGetter<VBuffer<float>>(scoreColumn);
                ReadOnlyMemory<char> pathText = default;
                double offset = 0;
                VBuffer<float> samples = default;
                VBuffer<float> score = default;
                string current = null;
                int expected = 0;
                var sinceReport = Stopwatch.StartNew();
                while (cursor.MoveNext())
                {
                    getPath(ref pathText);
                    getOffset(ref offset);
                    getAudio(ref samples);
                    getScore(ref score);
                    var path = pathText.ToString();
                    if (!ReferenceEquals(current, path) && current != path)
                    {
                        current = path;
                        expected = ExpectedSegments(path, saved.Duration, step, includeTail);
                        sinceReport.Restart();
                    }
                    double sum = 0;
                    foreach (var x in samples.DenseValues())
                        sum += (double)x * x;
                    var e = energy[path];
                    energy[path] = (e.Sum + sum, e.Count + samples.Length);
                    var probabilities = score.DenseValues().ToArray();
                    var segments = perFile[path];
                    segments.Add(new SegmentPrediction(offset, offset + saved.Duration, labels[ArgMax(probabilities)], probabilities));
                    if (progress != null && sinceReport.Elapsed.TotalSeconds >= ProgressSeconds)
                    {
                        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {Path.GetFileName(path)}: {segments.Count}/{(expected > 0 ? expected.ToString(CultureInfo.InvariantCulture) : "?")} segments, at {offset:F0} s"));
                        progress.Flush();
                        sinceReport.Restart();
                    }
                }
            }

            var rejected = probeRejects.Concat(loader.RejectedFiles).GroupBy(r => r.Path, StringComparer.Ordinal)
                .Select(g => g.First()).ToList();
            var rejectedPaths = new HashSet<string>(rejected.Select(r => r.Path), StringComparer.Ordinal);
            // A file with a clip that could not be read is rejected as a whole: its timeline would have holes.
            var results = files.Where(f => !rejectedPaths.Contains(f)).Select(f =>
            {
                var segments = perFile[f];
                // The file's prediction: the mean of its segments' probabilities (the same averaging as mer evaluate's).
                var mean = segments.Count == 0
                    ? new float[labels.Length]
                    : ClipScoreAveraging.AverageByFile(segments.Select(_ => f).ToArray(), segments.Select(s => s.Probabilities.ToArray()).ToArray())[0].Mean;
                var (sum, count) = energy[f];
                double rms = count == 0 ? 0 : Math.Sqrt(sum / count);
                return new FilePrediction(f, saved.Duration, labels[ArgMax(mean)], mean, segments,
                    rms > 0 ? 20 * Math.Log10(rms) : double.NegativeInfinity);
            }).ToList();
            return new Result(labels, results, rejected);
        }

        /// <summary>Segments ExpandToClips makes of <paramref name="path"/>, for progress lines; 0 when unknown.</summary>
        private static int ExpectedSegments(string path, double duration, double hop, bool includeTail)
        {
            try
            {
                return ClipExpandingDataView.CountClips(AudioDecoder.Probe(path).Duration, duration, hop, includeTail);
            }
            catch (Exception e) when (AudioFileErrorList.IsUnreadableFile(e))
            {
                return 0;
            }
        }

        private static int ArgMax(IReadOnlyList<float> values)
        {
            int best = 0;
            for (int i = 1; i < values.Count; i++)
                if (values[i] > values[best])
                    best = i;
            return best;
        }
    }
}
