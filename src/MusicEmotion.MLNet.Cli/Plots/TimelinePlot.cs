using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace MusicEmotion.MLNet.Cli.Plots
{
    /// <summary>Each class's probability per segment over time (one point at each segment's middle).</summary>
    internal static class TimelinePlot
    {
        public static void Save(string path, EmotionPrediction file, string[] labels)
        {
            var plot = new Plot();
            var segments = file.Segments;
            var middles = segments.Select(s => (s.Start + s.End) / 2).ToArray();
            for (int c = 0; c < labels.Length; c++)
            {
                var line = plot.Add.Scatter(middles, segments.Select(s => (double)s.Probabilities[c]).ToArray());
                line.LegendText = labels[c];
                line.Color = EmotionColors.For(labels[c], c);
                line.LineWidth = 2.5f;
                line.MarkerSize = segments.Count > 60 ? 0 : 6;
            }
            // A band above the curves shows the winning class around each segment's middle (segments may overlap).
            double end = segments.Count == 0 ? 1 : segments.Max(s => s.End);
            double step = segments.Count > 1 ? segments[1].Start - segments[0].Start : file.ClipDuration;
            for (int i = 0; i < segments.Count;)
            {
                // Runs of segments with the same winner share one rectangle (no seams between them).
                int winner = IndexOfMax(segments[i].Probabilities);
                int last = i;
                while (last + 1 < segments.Count && IndexOfMax(segments[last + 1].Probabilities) == winner)
                    last++;
                double left = i == 0 ? 0 : middles[i] - step / 2;
                double right = last == segments.Count - 1 ? end : middles[last] + step / 2;
                var band = plot.Add.Rectangle(left, right, 1.025, 1.075);
                band.FillColor = EmotionColors.For(labels[winner], winner);
                band.LineWidth = 0;
                i = last + 1;
            }
            plot.Axes.SetLimits(0, end, 0, 1.09);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                new[] { 0, 0.25, 0.5, 0.75, 1 }, new[] { "0", "0.25", "0.5", "0.75", "1" });
            plot.XLabel("time (s)");
            plot.YLabel("probability");
            plot.Title($"{System.IO.Path.GetFileName(file.Path)}: {segments.Count} segments of {file.ClipDuration:0.##} s " +
                $"(mean over the file: {file.PredictedLabel})");
            plot.ShowLegend(Edge.Right);
            OutputFile.Write(path, temporary => plot.SavePng(temporary, 1100, 450));
        }

        private static int IndexOfMax(IReadOnlyList<float> values)
        {
            int best = 0;
            for (int i = 1; i < values.Count; i++)
                if (values[i] > values[best])
                    best = i;
            return best;
        }
    }
}
