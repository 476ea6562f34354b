using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Data;
using MusicEmotion.MLNet.Evaluation;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>
    /// Scores of a model on a labelled data set: ML.NET's multiclass metrics plus per-class precision, recall, F1 and
    /// support (<see cref="ClassificationScores"/>), computed from ML.NET's confusion matrix (rows: true class, columns: predicted class).
    /// </summary>
    internal sealed class EvaluationReport
    {
        private EvaluationReport(MulticlassClassificationMetrics metrics, ClassificationScores scores, IReadOnlyList<AudioFileError> rejected)
        {
            Metrics = metrics;
            Scores = scores;
            Rejected = rejected;
        }

        /// <summary>Audio files left out because they could not be read (empty without skipping).</summary>
        public IReadOnlyList<AudioFileError> Rejected { get; }

        public MulticlassClassificationMetrics Metrics { get; }

        /// <summary>Accuracy, per-class and macro precision/recall/F1 and the confusion counts [true, predicted].</summary>
        public ClassificationScores Scores { get; }

        public int Rows => (int)Scores.Support.Sum();

        /// <summary>Scores <paramref name="data"/> with <paramref name="model"/> and evaluates against its Label, one
        /// prediction per file: a file longer than the model's clip is cut into whole clips (ExpandToClips, hop = clip
        /// length) and its prediction is the mean of their probabilities (<see cref="ClipScoreAveraging"/>). With
        /// <paramref name="skipUnreadableFiles"/> rows whose file cannot be read are left out and listed in
        /// <see cref="Rejected"/>.</summary>
        public static EvaluationReport Evaluate(MLContext ml, ModelFile model, IDataView data, bool skipUnreadableFiles = false)
        {
            var saved = model.AudioLoader;
            IReadOnlyList<AudioFileError> probeRejects = Array.Empty<AudioFileError>();
            var clips = skipUnreadableFiles
                ? ml.Data.ExpandToClips(data, saved.InputColumnName, saved.Duration, null, false, true, out probeRejects)
                : ml.Data.ExpandToClips(data, saved.InputColumnName, saved.Duration);
            var (scored, loader) = model.Score(ml, clips, skipUnreadableFiles, MusicDataCatalog.ClipOffsetColumnName);
            var perFile = AverageClips(ml, scored, saved.InputColumnName);
            var rejected = probeRejects.Concat(loader.RejectedFiles).GroupBy(r => r.Path, StringComparer.Ordinal)
                .Select(g => g.First()).ToArray();
            return Evaluate(ml, perFile, rejected);
        }

        /// <summary>One row per file (Label, Score = mean of its clips' Score, PredictedLabel = its arg max), with the
        /// scored view's key and slot-name annotations, so ML.NET's evaluator scores files, not clips.</summary>
        private static IDataView AverageClips(MLContext ml, IDataView scored, string pathColumnName)
        {
            var labelColumn = scored.Schema["Label"];
            var scoreColumn = scored.Schema["Score"];
            var paths = new List<string>();
            var labels = new Dictionary<string, uint>(StringComparer.Ordinal);
            var scores = new List<float[]>();
            using (var cursor = scored.GetRowCursor(new[] { scored.Schema[pathColumnName], labelColumn, scoreColumn }))
            {
                var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema[pathColumnName]);
                var getLabel = cursor.GetGetter<uint>(labelColumn);
                var getScore = cursor.GetGetter<VBuffer<float>>(scoreColumn);
                ReadOnlyMemory<char> path = default;
                uint label = 0;
                VBuffer<float> score = default;
                while (cursor.MoveNext())
                {
                    getPath(ref path);
                    getLabel(ref label);
                    getScore(ref score);
                    var file = path.ToString();
                    paths.Add(file);
                    labels.TryAdd(file, label);
                    scores.Add(score.DenseValues().ToArray());
                }
            }
            var files = ClipScoreAveraging.AverageByFile(paths, scores);
            var rows = files.Select(f => new FileRow { Label = labels[f.File], Score = f.Mean, PredictedLabel = (uint)(f.Predicted + 1) }).ToList();
            var definition = SchemaDefinition.Create(typeof(FileRow));
            int classes = ((VectorDataViewType)scoreColumn.Type).Size;
            definition["Label"].ColumnType = labelColumn.Type;
            definition["PredictedLabel"].ColumnType = labelColumn.Type;
            definition["Score"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);
            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            if (scoreColumn.HasSlotNames())
            {
                scoreColumn.GetSlotNames(ref slotNames);
                var names = slotNames;
                definition["Score"].AddAnnotation("SlotNames", names,
                    new VectorDataViewType(TextDataViewType.Instance, classes));
            }
            if (labelColumn.HasKeyValues())
            {
                VBuffer<ReadOnlyMemory<char>> keyValues = default;
                labelColumn.GetKeyValues(ref keyValues);
                var type = new VectorDataViewType(TextDataViewType.Instance, keyValues.Length);
                definition["Label"].AddAnnotation("KeyValues", keyValues, type);
                definition["PredictedLabel"].AddAnnotation("KeyValues", keyValues, type);
            }
            return ml.Data.LoadFromEnumerable(rows, definition);
        }

        private sealed class FileRow
        {
            public uint Label { get; set; }

            public float[] Score { get; set; }

            public uint PredictedLabel { get; set; }
        }

        /// <summary>Scores <paramref name="data"/> with a model in memory (the demo's) and evaluates against its Label.</summary>
        public static EvaluationReport Evaluate(MLContext ml, ITransformer model, IDataView data)
            => Evaluate(ml, model.Transform(data), Array.Empty<AudioFileError>());

        private static EvaluationReport Evaluate(MLContext ml, IDataView scored, IReadOnlyList<AudioFileError> rejected)
        {
            var metrics = ml.MulticlassClassification.Evaluate(scored, labelColumnName: "Label", scoreColumnName: "Score");
            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            scored.Schema["Score"].GetSlotNames(ref slotNames);
            var labels = slotNames.DenseValues().Select(s => s.ToString()).ToArray();
            var counts = metrics.ConfusionMatrix.Counts;
            int n = counts.Count;
            if (labels.Length != n)
                labels = Enumerable.Range(0, n).Select(i => i < labels.Length ? labels[i] : $"class {i}").ToArray();
            var confusion = new long[n, n];
            for (int t = 0; t < n; t++)
                for (int p = 0; p < n; p++)
                    confusion[t, p] = (long)counts[t][p];
            return new EvaluationReport(metrics, ClassificationScores.FromConfusionMatrix(labels, confusion), rejected.ToArray());
        }

        /// <summary>The JSON shape of this report.</summary>
        public object ToJson() => new
        {
            rows = Rows,
            accuracy = Metrics.MicroAccuracy,
            macroAccuracy = Metrics.MacroAccuracy,
            logLoss = Metrics.LogLoss,
            logLossReduction = Metrics.LogLossReduction,
            macroPrecision = Scores.MacroPrecision,
            macroRecall = Scores.MacroRecall,
            macroF1 = Scores.MacroF1,
            classes = Enumerable.Range(0, Scores.ClassNames.Count).Select(c => new { label = Scores.ClassNames[c],
                precision = Scores.Precision[c], recall = Scores.Recall[c], f1 = Scores.F1[c], support = (int)Scores.Support[c] }),
            labels = Scores.ClassNames,
            confusionMatrix = Enumerable.Range(0, Scores.ClassNames.Count)
                .Select(t => Enumerable.Range(0, Scores.ClassNames.Count).Select(p => (int)Scores.Counts[t, p]).ToArray()),
        };
    }
}
