using System;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Writes a confusion matrix as a PNG heat map: true class per row (first class at the top), predicted class per
    /// column, each cell coloured by its share of the true class (row-normalised, so the diagonal reads as recall) and
    /// labelled with its count and share; a colour bar gives the scale.
    /// </summary>
    /// <example>
    /// <code>var scores = ClassificationScores.FromConfusionMatrix(names, counts);
    /// ConfusionMatrixPlot.Save("confusion.png", scores, "Held-out pieces");</code>
    /// </example>
    public static class ConfusionMatrixPlot
    {
        /// <summary>Default image size.</summary>
        public static class Defaults
        {
            /// <summary>Image width in pixels.</summary>
            public const int Width = 720;

            /// <summary>Image height in pixels.</summary>
            public const int Height = 600;
        }

        /// <summary>Saves the confusion matrix of <paramref name="scores"/> as a PNG.</summary>
        /// <param name="path">The PNG file to write.</param>
        /// <param name="scores">The scores whose <see cref="ClassificationScores.Counts"/> ([true, predicted]) and
        /// <see cref="ClassificationScores.ClassNames"/> are drawn.</param>
        /// <param name="title">Title above the matrix.</param>
        /// <param name="width">Image width in pixels.</param>
        /// <param name="height">Image height in pixels.</param>
        public static void Save(string path, ClassificationScores scores, string title,
            int width = Defaults.Width, int height = Defaults.Height)
        {
            if (string.IsNullOrEmpty(path))
                throw new ArgumentException("path must name a PNG file.", nameof(path));
            if (scores == null)
                throw new ArgumentNullException(nameof(scores));
            if (width <= 0 || height <= 0)
                throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}×{height} must be positive.");
            var counts = scores.Counts;
            var labels = scores.ClassNames.ToArray();
            int n = labels.Length;
            var share = new double[n, n];
            for (int t = 0; t < n; t++)
            {
                double total = Enumerable.Range(0, n).Sum(p => (double)counts[t, p]);
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
                            : string.Create(CultureInfo.InvariantCulture, $"{counts[t, p]}\n{share[t, p] * 100:0} %"), p, n - 1 - t);
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
            plot.Axes.Bottom.Label.Text = "predicted class";
            plot.Axes.Left.Label.Text = "true class";
            plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = "share of the true class";
            plot.Title(title ?? string.Empty);
            OutputFile.Write(path, temporary => plot.SavePng(temporary, width, height));
        }
    }
}
