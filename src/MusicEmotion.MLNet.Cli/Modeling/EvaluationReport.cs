using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
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

        /// <summary>Scores <paramref name="data"/> with <paramref name="model"/> and evaluates against its Label; with
        /// <paramref name="skipUnreadableFiles"/> rows whose file cannot be read are left out and listed in
        /// <see cref="Rejected"/>.</summary>
        public static EvaluationReport Evaluate(MLContext ml, ModelFile model, IDataView data, bool skipUnreadableFiles = false)
        {
            var (scored, loader) = model.Score(ml, data, skipUnreadableFiles);
            return Evaluate(ml, scored, loader.RejectedFiles);
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
