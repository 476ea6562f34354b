using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Data;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>
    /// Scores every clip of every file: the files are cut into clips of the model's duration (ExpandToClips, one row
    /// per clip with its offset), the saved LoadAudio step is replaced by one that reads each row's offset, and the
    /// rest of the saved chain (LogStft, network) runs unchanged.
    /// </summary>
    internal static class TimelinePredictor
    {
        public static (string[] Labels, IReadOnlyList<FilePrediction> Files) Predict(MLContext ml, ModelFile model,
            IReadOnlyList<string> files, double? hop, bool includeTail = false)
        {
            var saved = model.AudioLoader;
            var rows = files.Select(f => new MusicClip { Path = f, Label = "", Song = Path.GetFileNameWithoutExtension(f) });
            var input = ml.Data.LoadMusicClips(rows);
            var clips = ml.Data.ExpandToClips(input, saved.InputColumnName, saved.Duration, hop, includeTail);
            var loader = ml.Transforms.LoadAudio(new AudioLoadingEstimator.Options
            {
                OutputColumnName = saved.OutputColumnName,
                InputColumnName = saved.InputColumnName,
                SampleRate = saved.SampleRate,
                Duration = saved.Duration,
                Alignment = saved.Alignment,
                OffsetColumnName = MusicDataCatalog.ClipOffsetColumnName,
            }).Fit(clips);
            IDataView scored = loader.Transform(clips);
            foreach (var step in ModelInspector.Flatten(model.Model).Where(t => !(t is AudioLoadingTransformer)))
                scored = step.Transform(scored);

            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            scored.Schema["Score"].GetSlotNames(ref slotNames);
            var labels = slotNames.DenseValues().Select(s => s.ToString()).ToArray();
            var perFile = new Dictionary<string, List<SegmentPrediction>>(StringComparer.Ordinal);
            foreach (var file in files)
                perFile[file] = new List<SegmentPrediction>();

            var pathColumn = scored.Schema[saved.InputColumnName];
            var offsetColumn = scored.Schema[MusicDataCatalog.ClipOffsetColumnName];
            var scoreColumn = scored.Schema["Score"];
            using (var cursor = scored.GetRowCursor(new[] { pathColumn, offsetColumn, scoreColumn }))
            {
                var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn);
                var getOffset = cursor.GetGetter<double>(offsetColumn);
                var getScore = cursor.GetGetter<VBuffer<float>>(scoreColumn);
                ReadOnlyMemory<char> path = default;
                double offset = 0;
                VBuffer<float> score = default;
                while (cursor.MoveNext())
                {
                    getPath(ref path);
                    getOffset(ref offset);
                    getScore(ref score);
                    var probabilities = score.DenseValues().ToArray();
                    perFile[path.ToString()].Add(new SegmentPrediction(offset, offset + saved.Duration,
                        labels[ArgMax(probabilities)], probabilities));
                }
            }

            var results = files.Select(f =>
            {
                var segments = perFile[f];
                var mean = Enumerable.Range(0, labels.Length)
                    .Select(c => segments.Count == 0 ? 0f : segments.Average(s => s.Probabilities[c])).ToArray();
                return new FilePrediction(f, saved.Duration, labels[ArgMax(mean)], mean, segments);
            }).ToList();
            return (labels, results);
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
