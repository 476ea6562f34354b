using System.CommandLine;
using System.IO;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Cli.Plots;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer evaluate</c>: scores a model zip on labelled audio.</summary>
    internal static class EvaluateCommand
    {
        public static Command Create(CliContext context)
        {
            var model = new Option<string>("--model", "-m") { Description = "Model zip written by 'mer train'.", Required = true };
            var data = new Option<string>("--data", "-d") { Description = DataSource.Description, Required = true };
            var confusion = new Option<string>("--confusion-matrix")
            {
                Description = "Confusion-matrix PNG to write (default: <model>.confusion.png next to the model).",
            };
            var json = CommonOptions.Json();
            var strict = CommonOptions.Strict();
            var decoder = CommonOptions.Decoder("the one saved in the model (auto for a model saved without one)");
            var precision = CommonOptions.Precision();
            var command = new Command("evaluate", "Evaluate a model on labelled audio: accuracy, macro accuracy, log-loss, " +
                "macro and per-class precision/recall/F1, and a confusion-matrix PNG. Each file is predicted as 'mer predict' " +
                "does (the mean of its clips' probabilities): the figures are given per file and per clip.");
            foreach (var option in new Option[] { model, data, confusion, json, strict, decoder, precision })
                command.Add(option);
            command.SetAction(parse =>
            {
                if (parse.GetValue(confusion) is string confusionFile)
                    CliOptions.OutputFile(confusionFile, "--confusion-matrix", "confusion.png");
                var ml = new MLContext(seed: 0);
                var loaded = EmotionModel.Load(ml, parse.GetValue(model));
                loaded.DecoderBackend = CommonOptions.ToDecoder(parse.GetValue(decoder)) ?? loaded.DecoderBackend;
                loaded.UseBFloat16 = CommonOptions.ToUseBFloat16(parse.GetValue(precision));
                var dataPath = parse.GetValue(data);
                bool skip = !parse.GetValue(strict);
                bool asJson = parse.GetValue(json);
                var warnings = context.ProgressWriter(asJson);
                var labelled = LabelledData.Load(ml, dataPath, warnings, !skip);
                loaded.CheckLabels(labelled, dataPath);
                var report = EvaluationReport.Evaluate(loaded, labelled, skip);
                var png = parse.GetValue(confusion) ?? DefaultConfusionPath(loaded.Path);
                // rejected.csv goes next to the confusion matrix (by default next to the model).
                var rejects = RejectSummary.Create(DataSource.CountRows(labelled), report.Rejected,
                    Path.GetDirectoryName(Path.GetFullPath(png)));
                ConfusionMatrixPlot.Save(png, report.PerFile.Scores, EvaluationOutput.PlotTitle(
                    $"{Path.GetFileName(loaded.Path)} on {Path.GetFileName(Path.TrimEndingDirectorySeparator(dataPath))}", report));
                if (asJson)
                {
                    Json.Write(context.Out, new { model = Path.GetFullPath(loaded.Path), data = Path.GetFullPath(dataPath),
                        confusionMatrixPng = Path.GetFullPath(png), metrics = EvaluationOutput.ToJson(report), files = rejects.Total,
                        filesUsed = rejects.Used, rejectedCsv = rejects.CsvPath, rejected = rejects.JsonRejected,
                        predictions = EvaluationOutput.PredictionsJson(report) });
                }
                else
                {
                    EvaluationOutput.Write(context.Console, report, $"{Path.GetFileName(loaded.Path)} on {dataPath}");
                    context.Out.WriteLine($"Confusion matrix: {Path.GetFullPath(png)}");
                }
                rejects.Write(context.ProgressWriter(asJson));
                return rejects.ExitCode;
            });
            return command;
        }

        public static string DefaultConfusionPath(string modelPath)
            => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath)),
                Path.GetFileNameWithoutExtension(modelPath) + ".confusion.png");
    }
}
