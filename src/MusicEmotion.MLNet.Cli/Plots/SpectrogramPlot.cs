using System;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace MusicEmotion.MLNet.Cli.Plots
{
    /// <summary>A log-STFT (frequency-major [bins, frames], dB) as a heatmap with Hz and seconds on its axes.</summary>
    internal static class SpectrogramPlot
    {
        private const int LogRows = 512;

        public static void Save(string path, float[] values, int bins, int frames, int sampleRate, int hopLength,
            double offset, bool logFrequency, string title)
        {
            double nyquist = sampleRate / 2.0;
            double binHz = nyquist / (bins - 1);
            double seconds = (double)frames * hopLength / sampleRate;
            double[,] image;
            var plot = new Plot();
            if (logFrequency)
            {
                // Resample onto log-spaced rows from the first non-zero bin to Nyquist (nearest bin, linear in between).
                double low = Math.Max(binHz, 20), logLow = Math.Log10(low), logHigh = Math.Log10(nyquist);
                image = new double[LogRows, frames];
                for (int r = 0; r < LogRows; r++)
                {
                    double hz = Math.Pow(10, logHigh - (logHigh - logLow) * (r + 0.5) / LogRows);
                    double position = hz / binHz;
                    int lower = Math.Clamp((int)Math.Floor(position), 0, bins - 1);
                    int upper = Math.Min(lower + 1, bins - 1);
                    double weight = position - lower;
                    for (int f = 0; f < frames; f++)
                        image[r, f] = (1 - weight) * values[lower * frames + f] + weight * values[upper * frames + f];
                }
                var heatmap = AddHeatmap(plot, image, offset, offset + seconds, logLow, logHigh);
                var ticks = new[] { 31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000, 16000 }
                    .Where(t => t >= low && t <= nyquist).ToArray();
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                    ticks.Select(Math.Log10).ToArray(), ticks.Select(FormatHz).ToArray());
                plot.Axes.SetLimits(offset, offset + seconds, logLow, logHigh);
                AddColorBar(plot, heatmap);
            }
            else
            {
                image = new double[bins, frames];
                for (int b = 0; b < bins; b++)
                    for (int f = 0; f < frames; f++)
                        image[bins - 1 - b, f] = values[b * frames + f];
                var heatmap = AddHeatmap(plot, image, offset, offset + seconds, 0, nyquist);
                plot.Axes.SetLimits(offset, offset + seconds, 0, nyquist);
                AddColorBar(plot, heatmap);
            }
            plot.XLabel("time (s)");
            plot.YLabel(logFrequency ? "frequency (Hz, log scale)" : "frequency (Hz)");
            plot.Title(title);
            OutputFile.Write(path, temporary => plot.SavePng(temporary, 1200, 600));
        }

        private static ScottPlot.Plottables.Heatmap AddHeatmap(Plot plot, double[,] image, double left, double right,
            double bottom, double top)
        {
            var heatmap = plot.Add.Heatmap(image);
            heatmap.Colormap = new ScottPlot.Colormaps.Magma();
            heatmap.Rectangle = new CoordinateRect(left, right, bottom, top);
            return heatmap;
        }

        private static void AddColorBar(Plot plot, ScottPlot.Plottables.Heatmap heatmap)
        {
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = "dB";
        }

        private static string FormatHz(double hz)
            => hz >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{hz / 1000:0.#} k") : string.Create(CultureInfo.InvariantCulture, $"{hz:0.##}");
    }
}
