using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace MusicEmotion.MLNet.Cli.Plots
{
    /// <summary>Loss (left axis) and training/validation accuracy (right axis) per epoch.</summary>
    internal static class TrainingCurvesPlot
    {
        public static void Save(string path, IReadOnlyList<TrainingProgress> history, string title)
        {
            var plot = new Plot();
            var epochs = history.Select(h => (double)h.Epoch).ToArray();
            var loss = plot.Add.Scatter(epochs, history.Select(h => h.Loss).ToArray());
            loss.LegendText = "training loss";
            loss.Color = Color.FromHex("#555555");
            loss.LineWidth = 2;
            loss.MarkerSize = 5;

            var accuracy = plot.Add.Scatter(epochs, history.Select(h => h.Accuracy * 100).ToArray());
            accuracy.LegendText = "training accuracy";
            accuracy.Color = Color.FromHex("#0072B2");
            accuracy.LineWidth = 2;
            accuracy.MarkerSize = 5;
            accuracy.Axes.YAxis = plot.Axes.Right;

            if (history.Any(h => !double.IsNaN(h.ValidationAccuracy)))
            {
                var validation = plot.Add.Scatter(epochs, history.Select(h => h.ValidationAccuracy * 100).ToArray());
                validation.LegendText = "validation accuracy";
                validation.Color = Color.FromHex("#D55E00");
                validation.LineWidth = 2;
                validation.LinePattern = LinePattern.Dashed;
                validation.MarkerSize = 5;
                validation.Axes.YAxis = plot.Axes.Right;
            }

            plot.Title(title);
            plot.XLabel("epoch");
            plot.Axes.Left.Label.Text = "loss (cross-entropy)";
            plot.Axes.Right.Label.Text = "accuracy (%)";
            double maxLoss = history.Count == 0 ? 1 : history.Max(h => double.IsFinite(h.Loss) ? h.Loss : 0);
            plot.Axes.SetLimitsY(0, System.Math.Max(0.1, maxLoss * 1.1), plot.Axes.Left);
            plot.Axes.SetLimitsY(0, 102, plot.Axes.Right);
            plot.Axes.SetLimitsX(0.5, System.Math.Max(1.5, epochs.Length + 0.5));
            if (epochs.Length <= 20)
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
            plot.ShowLegend(Edge.Bottom);
            OutputFile.Write(path, temporary => plot.SavePng(temporary, 900, 540));
        }
    }
}
