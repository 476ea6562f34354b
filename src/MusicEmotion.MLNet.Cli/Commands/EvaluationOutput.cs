using System.Globalization;
using MusicEmotion.MLNet.Cli.Modeling;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>The metrics and per-class tables of an <see cref="EvaluationReport"/>.</summary>
    internal static class EvaluationOutput
    {
        public static void Write(IAnsiConsole console, EvaluationReport report, string title)
        {
            var metrics = new Table { Title = new TableTitle(Markup.Escape(title)) }
                .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            metrics.AddRow("clips", report.Rows.ToString(CultureInfo.InvariantCulture));
            metrics.AddRow("accuracy", Percent(report.Metrics.MicroAccuracy));
            metrics.AddRow("macro accuracy", Percent(report.Metrics.MacroAccuracy));
            metrics.AddRow("log-loss", report.Metrics.LogLoss.ToString("F4", CultureInfo.InvariantCulture));
            metrics.AddRow("macro precision", Percent(report.Scores.MacroPrecision));
            metrics.AddRow("macro recall", Percent(report.Scores.MacroRecall));
            metrics.AddRow("macro F1", Percent(report.Scores.MacroF1));
            console.Write(metrics);

            var classes = new Table().AddColumn("class").AddColumn(new TableColumn("precision").RightAligned())
                .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned())
                .AddColumn(new TableColumn("support").RightAligned());
            var scores = report.Scores;
            var labels = scores.ClassNames;
            for (int c = 0; c < labels.Count; c++)
                classes.AddRow(Markup.Escape(labels[c]), Percent(scores.Precision[c]), Percent(scores.Recall[c]), Percent(scores.F1[c]),
                    scores.Support[c].ToString(CultureInfo.InvariantCulture));
            console.Write(classes);

            var confusion = new Table { Caption = new TableTitle("rows: true class, columns: predicted class") }.AddColumn("true \\ predicted");
            foreach (var label in labels)
                confusion.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
            for (int t = 0; t < labels.Count; t++)
            {
                var cells = new string[labels.Count + 1];
                cells[0] = Markup.Escape(labels[t]);
                for (int p = 0; p < labels.Count; p++)
                    cells[p + 1] = scores.Counts[t, p].ToString(CultureInfo.InvariantCulture);
                confusion.AddRow(cells);
            }
            console.Write(confusion);
        }

        private static string Percent(double value)
            => double.IsFinite(value) ? (value * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a";
    }
}
