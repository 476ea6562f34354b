using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;
using MusicEmotion.MLNet.Experiments;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer compare</c>: the paper's comparison (song-grouped k-fold, classic learners on spectral summaries
    /// against the Inception-GRU network), run by <see cref="ComparisonExperiment"/>.</summary>
    internal static class CompareCommand
    {
        /// <summary>"mfcc,chroma" → <see cref="SpectralSummaryFeatures.Mfcc"/> | <see cref="SpectralSummaryFeatures.Chroma"/>.</summary>
        internal static SpectralSummaryFeatures ParseFeatures(string text)
        {
            var result = (SpectralSummaryFeatures)0;
            foreach (var name in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<SpectralSummaryFeatures>(name, ignoreCase: true, out var group) || int.TryParse(name, out _))
                {
                    throw new UsageException($"--features={text}: '{name}' is not one of " +
                        string.Join(", ", Enum.GetNames<SpectralSummaryFeatures>().Select(n => n.ToLowerInvariant())) + ".");
                }
                result |= group;
            }
            if (result == 0)
                throw new UsageException($"--features={text} names no feature group.");
            return result;
        }

        public static Command Create(CliContext context)
        {
            var data = new Option<string>("--data", "-d") { Description = DataSource.Description, Required = true };
            var folds = new Option<int>("--folds")
            {
                Description = "Song-grouped, stratified folds (no song on both sides of a split).",
                DefaultValueFactory = _ => ComparisonOptions.Defaults.Folds,
            };
            var methods = new Option<string[]>("--methods")
            {
                Description = "Methods to compare, comma- or space-separated: " +
                    string.Join(", ", ComparisonMethods.All.Select(m => m.Name)) + ", or " + ComparisonMethods.AllName +
                    " (default: " + string.Join(",", ComparisonMethods.Default.Select(m => m.Name)) + ").",
                AllowMultipleArgumentsPerToken = true,
            };
            var output = new Option<string>("--out", "-o")
            {
                Description = "Folder for comparison.md, folds.csv, run.json and the confusion-matrix PNGs.",
                DefaultValueFactory = _ => "mer-compare",
            };
            var cache = new Option<string>("--cache")
            {
                Description = "Folder of the feature cache, reused by later runs with the same data and front end " +
                    "(default: <out>/feature-cache).",
            };
            var features = new Option<string>("--features")
            {
                Description = "Feature groups of the shallow methods' spectral summary, comma-separated: " +
                    string.Join(", ", Enum.GetNames<SpectralSummaryFeatures>().Select(n => n.ToLowerInvariant())) +
                    " (paper = binstatistics,descriptors; mir = all but binstatistics).",
                DefaultValueFactory = _ => SpectralSummaryEstimator.Defaults.Features.ToString().ToLowerInvariant(),
            };
            var epochs = CommonOptions.Epochs(ComparisonOptions.Defaults.Epochs);
            var recipe = CommonOptions.Recipe();
            var batchSize = CommonOptions.BatchSize();
            var learningRate = CommonOptions.LearningRate();
            var repeats = new Option<int>("--repeats")
            {
                Description = "Repeated k-fold: split the songs this many times (repeat r with seed + r); mean ± sd over all folds.",
                DefaultValueFactory = _ => ComparisonOptions.Defaults.Repeats,
            };
            var clipsPerFile = CommonOptions.ClipsPerFile(
                "every method trains on all of them and predicts a file by the mean of its clips' probabilities");
            var seed = CommonOptions.Seed(ComparisonOptions.Defaults.Seed);
            var duration = CliOptions.Duration();
            var sampleRate = CliOptions.SampleRate();
            var fftSize = CliOptions.FftSize();
            var hopLength = CliOptions.HopLength();
            var json = CommonOptions.Json();
            var command = new Command("compare", "The paper's comparison: song-grouped k-fold cross-validation of SVM, random " +
                "forest and LightGBM on spectral summaries against the Inception-GRU network (and, with --methods, the deep " +
                "baselines of its Table 3: VGG-16, Inception-v3, ResNet-18, Sarkar VGG, multi-kernel CNN, all in 1D) on log-STFTs; mean ± sd of " +
                "accuracy and macro precision/recall/F1 per method.");
            var strict = CommonOptions.Strict();
            var decoder = CommonOptions.Decoder("auto");
            var precision = CommonOptions.Precision();
            var input = new Option<string>("--input")
            {
                Description = "What the networks read: stft (the log-STFT, the paper's input, [1025, frames] at n_fft 2048) or " +
                    "mel (the 128-band mel spectrogram in dB, librosa's melspectrogram + power_to_db); the shallow methods' " +
                    "summary comes from the log-STFT either way.",
                DefaultValueFactory = _ => "stft",
            };
            input.AcceptOnlyFromAmong("stft", "mel");
            foreach (var option in new Option[] { data, folds, repeats, methods, output, cache, features, epochs, recipe, learningRate, batchSize, seed, duration, clipsPerFile,
                sampleRate, fftSize, hopLength, json, strict, decoder, precision, input })
                command.Add(option);
            command.SetAction(parse =>
            {
                bool asJson = parse.GetValue(json);
                var log = context.ProgressWriter(asJson);
                int k = parse.GetValue(folds);
                if (k < 2)
                    throw new UsageException($"--folds={k} must be at least 2.");
                var names = (parse.GetValue(methods) ?? Array.Empty<string>())
                    .SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                IReadOnlyList<ComparisonMethod> chosen;
                try
                {
                    chosen = names.Length == 0 ? ComparisonMethods.Default : ComparisonMethods.Resolve(names);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
                }
                var summaryFeatures = ParseFeatures(parse.GetValue(features));
                CliOptions.CheckFrontEnd(parse.GetValue(sampleRate), parse.GetValue(duration), parse.GetValue(fftSize),
                    parse.GetValue(hopLength), parse.GetValue(batchSize));
                var outDir = Path.GetFullPath(CliOptions.OutputFolder(parse.GetValue(output), "--out"));
                var ml = new MLContext(parse.GetValue(seed));
                bool skip = !parse.GetValue(strict);
                var clips = ml.Data.CreateEnumerable<MusicClip>(LabelledData.Load(ml, parse.GetValue(data), log, !skip),
                    reuseRowObject: false).ToList();
                var options = new ComparisonOptions
                {
                    Folds = k,
                    Repeats = CliOptions.Positive(parse.GetValue(repeats), "--repeats"),
                    Seed = parse.GetValue(seed),
                    Methods = chosen,
                    Epochs = CliOptions.Positive(parse.GetValue(epochs), "--epochs"),
                    Recipe = CommonOptions.ToRecipe(parse.GetValue(recipe)),
                    BatchSize = CliOptions.Positive(parse.GetValue(batchSize), "--batch-size"),
                    LearningRate = CliOptions.PositiveNumber(parse.GetValue(learningRate), "--learning-rate"),
                    UseBFloat16 = CommonOptions.ToUseBFloat16(parse.GetValue(precision)),
                    MelBands = parse.GetValue(input) == "mel" ? MelSpectrogramEstimator.Defaults.NumberOfMels : null,
                    Duration = CliOptions.PositiveSeconds(parse.GetValue(duration), "--duration"),
                    ClipsPerFile = CliOptions.Positive(parse.GetValue(clipsPerFile), "--clips-per-file"),
                    SampleRate = CliOptions.Positive(parse.GetValue(sampleRate), "--sample-rate"),
                    FftSize = CliOptions.Positive(parse.GetValue(fftSize), "--fft-size"),
                    HopLength = CliOptions.Positive(parse.GetValue(hopLength), "--hop-length"),
                    SummaryFeatures = summaryFeatures,
                    OutputDirectory = outDir,
                    CacheDirectory = parse.GetValue(cache),
                    Progress = new LineProgress(log),
                    SkipUnreadableFiles = skip,
                    DecoderBackend = CommonOptions.ToDecoder(parse.GetValue(decoder)) ?? AudioDecoderBackend.Auto,
                };
                log.WriteLine($"{clips.Count} clips, {k} folds{(options.Repeats > 1 ? $" × {options.Repeats} repeats" : "")}, methods: {string.Join(", ", chosen.Select(m => m.Name))}");
                var result = ComparisonExperiment.Run(clips, options);
                var rejects = RejectSummary.Create(clips.Count, result.RejectedFiles, outDir);
                if (asJson)
                {
                    Json.Write(context.Out, new
                    {
                        output = outDir,
                        clips = result.Clips,
                        songs = result.Songs,
                        folds = k,
                        files = result.OutputFiles,
                        inputFiles = rejects.Total,
                        filesUsed = rejects.Used,
                        rejectedCsv = rejects.CsvPath,
                        rejected = rejects.JsonRejected,
                        methods = result.Methods.Select(m => new
                        {
                            name = m.Name,
                            description = m.Description,
                            skipped = m.SkipReason,
                            accuracy = Score(m.Accuracy),
                            macroPrecision = Score(m.MacroPrecision),
                            macroRecall = Score(m.MacroRecall),
                            macroF1 = Score(m.MacroF1),
                        }),
                    });
                }
                else
                {
                    var table = new Table { Title = new TableTitle($"{k}-fold song-grouped comparison ({result.Clips} clips, {result.Songs} songs)") }
                        .AddColumn("method").AddColumn(new TableColumn("accuracy (%)").RightAligned())
                        .AddColumn(new TableColumn("macro precision (%)").RightAligned()).AddColumn(new TableColumn("macro recall (%)").RightAligned())
                        .AddColumn(new TableColumn("macro F1 (%)").RightAligned());
                    foreach (var m in result.Methods)
                    {
                        if (m.SkipReason != null)
                            table.AddRow(Markup.Escape(m.Description), "skipped: " + Markup.Escape(m.SkipReason), "", "", "");
                        else
                            table.AddRow(Markup.Escape(m.Description), m.Accuracy.ToPercentString(), m.MacroPrecision.ToPercentString(),
                                m.MacroRecall.ToPercentString(), m.MacroF1.ToPercentString());
                    }
                    context.Console.Write(table);
                    foreach (var file in result.OutputFiles)
                        context.Out.WriteLine($"  {file}");
                }
                rejects.Write(log);
                return rejects.ExitCode;
            });
            return command;
        }

        private static object Score(MeanDeviation value)
            => new { mean = Json.Number(value.Mean), sd = Json.Number(value.StandardDeviation), folds = value.Count };

        private sealed class LineProgress : IProgress<string>
        {
            private readonly TextWriter _writer;

            public LineProgress(TextWriter writer) => _writer = writer;

            public void Report(string value)
            {
                _writer.WriteLine(value);
                _writer.Flush();
            }
        }
    }
}
