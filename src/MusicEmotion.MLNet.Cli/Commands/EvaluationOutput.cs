using System.Globalization;
using System.Linq;
using MusicEmotion.MLNet.Experiments;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>The tables, JSON and confusion-matrix title of an <see cref="EvaluationReport"/>: the per-file figures
    /// (each file the mean of its clips' probabilities) first, the per-clip figures beside them.</summary>
    internal static class EvaluationOutput
    {
        public static void Write(IAnsiConsole console, EvaluationReport report, string title)
        {
            var file = report.PerFile;
            var clip = report.PerClip;
            var metrics = new Table
            { Title = new TableTitle(Markup.Escape(title)) }.AddColumn("metric").AddColumn(new TableColumn("per file").RightAligned()).AddColumn(new TableColumn("per clip").RightAligned());
            metrics.AddRow("predictions", Count(file.Rows) + " files", Count(clip.Rows) + " clips");
            metrics.AddRow("accuracy", Percent(file.Accuracy), Percent(clip.Accuracy));
            metrics.AddRow("macro accuracy", Percent(file.MacroAccuracy), Percent(clip.MacroAccuracy));
            metrics.AddRow("log-loss", Number(file.LogLoss), Number(clip.LogLoss));
            metrics.AddRow("macro precision", Percent(file.Scores.MacroPrecision), Percent(clip.Scores.MacroPrecision));
            metrics.AddRow("macro recall", Percent(file.Scores.MacroRecall), Percent(clip.Scores.MacroRecall));
            metrics.AddRow("macro F1", Percent(file.Scores.MacroF1), Percent(clip.Scores.MacroF1));
            console.Write(metrics);
            console.WriteLine(Describe(report) + ".");

            var classes = new Table { Title = new TableTitle("per class, per file (F1 and support per clip at the right)") }
                .AddColumn("class").AddColumn(new TableColumn("precision").RightAligned())
                .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned())
                .AddColumn(new TableColumn("files").RightAligned()).AddColumn(new TableColumn("clip F1").RightAligned())
                .AddColumn(new TableColumn("clips").RightAligned());
            var scores = file.Scores;
            var labels = scores.ClassNames;
            for (int c = 0; c < labels.Count; c++)
                classes.AddRow(Markup.Escape(labels[c]), Percent(scores.Precision[c]), Percent(scores.Recall[c]), Percent(scores.F1[c]),
                    Count(scores.Support[c]), Percent(clip.Scores.F1[c]), Count(clip.Scores.Support[c]));
            console.Write(classes);

            var confusion = new Table
            {
                Title = new TableTitle("confusion per file"),
                Caption = new TableTitle("rows: true class, columns: predicted class"),
            }.AddColumn("true \\ predicted");
            foreach (var label in labels)
                confusion.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
            for (int t = 0; t < labels.Count; t++)
            {
                var cells = new string[labels.Count + 1];
                cells[0] = Markup.Escape(labels[t]);
                for (int p = 0; p < labels.Count; p++)
                    cells[p + 1] = Count(scores.Counts[t, p]);
                confusion.AddRow(cells);
            }
            console.Write(confusion);
        }

        /// <summary>One line on what was scored, e.g. "80 files as 160 clips of 30 s (2 per file); a file's prediction is
        /// the mean of its clips' probabilities".</summary>
        public static string Describe(EvaluationReport report)
        {
            var counts = report.Files.Select(f => f.Clips).ToArray();
            string perFile = counts.Length == 0 ? "none"
                : counts.Min() == counts.Max() ? Count(counts[0])
                : $"{Count(counts.Min())} to {Count(counts.Max())}";
            return string.Create(CultureInfo.InvariantCulture,
                $"{report.Files.Count} files as {report.Clips} clips of {report.ClipDuration:0.###} s ({perFile} per file); a file's prediction is the mean of its clips' probabilities");
        }

        /// <summary>Title of the confusion-matrix PNG (per file) with both accuracies.</summary>
        public static string PlotTitle(string what, EvaluationReport report)
            => string.Create(CultureInfo.InvariantCulture,
                $"{what}, per file ({report.Files.Count} files, mean of {report.Clips} clips)\naccuracy {Percent(report.PerFile.Accuracy)} per file, {Percent(report.PerClip.Accuracy)} per clip");

        /// <summary>The JSON shape: the per-file metrics with the per-clip ones under <c>perClip</c>.</summary>
        public static object ToJson(EvaluationReport report) => new
        {
            level = "file",
            rows = report.PerFile.Rows,
            clips = report.Clips,
            clipSeconds = report.ClipDuration,
            averaging = "mean of clip probabilities",
            accuracy = report.PerFile.Accuracy,
            macroAccuracy = report.PerFile.MacroAccuracy,
            logLoss = report.PerFile.LogLoss,
            logLossReduction = report.PerFile.LogLossReduction,
            macroPrecision = report.PerFile.Scores.MacroPrecision,
            macroRecall = report.PerFile.Scores.MacroRecall,
            macroF1 = report.PerFile.Scores.MacroF1,
            classes = ClassesJson(report.PerFile),
            labels = report.ClassNames,
            confusionMatrix = ConfusionJson(report.PerFile),
            perClip = new
            {
                level = "clip",
                rows = report.PerClip.Rows,
                accuracy = report.PerClip.Accuracy,
                macroAccuracy = report.PerClip.MacroAccuracy,
                logLoss = report.PerClip.LogLoss,
                logLossReduction = report.PerClip.LogLossReduction,
                macroPrecision = report.PerClip.Scores.MacroPrecision,
                macroRecall = report.PerClip.Scores.MacroRecall,
                macroF1 = report.PerClip.Scores.MacroF1,
                classes = ClassesJson(report.PerClip),
                confusionMatrix = ConfusionJson(report.PerClip),
            },
        };

        /// <summary>One entry per readable file: path, true label, predicted label, clip count and clip labels.</summary>
        public static object PredictionsJson(EvaluationReport report)
            => report.Files.Select(f => new
            {
                path = f.Path,
                label = f.Label,
                predicted = f.Prediction.PredictedLabel,
                clips = f.Clips,
                clipPredictions = f.Prediction.Segments.Select(s => s.PredictedLabel).ToArray(),
            }).ToArray();

        private static object ClassesJson(EvaluationMetrics metrics)
        {
            var s = metrics.Scores;
            return Enumerable.Range(0, s.ClassNames.Count).Select(c => new
            {
                label = s.ClassNames[c], precision = s.Precision[c], recall = s.Recall[c], f1 = s.F1[c], support = (int)s.Support[c],
            }).ToArray();
        }

        private static int[][] ConfusionJson(EvaluationMetrics metrics)
        {
            int n = metrics.Scores.ClassNames.Count;
            return Enumerable.Range(0, n).Select(t => Enumerable.Range(0, n).Select(p => (int)metrics.Scores.Counts[t, p]).ToArray()).ToArray();
        }

        private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Number(double value)
            => double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

        private static string Percent(double value)
            => double.IsFinite(value) ? (value * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a";
    }
}
