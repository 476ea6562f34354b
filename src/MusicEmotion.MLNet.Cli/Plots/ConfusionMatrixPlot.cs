using System;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace MusicEmotion.MLNet.Cli.Plots
{
    /// <summary>Confusion matrix: true class per row, predicted class per column, cells coloured by the share of the
    /// true class (row-normalised) and labelled with counts.</summary>
    internal static class ConfusionMatrixPlot
    {
        public static void Save(string path, string[] labels, double[,] counts, string title)
        {
            int n = labels.Length;
            var share = new double[n, n];
            for (int t = 0; t < n; t++)
            {
                double total = Enumerable.Range(0, n).Sum(p => counts[t, p]);
                for (int p = 0; p < n; p++)
                    share[t, p] = total > 0 ? counts[t, p] / total : 0;
            }

            var plot = new Plot();
            var heatmap = plot.Add.Heatmap(share);
            heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            // Row t of the matrix drawn at y = n - 1 - t, so the first class is at the top as in a printed table.
            heatmap.Rectangle = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
            for (int t = 0; t < n; t++)
            {
                for (int p = 0; p < n; p++)
                {
                    var text = plot.Add.Text(
                        counts[t, p] == 0 ? "0"
                            : string.Create(CultureInfo.InvariantCulture, $"{counts[t, p]:0}\n{share[t, p] * 100:0} %"), p, n - 1 - t);
                    text.LabelFontSize = n > 8 ? 10 : 16;
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontColor = share[t, p] > 0.55 ? Colors.White : Colors.Black;
                    text.LabelBold = t == p;
                }
            }
            var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                positions.Select(p => n - 1 - p).ToArray(), labels);
            plot.Axes.Bottom.Label.Text = "predicted emotion";
            plot.Axes.Left.Label.Text = "true emotion";
            plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = "share of the true class";
            plot.Title(title);
            plot.SavePng(path, 720, 600);
        }
    }
}
