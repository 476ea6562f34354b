using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MusicEmotion.MLNet.Cli.Infrastructure;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>Tables, CSV and JSON of <see cref="EmotionPrediction"/>s.</summary>
    internal static class PredictionOutput
    {
        public static void WriteTables(IAnsiConsole console, string[] labels, IReadOnlyList<EmotionPrediction> files)
        {
            var summary = new Table().AddColumn("file").AddColumn("emotion");
            foreach (var label in labels)
                summary.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
            summary.AddColumn(new TableColumn("segments").RightAligned());
            foreach (var file in files)
            {
                var cells = new List<string> { Markup.Escape(Path.GetFileName(file.Path)), $"[bold]{Markup.Escape(file.PredictedLabel)}[/]" };
                cells.AddRange(file.Probabilities.Select(Probability));
                cells.Add(file.Segments.Count.ToString(CultureInfo.InvariantCulture));
                summary.AddRow(cells.ToArray());
            }
            console.Write(summary);

            foreach (var file in files.Where(f => f.Segments.Count > 1))
            {
                var timeline = new Table { Title = new TableTitle($"Timeline of {Markup.Escape(Path.GetFileName(file.Path))}") }
                    .AddColumn(new TableColumn("start (s)").RightAligned()).AddColumn(new TableColumn("end (s)").RightAligned())
                    .AddColumn("emotion");
                foreach (var label in labels)
                    timeline.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
                foreach (var segment in file.Segments)
                {
                    var cells = new List<string> { Seconds(segment.Start), Seconds(segment.End), Markup.Escape(segment.PredictedLabel) };
                    cells.AddRange(segment.Probabilities.Select(Probability));
                    timeline.AddRow(cells.ToArray());
                }
                console.Write(timeline);
            }
        }

        public static void WriteCsv(string path, string[] labels, IReadOnlyList<EmotionPrediction> files)
        {
            var csv = new StringBuilder("file,start,end,predicted," + string.Join(",", labels.Select(Quote)) + "\n");
            foreach (var file in files)
            {
                foreach (var segment in file.Segments)
                {
                    csv.Append(Quote(file.Path)).Append(',').Append(segment.Start.ToString("R", CultureInfo.InvariantCulture))
                        .Append(',').Append(segment.End.ToString("R", CultureInfo.InvariantCulture))
                        .Append(',').Append(Quote(segment.PredictedLabel));
                    foreach (var p in segment.Probabilities)
                        csv.Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
                    csv.Append('\n');
                }
            }
            OutputFile.WriteAllText(path, csv.ToString());
        }

        public static object ToJson(string[] labels, EmotionPrediction file) => new
        {
            path = file.Path,
            predicted = file.PredictedLabel,
            probabilities = ToMap(labels, file.Probabilities),
            clipDuration = file.ClipDuration,
            rmsDbfs = Json.Number(file.RmsDbfs),
            silent = file.IsSilent,
            segments = file.Segments.Select(s => new
            {
                start = s.Start,
                end = s.End,
                predicted = s.PredictedLabel,
                probabilities = ToMap(labels, s.Probabilities),
            }),
        };

        private static Dictionary<string, float> ToMap(string[] labels, IReadOnlyList<float> values)
            => labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => values[x.i]);

        private static string Probability(float p) => p.ToString("F3", CultureInfo.InvariantCulture);

        private static string Seconds(double s) => s.ToString("F1", CultureInfo.InvariantCulture);

        private static string Quote(string value)
            => value.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
