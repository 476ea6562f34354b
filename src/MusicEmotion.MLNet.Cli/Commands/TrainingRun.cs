using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;
using MusicEmotion.MLNet.Cli.Plots;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>Trains with progress on the console, saves the model zip and its training-curves PNG (shared by
    /// 'train' and 'demo').</summary>
    internal static class TrainingRun
    {
        public static TrainedModel Run(CliContext context, MLContext ml, IDataView data, TrainingSettings settings,
            string modelPath, bool json)
        {
            var log = context.ProgressWriter(json);
            int rows = data.GetColumn<ReadOnlyMemory<char>>("Label").Count();
            log.WriteLine($"{rows} clips: {TrainingSession.DescribeLabels(data)}");
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Front end: {settings.Duration:0.##} s clips at {settings.SampleRate} Hz, log-STFT n_fft={settings.FftSize} hop={settings.HopLength}"));
            TrainedModel trained;
            if (context.IsInteractive && !json)
            {
                trained = null;
                context.Console.Progress()
                    .AutoClear(false)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                        new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var features = ctx.AddTask("spectrograms", maxValue: Math.Max(1, rows));
                        var epochs = ctx.AddTask("training", autoStart: false, maxValue: settings.Epochs);
                        // With unreadable files left out fewer than `rows` clips are done: the first epoch closes the task.
                        void StartEpochs()
                        {
                            if (features.IsFinished)
                                return;
                            features.Value = features.MaxValue;
                            features.StopTask();
                            epochs.StartTask();
                        }
                        trained = TrainingSession.Train(ml, data, settings, new EpochReporter(epochs, StartEpochs), done =>
                        {
                            features.Value = done;
                            if (done == rows)
                                StartEpochs();
                        });
                        epochs.Value = epochs.MaxValue;
                        epochs.StopTask();
                    });
                context.Console.Write(EpochTable(trained));
            }
            else
            {
                log.WriteLine("Computing spectrograms...");
                trained = TrainingSession.Train(ml, data, settings, new EpochReporter(log));
            }
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Spectrograms [{trained.Bins}, {trained.Frames}] of {trained.Rows} clips in {trained.FeatureSeconds:F1} s; " +
                $"trained {trained.History.Count} epochs in {trained.TrainingSeconds:F1} s " +
                $"({trained.Network?.ParameterCount:N0} parameters)."));

            var directory = Path.GetDirectoryName(Path.GetFullPath(modelPath));
            Directory.CreateDirectory(directory);
            OutputFile.Write(modelPath, temporary => ml.Model.Save(trained.Model, data.Schema, temporary));
            var curves = CurvesPath(modelPath);
            if (trained.History.Count > 0)
                TrainingCurvesPlot.Save(curves, trained.History, $"Training {Path.GetFileName(modelPath)}");
            log.WriteLine($"Saved {modelPath} ({new FileInfo(modelPath).Length / 1024.0:F0} KiB) and {curves}");
            var classes = ModelClasses.Of(trained.Model, data.Schema);
            log.WriteLine($"Model classes ({classes.Count}): {string.Join(", ", classes)}");
            return trained;
        }

        private static Table EpochTable(TrainedModel trained)
        {
            bool validation = trained.History.Any(h => !double.IsNaN(h.ValidationAccuracy));
            var table = new Table().AddColumn(new TableColumn("epoch").RightAligned()).AddColumn(new TableColumn("loss").RightAligned())
                .AddColumn(new TableColumn("accuracy").RightAligned());
            if (validation)
                table.AddColumn(new TableColumn("validation").RightAligned());
            table.AddColumn(new TableColumn("seconds").RightAligned());
            foreach (var h in trained.History)
            {
                var cells = new System.Collections.Generic.List<string>
                {
                    h.Epoch.ToString(CultureInfo.InvariantCulture),
                    h.Loss.ToString("F4", CultureInfo.InvariantCulture),
                    (h.Accuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + " %",
                };
                if (validation)
                    cells.Add(double.IsNaN(h.ValidationAccuracy) ? "" : (h.ValidationAccuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + " %");
                cells.Add(h.Seconds.ToString("F1", CultureInfo.InvariantCulture));
                table.AddRow(cells.ToArray());
            }
            return table;
        }

        /// <summary><c>model.zip</c> -> <c>model.training.png</c> next to it.</summary>
        public static string CurvesPath(string modelPath)
            => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath)),
                Path.GetFileNameWithoutExtension(modelPath) + ".training.png");
    }
}
