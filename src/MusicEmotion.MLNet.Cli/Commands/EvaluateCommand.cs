using System.CommandLine;
using System.IO;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;
using MusicEmotion.MLNet.Evaluation;
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
            var command = new Command("evaluate", "Evaluate a model on labelled audio: accuracy, macro accuracy, log-loss, " +
                "macro and per-class precision/recall/F1, and a confusion-matrix PNG.");
            foreach (var option in new Option[] { model, data, confusion, json })
                command.Add(option);
            command.SetAction(parse =>
            {
                if (parse.GetValue(confusion) is string confusionFile)
                    CliOptions.OutputFile(confusionFile, "--confusion-matrix", "confusion.png");
                var ml = new MLContext(seed: 0);
                var loaded = ModelFile.Load(ml, parse.GetValue(model));
                var png = parse.GetValue(confusion) ?? DefaultConfusionPath(loaded.Path);
                var dataPath = parse.GetValue(data);
                var labelled = DataSource.Load(ml, dataPath);
                ModelClasses.CheckLabels(loaded.Model, labelled, loaded.Path, dataPath);
                var report = EvaluationReport.Evaluate(ml, loaded.Model, labelled);
                ConfusionMatrixPlot.Save(png, report.Scores,
                    $"{Path.GetFileName(loaded.Path)} on {Path.GetFileName(Path.TrimEndingDirectorySeparator(dataPath))}");
                if (parse.GetValue(json))
                {
                    Json.Write(context.Out, new { model = Path.GetFullPath(loaded.Path), data = Path.GetFullPath(dataPath),
                        confusionMatrixPng = Path.GetFullPath(png), metrics = report.ToJson() });
                }
                else
                {
                    EvaluationOutput.Write(context.Console, report, $"{Path.GetFileName(loaded.Path)} on {dataPath}");
                    context.Out.WriteLine($"Confusion matrix: {Path.GetFullPath(png)}");
                }
                return MerApp.Success;
            });
            return command;
        }

        public static string DefaultConfusionPath(string modelPath)
            => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath)),
                Path.GetFileNameWithoutExtension(modelPath) + ".confusion.png");
    }
}
