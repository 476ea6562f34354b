using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Writes a <see cref="ComparisonResult"/> as Markdown tables, a per-fold CSV, a JSON run record and PNG confusion matrices.</summary>
    internal static class ComparisonReport
    {
        internal const string MarkdownFile = "comparison.md";
        internal const string CsvFile = "folds.csv";
        internal const string JsonFile = "run.json";

        private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

        public static IReadOnlyList<string> Write(ComparisonResult result, string directory)
        {
            Directory.CreateDirectory(directory);
            var files = new List<string>();
            var markdown = Path.Combine(directory, MarkdownFile);
            OutputFile.WriteAllText(markdown, result.Markdown);
            files.Add(markdown);
            var csv = Path.Combine(directory, CsvFile);
            OutputFile.WriteAllText(csv, Csv(result));
            files.Add(csv);
            foreach (var method in result.Methods.Where(m => m.SkipReason == null))
            {
                var png = Path.Combine(directory, $"confusion-{method.Name}.png");
                ConfusionMatrixPlot.Save(png, method.Pooled, string.Create(CultureInfo.InvariantCulture,
                    $"{method.Description}: accuracy {method.Accuracy.ToPercentString()} % ({method.Folds.Count} folds, summed)"));
                files.Add(png);
            }
            var json = Path.Combine(directory, JsonFile);
            files.Add(json);
            OutputFile.WriteAllText(json, Json(result, files.Select(Path.GetFileName).ToArray()));
            return files;
        }

        public static string Markdown(ComparisonResult result)
        {
            var o = result.Options;
            var md = new StringBuilder();
            md.Append(o.Repeats == 1
                ? string.Create(s_invariant, $"## Comparison: {o.Folds}-fold cross-validation grouped by song (seed {o.Seed})\n\n")
                : string.Create(s_invariant, $"## Comparison: {o.Repeats} × {o.Folds}-fold cross-validation grouped by song (seeds {o.Seed}…{o.Seed + o.Repeats - 1})\n\n"));
            md.Append(o.ClipsPerFile > 1
                    ? string.Create(s_invariant, $"{result.Clips} files ({result.ClipRows} clips), {result.Songs} songs; classes (files) ")
                    : string.Create(s_invariant, $"{result.Clips} clips, {result.Songs} songs; classes "))
                .Append(string.Join(", ", result.ClassNames.Select((c, i) => $"{c} {result.ClassCounts[i]}")))
                .Append(s_invariant, $". Features: {(o.ClipsPerFile > 1 ? $"up to {o.ClipsPerFile} consecutive clips per file (trained on each; a file scored by the mean of its clips' probabilities), each " : "")}{o.Duration:G} s at {o.SampleRate} Hz, {(o.MelBands == null ? "log-STFT" : "mel spectrogram")} [{result.Bins}, {result.Frames}] (n_fft {o.FftSize}, hop {o.HopLength}), summary of {result.SummaryLength} values ({o.SummaryFeatures}).")
                .Append(s_invariant, $" Deep methods: {o.Epochs} epochs, batch {o.BatchSize}, {o.Recipe} recipe{(o.LearningRate is double rate ? $" at learning rate {rate:G}" : "")}, {(MixedPrecision.Resolve(o.UseBFloat16) ? "BFloat16" : "Float32")} input convolutions. Values are mean ± sample sd over {o.Folds * o.Repeats} folds.\n\n");
            if (result.RejectedFiles.Count > 0)
            {
                md.Append(s_invariant, $"{result.RejectedFiles.Count} clips were left out because their audio file could not be read:\n\n");
                foreach (var reject in result.RejectedFiles)
                    md.Append("- ").Append(reject.Reason).Append('\n');
                md.Append('\n');
            }
            md.Append("| Method | Accuracy (%) | Macro precision (%) | Macro recall (%) | Macro F1 (%) | Params | FLOPs | Train s/fold | Predict s/fold |\n");
            md.Append("|---|---|---|---|---|---|---|---|---|\n");
            foreach (var m in result.Methods)
            {
                if (m.SkipReason != null)
                {
                    md.Append($"| {m.Description} | skipped | | | | | | | |\n");
                    continue;
                }
                md.Append($"| {m.Description} | {m.Accuracy.ToPercentString()} | {m.MacroPrecision.ToPercentString()} | {m.MacroRecall.ToPercentString()} | {m.MacroF1.ToPercentString()} | ")
                    .Append($"{Count(m.Cost?.Parameters)} | {Count(m.Cost?.Flops)} | {m.TrainSeconds.ToString("F2")} | {m.PredictSeconds.ToString("F3")} |\n");
            }
            foreach (var m in result.Methods.Where(m => m.SkipReason != null))
                md.Append('\n').Append(m.SkipReason).Append('\n');

            foreach (var m in result.Methods.Where(m => m.SkipReason == null))
            {
                md.Append(s_invariant, $"\n### {m.Description}: per class (pooled accuracy {100 * m.Pooled.Accuracy:F1} %)\n\n");
                md.Append("| Class | Precision (%) | Recall (%) | F1 (%) | Clips |\n|---|---|---|---|---|\n");
                for (int c = 0; c < m.ClassNames.Count; c++)
                    md.Append($"| {m.ClassNames[c]} | {m.Precision[c].ToPercentString()} | {m.Recall[c].ToPercentString()} | {m.F1[c].ToPercentString()} | {m.Pooled.Support[c]} |\n");
            }
            return md.ToString();
        }

        public static string Csv(ComparisonResult result)
        {
            var csv = new StringBuilder("method,repeat,fold,train_rows,test_rows,accuracy,macro_precision,macro_recall,macro_f1,train_seconds,predict_seconds,parameters,flops");
            foreach (var c in result.ClassNames)
                csv.Append(s_invariant, $",precision_{c},recall_{c},f1_{c}");
            csv.Append('\n');
            foreach (var m in result.Methods)
            {
                foreach (var f in m.Folds)
                {
                    var s = f.Scores;
                    csv.Append(s_invariant, $"{m.Name},{f.Repeat + 1},{f.Fold + 1},{f.TrainRows},{f.TestRows},{s.Accuracy:R},{s.MacroPrecision:R},{s.MacroRecall:R},{s.MacroF1:R},")
                        .Append(s_invariant, $"{f.TrainSeconds:F3},{f.PredictSeconds:F4},{f.Cost?.Parameters},{f.Cost?.Flops}");
                    for (int c = 0; c < result.ClassNames.Count; c++)
                        csv.Append(s_invariant, $",{s.Precision[c]:R},{s.Recall[c]:R},{s.F1[c]:R}");
                    csv.Append('\n');
                }
            }
            return csv.ToString();
        }

        public static string Json(ComparisonResult result, IReadOnlyList<string> files)
        {
            var o = result.Options;
            var record = new
            {
                started = result.StartedUtc,
                finished = result.FinishedUtc,
                seed = o.Seed,
                versions = new
                {
                    musicEmotionMLNet = Version(typeof(ComparisonExperiment).Assembly),
                    mlNet = Version(typeof(MLContext).Assembly),
                    torchSharp = Version(typeof(TorchSharp.torch).Assembly),
                    runtime = RuntimeInformation.FrameworkDescription,
                    os = RuntimeInformation.OSDescription,
                    processors = Environment.ProcessorCount,
                },
                options = new
                {
                    folds = o.Folds,
                    repeats = o.Repeats,
                    seed = o.Seed,
                    sampleRate = o.SampleRate,
                    duration = o.Duration,
                    clipsPerFile = o.ClipsPerFile,
                    fftSize = o.FftSize,
                    hopLength = o.HopLength,
                    epochs = o.Epochs,
                    batchSize = o.BatchSize,
                    recipe = o.Recipe.ToString(),
                    learningRate = o.LearningRate,
                    networkInput = o.MelBands is int bands ? $"mel {bands}" : "log-STFT",
                    precision = o.UseBFloat16 switch { true => "bfloat16", false => "float32", _ => MixedPrecision.Resolve(null) ? "auto (bfloat16)" : "auto (float32)" },
                    summaryFeatures = o.SummaryFeatures.ToString(),
                    decoderBackend = o.DecoderBackend.ToString(),
                    methods = result.Methods.Select(m => m.Name).ToArray(),
                },
                data = new
                {
                    clips = result.Clips,
                    clipRows = result.ClipRows,
                    rejected = result.RejectedFiles.Select(r => new { path = r.Path, reason = r.Reason }).ToArray(),
                    songs = result.Songs,
                    classes = result.ClassNames,
                    classCounts = result.ClassCounts,
                    bins = result.Bins,
                    frames = result.Frames,
                    summaryLength = result.SummaryLength,
                    featureCache = result.FeatureCachePath,
                    featureCacheReused = result.FeatureCacheReused,
                    featureSeconds = result.FeatureSeconds,
                },
                methods = result.Methods.Select(m => new
                {
                    name = m.Name,
                    description = m.Description,
                    skipped = m.SkipReason,
                    parameters = m.Cost?.Parameters,
                    flops = m.Cost?.Flops,
                    accuracy = m.Accuracy,
                    macroPrecision = m.MacroPrecision,
                    macroRecall = m.MacroRecall,
                    macroF1 = m.MacroF1,
                    trainSeconds = m.TrainSeconds,
                    predictSeconds = m.PredictSeconds,
                    perClass = m.ClassNames.Select((c, i) => new { label = c, precision = m.Precision[i], recall = m.Recall[i], f1 = m.F1[i] }).ToArray(),
                    pooledConfusion = Jagged(m.Pooled.Counts),
                    folds = m.Folds.Select(f => new
                    {
                        repeat = f.Repeat + 1,
                        fold = f.Fold + 1,
                        trainRows = f.TrainRows,
                        testRows = f.TestRows,
                        testSongs = f.TestSongs.Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToArray(),
                        accuracy = f.Scores.Accuracy,
                        macroPrecision = f.Scores.MacroPrecision,
                        macroRecall = f.Scores.MacroRecall,
                        macroF1 = f.Scores.MacroF1,
                        precision = f.Scores.Precision,
                        recall = f.Scores.Recall,
                        f1 = f.Scores.F1,
                        confusion = Jagged(f.Scores.Counts),
                        trainSeconds = f.TrainSeconds,
                        predictSeconds = f.PredictSeconds,
                    }).ToArray(),
                }).ToArray(),
                files,
            };
            return JsonSerializer.Serialize(record, new JsonSerializerOptions
            {
                WriteIndented = true,
                NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            });
        }

        private static long[][] Jagged(long[,] counts)
            => Enumerable.Range(0, counts.GetLength(0)).Select(i => Enumerable.Range(0, counts.GetLength(1)).Select(j => counts[i, j]).ToArray()).ToArray();

        private static string Version(Assembly assembly)
            => assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString();

        /// <summary>1234567 → <c>1.23 M</c>; null → <c>–</c>.</summary>
        internal static string Count(long? value)
        {
            if (value == null)
                return "–";
            double v = value.Value;
            return v switch
            {
                >= 1e9 => string.Create(s_invariant, $"{v / 1e9:F2} G"),
                >= 1e6 => string.Create(s_invariant, $"{v / 1e6:F2} M"),
                >= 1e3 => string.Create(s_invariant, $"{v / 1e3:F1} k"),
                _ => value.Value.ToString(s_invariant),
            };
        }
    }
}
