using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>
    /// Scores of a model on a labelled data set: ML.NET's multiclass metrics plus per-class precision, recall, F1 and
    /// support, computed from ML.NET's confusion matrix (rows: true class, columns: predicted class).
    /// </summary>
    internal sealed class EvaluationReport
    {
        private EvaluationReport(MulticlassClassificationMetrics metrics, string[] labels, double[,] confusion)
        {
            Metrics = metrics;
            Labels = labels;
            Confusion = confusion;
            int n = labels.Length;
            var classes = new List<ClassMetrics>();
            for (int c = 0; c < n; c++)
            {
                double truePositive = confusion[c, c];
                double actual = Enumerable.Range(0, n).Sum(p => confusion[c, p]);
                double predicted = Enumerable.Range(0, n).Sum(t => confusion[t, c]);
                double precision = predicted > 0 ? truePositive / predicted : 0;
                double recall = actual > 0 ? truePositive / actual : 0;
                double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
                classes.Add(new ClassMetrics(labels[c], precision, recall, f1, (int)actual));
            }
            Classes = classes;
            Rows = (int)confusion.Cast<double>().Sum();
        }

        public MulticlassClassificationMetrics Metrics { get; }

        public string[] Labels { get; }

        /// <summary>Counts: [true class, predicted class].</summary>
        public double[,] Confusion { get; }

        public IReadOnlyList<ClassMetrics> Classes { get; }

        public int Rows { get; }

        public double MacroPrecision => Classes.Average(c => c.Precision);

        public double MacroRecall => Classes.Average(c => c.Recall);

        public double MacroF1 => Classes.Average(c => c.F1);

        /// <summary>Scores <paramref name="data"/> with <paramref name="model"/> and evaluates against its Label.</summary>
        public static EvaluationReport Evaluate(MLContext ml, ITransformer model, IDataView data)
        {
            var scored = model.Transform(data);
            var metrics = ml.MulticlassClassification.Evaluate(scored, labelColumnName: "Label", scoreColumnName: "Score");
            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            scored.Schema["Score"].GetSlotNames(ref slotNames);
            var labels = slotNames.DenseValues().Select(s => s.ToString()).ToArray();
            var counts = metrics.ConfusionMatrix.Counts;
            int n = counts.Count;
            if (labels.Length != n)
                labels = Enumerable.Range(0, n).Select(i => i < labels.Length ? labels[i] : $"class {i}").ToArray();
            var confusion = new double[n, n];
            for (int t = 0; t < n; t++)
                for (int p = 0; p < n; p++)
                    confusion[t, p] = counts[t][p];
            return new EvaluationReport(metrics, labels, confusion);
        }

        /// <summary>The JSON shape of this report.</summary>
        public object ToJson() => new
        {
            rows = Rows,
            accuracy = Metrics.MicroAccuracy,
            macroAccuracy = Metrics.MacroAccuracy,
            logLoss = Metrics.LogLoss,
            logLossReduction = Metrics.LogLossReduction,
            macroPrecision = MacroPrecision,
            macroRecall = MacroRecall,
            macroF1 = MacroF1,
            classes = Classes.Select(c => new { label = c.Label, precision = c.Precision, recall = c.Recall, f1 = c.F1, support = c.Support }),
            labels = Labels,
            confusionMatrix = Enumerable.Range(0, Labels.Length)
                .Select(t => Enumerable.Range(0, Labels.Length).Select(p => (int)Confusion[t, p]).ToArray()),
        };
    }
}
