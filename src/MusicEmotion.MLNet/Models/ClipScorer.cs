using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Scores every clip of one piece of audio with an <see cref="EmotionModel"/>. A file is cut into clips of the
    /// model's duration (ExpandToClips, one row per clip with its offset), the saved LoadAudio step is replaced by one
    /// that reads each row's offset, and the rest of the saved chain (LogStft, network) runs unchanged, row by row on
    /// the caller's thread. A sample buffer is cut by the same rule (<see cref="AudioDecoder.ClipFromSamples"/>) into
    /// an in-memory view of clips that the same rest of the chain scores.
    /// </summary>
    /// <remarks>
    /// The timeline is streamed: one cursor, each row mapped as it is read (<see cref="IRowToRowMapper.GetRow"/>), so
    /// memory does not grow with the number of segments (ML.NET's scorer cursor would split the rows over threads and
    /// hold batches of 128 spectrograms). Only each segment's probabilities are kept. Every call builds its own views,
    /// cursors and rows over the model's immutable transformers, so calls on several threads share no mutable state.
    /// </remarks>
    internal static class ClipScorer
    {
        /// <summary>Seconds between progress lines on a long file.</summary>
        private const double ProgressSeconds = 5;

        /// <summary>Scores the clips of <paramref name="path"/>; with <paramref name="skipUnreadableFiles"/> a file that
        /// cannot be read (or one of whose clips cannot: its timeline would have holes) gives a prediction with
        /// <see cref="EmotionPrediction.Error"/>, otherwise the decoder's exception propagates.</summary>
        public static EmotionPrediction ScoreFile(EmotionModel model, string path, double? hopSeconds, bool includePartialClip,
            bool skipUnreadableFiles, TextWriter progress)
        {
            var ml = model.Context;
            var saved = model.AudioLoader;
            double step = hopSeconds ?? saved.Duration;
            var input = ml.Data.LoadMusicClips(new[] { new MusicClip { Path = path, Label = "", Song = Path.GetFileNameWithoutExtension(path) } });
            IReadOnlyList<AudioFileError> probeRejects = Array.Empty<AudioFileError>();
            var clips = skipUnreadableFiles
                ? ml.Data.ExpandToClips(input, saved.InputColumnName, saved.Duration, hopSeconds, includePartialClip, true, out probeRejects, model.DecoderBackend)
                : ml.Data.ExpandToClips(input, saved.InputColumnName, saved.Duration, hopSeconds, includePartialClip, model.DecoderBackend);
            var loader = model.CreateLoader(clips, skipUnreadableFiles, MusicDataCatalog.ClipOffsetColumnName);
            var audio = loader.Transform(clips);
            Action<int, double> report = null;
            if (progress != null)
            {
                int expected = -1;
                var sinceReport = Stopwatch.StartNew();
                report = (segments, offset) =>
                {
                    if (sinceReport.Elapsed.TotalSeconds < ProgressSeconds)
                        return;
                    if (expected < 0)
                        expected = ExpectedSegments(path, saved.Duration, step, includePartialClip, model.DecoderBackend);
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {Path.GetFileName(path)}: {segments}/{(expected > 0 ? expected.ToString(CultureInfo.InvariantCulture) : "?")} segments, at {offset:F0} s"));
                    progress.Flush();
                    sinceReport.Restart();
                };
            }
            var (segmentList, energy, count) = Score(model, path, audio, report);
            var rejected = probeRejects.Concat(loader.RejectedFiles).FirstOrDefault();
            if (rejected != null)
                return new EmotionPrediction(path, model.Classes, saved.Duration, 0, 0, null, Array.Empty<float>(),
                    Array.Empty<EmotionPrediction>(), double.NaN, rejected);
            return Summarize(model, path, segmentList, energy, count);
        }

        /// <summary>Scores the clips of mono <paramref name="samples"/> at <paramref name="sampleRate"/> Hz, cut as a
        /// file of that audio would be (non-overlapping clips from 0 s, a short buffer looped to one clip).</summary>
        public static EmotionPrediction ScoreSamples(EmotionModel model, ReadOnlySpan<float> samples, int sampleRate)
        {
            var saved = model.AudioLoader;
            double seconds = (double)samples.Length / sampleRate;
            int clipCount = ClipExpandingDataView.CountClips(seconds, saved.Duration, saved.Duration, includePartialClip: false);
            var rows = new List<SampleClip>(clipCount);
            for (int k = 0; k < clipCount; k++)
            {
                double offset = k * saved.Duration;
                var clip = new float[saved.ClipLength];
                AudioDecoder.ClipFromSamples(samples, sampleRate, saved.SampleRate, offset, saved.Alignment, clip, model.DecoderBackend);
                rows.Add(new SampleClip { Path = "", Label = "", Song = "", ClipOffset = offset, Audio = clip });
            }
            var schema = SchemaDefinition.Create(typeof(SampleClip));
            schema[nameof(SampleClip.Path)].ColumnName = saved.InputColumnName;
            schema[nameof(SampleClip.Audio)].ColumnName = saved.OutputColumnName;
            schema[nameof(SampleClip.Audio)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, saved.ClipLength);
            schema[nameof(SampleClip.ClipOffset)].ColumnName = MusicDataCatalog.ClipOffsetColumnName;
            var view = model.Context.Data.LoadFromEnumerable(rows, schema);
            var (segments, energy, count) = Score(model, null, view, null);
            return Summarize(model, null, segments, energy, count);
        }

        /// <summary>One cursor over <paramref name="audio"/> (path, offset and clip columns named as the saved loader
        /// names them) mapped row by row through the model after its LoadAudio step.</summary>
        private static (List<EmotionPrediction> Segments, double EnergySum, long SampleCount) Score(EmotionModel model, string path,
            IDataView audio, Action<int, double> report)
        {
            var saved = model.AudioLoader;
            var mapper = model.AfterLoader.GetRowToRowMapper(audio.Schema);
            var scoreColumn = mapper.OutputSchema["Score"];
            var labels = model.Classes;
            var offsetColumn = audio.Schema[MusicDataCatalog.ClipOffsetColumnName];
            var audioColumn = audio.Schema[saved.OutputColumnName];
            var needed = mapper.GetDependencies(new[] { scoreColumn }).Concat(new[] { offsetColumn, audioColumn })
                .GroupBy(c => c.Index).Select(g => g.First()).ToArray();
            var segments = new List<EmotionPrediction>();
            var none = Array.Empty<EmotionPrediction>();
            double energy = 0;
            long count = 0;
            using (var cursor = audio.GetRowCursor(needed))
            using (var row = mapper.GetRow(cursor, new[] { scoreColumn }))
            {
                var getOffset = cursor.GetGetter<double>(offsetColumn);
                var getAudio = cursor.GetGetter<VBuffer<float>>(audioColumn);
                var getScore = row.GetGetter<VBuffer<float>>(scoreColumn);
                double offset = 0;
                VBuffer<float> samples = default;
                VBuffer<float> score = default;
                while (cursor.MoveNext())
                {
                    getOffset(ref offset);
                    getAudio(ref samples);
                    getScore(ref score);
                    double clipEnergy = 0;
                    // Implicit zeros add no energy; the count below is the clip's full length.
                    foreach (var x in samples.GetValues())
                        clipEnergy += (double)x * x;
                    energy += clipEnergy;
                    count += samples.Length;
                    var probabilities = new float[score.Length];
                    score.CopyTo(probabilities);
                    segments.Add(new EmotionPrediction(path, labels, saved.Duration, offset, offset + saved.Duration,
                        labels[ClipAveraging.ArgMax(probabilities)], probabilities, none, Dbfs(clipEnergy, samples.Length)));
                    report?.Invoke(segments.Count, offset);
                }
            }
            return (segments, energy, count);
        }

        private static EmotionPrediction Summarize(EmotionModel model, string path, List<EmotionPrediction> segments, double energy, long count)
        {
            var labels = model.Classes;
            var mean = ClipAveraging.MeanProbabilities(segments.Select(s => s.Probabilities), labels.Count);
            double end = segments.Count == 0 ? 0 : segments.Max(s => s.End);
            return new EmotionPrediction(path, labels, model.ClipDuration, 0, end, labels[ClipAveraging.ArgMax(mean)], mean, segments,
                Dbfs(energy, count));
        }

        /// <summary>RMS level in dB re full scale of <paramref name="count"/> samples whose squares sum to <paramref name="energy"/>.</summary>
        private static double Dbfs(double energy, long count)
        {
            double rms = count == 0 ? 0 : Math.Sqrt(energy / count);
            return rms > 0 ? 20 * Math.Log10(rms) : double.NegativeInfinity;
        }

        /// <summary>Segments ExpandToClips makes of <paramref name="path"/>, for progress lines; 0 when unknown.</summary>
        private static int ExpectedSegments(string path, double duration, double hop, bool includeTail, AudioDecoderBackend backend)
        {
            try
            {
                return ClipExpandingDataView.CountClips(AudioDecoder.Probe(path, backend).Duration, duration, hop, includeTail);
            }
            catch (Exception e) when (AudioFileErrorList.IsUnreadableFile(e))
            {
                return 0;
            }
        }

        /// <summary>A row of a sample buffer's clip view, with the columns <see cref="MusicClip"/> gives a file.</summary>
        internal sealed class SampleClip
        {
            public string Path { get; set; }

            public string Label { get; set; }

            public string Song { get; set; }

            public float Valence { get; set; } = float.NaN;

            public float Arousal { get; set; } = float.NaN;

            public double ClipOffset { get; set; }

            public float[] Audio { get; set; }
        }
    }
}
