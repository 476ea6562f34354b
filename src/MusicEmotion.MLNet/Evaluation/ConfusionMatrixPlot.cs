using System.Globalization;
using System.Linq;
using ScottPlot;

namespace MusicEmotion.MLNet.Evaluation
{
    /// <summary>A confusion matrix as a PNG: one cell per (true, predicted) pair with its count, coloured by the
    /// row-normalised fraction (recall on the diagonal), true classes top to bottom, predicted left to right.</summary>
    internal static class ConfusionMatrixPlot
    {
        public static void Save(MethodResult method, string path, int width = 720, int height = 640)
        {
            var counts = method.Pooled.Counts;
            var names = method.ClassNames.ToArray();
            int k = names.Length;
            var plot = new Plot();
            for (int i = 0; i < k; i++)
            {
                long rowTotal = Enumerable.Range(0, k).Sum(j => counts[i, j]);
                for (int j = 0; j < k; j++)
                {
                    double fraction = rowTotal > 0 ? (double)counts[i, j] / rowTotal : 0;
                    double top = k - i, bottom = k - i - 1;
                    var cell = plot.Add.Rectangle(j, j + 1, bottom, top);
                    cell.FillStyle.Color = Shade(fraction);
                    cell.LineStyle.Color = Colors.White;
                    cell.LineStyle.Width = 1;
                    var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{counts[i, j]}\n{100 * fraction:F0}%"), j + 0.5, bottom + 0.5);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = 18;
                    text.LabelFontColor = fraction > 0.5 ? Colors.White : Colors.Black;
                }
            }
            var centers = Enumerable.Range(0, k).Select(j => j + 0.5).ToArray();
            plot.Axes.Bottom.SetTicks(centers, names);
            plot.Axes.Left.SetTicks(centers, names.Reverse().ToArray());
            plot.Axes.SetLimits(0, k, 0, k);
            plot.XLabel("Predicted class");
            plot.YLabel("True class");
            plot.Title(string.Create(CultureInfo.InvariantCulture,
                $"{method.Description}: accuracy {method.Accuracy.ToPercentString()} % ({method.Folds.Count} folds, summed)"));
            plot.Grid.IsVisible = false;
            plot.SavePng(path, width, height);
        }

        /// <summary>White (0) to dark blue (1).</summary>
        private static Color Shade(double fraction)
        {
            byte Mix(int low, int high) => (byte)(low + (high - low) * fraction);
            return new Color(Mix(247, 8), Mix(251, 48), Mix(255, 107));
        }
    }
}
