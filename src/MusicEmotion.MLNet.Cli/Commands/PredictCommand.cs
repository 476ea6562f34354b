using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Plots;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer predict</c>: the emotion of each file and, for long files, a per-segment timeline.</summary>
    internal static class PredictCommand
    {
        /// <summary>Files scored at once (<c>EmotionModel.PredictFiles</c>); 0: one per core.</summary>
        private const int MaxFilesAtOnce = 0;

        public static Command Create(CliContext context)
        {
            var paths = new Argument<string[]>("paths")
            {
                Description = "Audio files or folders (searched recursively for wav, mp3, flac, ogg, ...).",
                Arity = ArgumentArity.OneOrMore,
            };
            // Otherwise a mistyped option after the paths would be taken for a file name.
            paths.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && !File.Exists(t.Value)))
                    result.AddError($"Unrecognized option '{token.Value}'.");
            });
            var model = new Option<string>("--model", "-m") { Description = "Model zip written by 'mer train'.", Required = true };
            var hop = new Option<double?>("--hop")
            {
                Description = "Seconds between segment starts (default: the model's clip duration, i.e. no overlap).",
            };
            var tail = new Option<bool>("--include-tail")
            {
                Description = "Also score a last clip that runs past the end of the file (LoadAudio fills it as it fills " +
                    "short files); by default every segment lies wholly inside the file.",
            };
            var csv = new Option<string>("--csv") { Description = "Write one CSV row per segment: file,start,end,predicted,<class probabilities>." };
            var plot = new Option<string>("--plot")
            {
                Description = "PNG of the class probabilities over time for files longer than one clip " +
                    "(several such files: <name>.<file>.png each).",
            };
            var json = CommonOptions.Json();
            var strict = CommonOptions.Strict();
            var decoder = CommonOptions.Decoder("the one saved in the model (auto for a model saved without one)");
            var precision = CommonOptions.Precision();
            var command = new Command("predict", "Predict the emotion of audio files with a model zip. Files longer than " +
                "the model's clip are cut into segments (one per clip, or every --hop seconds): a timeline per file.");
            command.Add(paths);
            foreach (var option in new Option[] { model, hop, tail, csv, plot, json, strict, decoder, precision })
                command.Add(option);
            command.SetAction(parse =>
            {
                if (parse.GetValue(csv) is string csvFile)
                    CliOptions.OutputFile(csvFile, "--csv", "segments.csv");
                if (parse.GetValue(plot) is string plotFile)
                    CliOptions.OutputFile(plotFile, "--plot", "timeline.png");
                var files = AudioInputs.Expand(parse.GetValue(paths));
                double? hopSeconds = parse.GetValue(hop);
                if (hopSeconds.HasValue)
                    CliOptions.PositiveSeconds(hopSeconds.Value, "--hop");
                var ml = new MLContext(seed: 0);
                var loaded = EmotionModel.Load(ml, parse.GetValue(model));
                loaded.DecoderBackend = CommonOptions.ToDecoder(parse.GetValue(decoder)) ?? loaded.DecoderBackend;
                loaded.UseBFloat16 = CommonOptions.ToUseBFloat16(parse.GetValue(precision));
                double minimumHop = loaded.MinimumHopSeconds;
                if (hopSeconds.HasValue && hopSeconds.Value < minimumHop)
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                        $"--hop={hopSeconds.Value} must be at least one STFT hop of the model ({minimumHop:0.#####} s); shorter hops only shift the same spectrogram frames."));
                bool asJson = parse.GetValue(json);
                var log = context.ProgressWriter(asJson);
                var labels = loaded.Classes.ToArray();
                var all = loaded.PredictFiles(files, MaxFilesAtOnce, hopSeconds, parse.GetValue(tail),
                    skipUnreadableFiles: !parse.GetValue(strict), progress: log);
                var predictions = all.Where(p => p.Error == null).ToList();
                var rejected = all.Where(p => p.Error != null).Select(p => p.Error).ToList();

                var csvPath = parse.GetValue(csv);
                if (csvPath != null)
                    PredictionOutput.WriteCsv(csvPath, labels, predictions);
                var plots = WritePlots(parse.GetValue(plot), labels, predictions);
                // rejected.csv goes next to the --csv (or --plot) output, else into the current folder.
                var outputFile = csvPath ?? parse.GetValue(plot);
                var rejects = RejectSummary.Create(files.Count, rejected,
                    outputFile == null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(outputFile)));
                if (asJson)
                {
                    Json.Write(context.Out, new
                    {
                        model = Path.GetFullPath(loaded.Path),
                        clipDuration = loaded.ClipDuration,
                        hop = hopSeconds ?? loaded.ClipDuration,
                        labels,
                        files = predictions.Select(p => PredictionOutput.ToJson(labels, p)),
                        csv = csvPath == null ? null : Path.GetFullPath(csvPath),
                        plots,
                        filesUsed = rejects.Used,
                        rejectedCsv = rejects.CsvPath,
                        rejected = rejects.JsonRejected,
                    });
                }
                else
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Model {Path.GetFileName(loaded.Path)}: {loaded.ClipDuration:0.##} s clips, hop {hopSeconds ?? loaded.ClipDuration:0.##} s"));
                    PredictionOutput.WriteTables(context.Console, labels, predictions);
                    if (csvPath != null)
                        context.Out.WriteLine($"Segments written to {Path.GetFullPath(csvPath)}");
                    foreach (var png in plots)
                        context.Out.WriteLine($"Timeline plot: {png}");
                }
                foreach (var silent in predictions.Where(p => p.IsSilent))
                {
                    // A warning, as the empty-class-folder one: on stderr, whatever stdout carries.
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"mer: warning: {silent.Path} is silent or near-silent after the mono mix (RMS {Dbfs(silent.RmsDbfs)} dBFS, below {EmotionPrediction.SilenceThresholdDbfs} dBFS): its emotion '{silent.PredictedLabel}' is not meaningful."));
                }
                rejects.Write(log);
                return rejects.ExitCode;
            });
            return command;
        }

        private static string Dbfs(double value)
            => double.IsNegativeInfinity(value) ? "-inf" : value.ToString("F1", CultureInfo.InvariantCulture);

        private static List<string> WritePlots(string plotPath, string[] labels, IReadOnlyList<EmotionPrediction> predictions)
        {
            var written = new List<string>();
            if (plotPath == null)
                return written;
            var timelines = predictions.Where(p => p.Segments.Count > 1).ToList();
            if (timelines.Count == 0)
                timelines = predictions.Take(1).ToList();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(plotPath)));
            foreach (var file in timelines)
            {
                var png = timelines.Count == 1 ? plotPath
                    : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plotPath)),
                        $"{Path.GetFileNameWithoutExtension(plotPath)}.{Path.GetFileNameWithoutExtension(file.Path)}.png");
                TimelinePlot.Save(png, file, labels);
                written.Add(Path.GetFullPath(png));
            }
            return written;
        }
    }
}
