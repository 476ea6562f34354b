using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>pytorch [--python /usr/bin/python3] [--rounds 2] [--rows 64] [--score-rows 256] [--epochs 3] [--skip-python] [--model zip --audio files…]</c>: the paper's
    /// network trained and scored through the package's public API (<c>InceptionGruResidual(...).Fit</c> on an in-memory
    /// IDataView of [1025, 1292] rows, then <c>model.Transform(data)</c> read to its Score column), beside the same
    /// network in PyTorch (<c>pytorch/inception_gru_residual.py</c>: training steps and eval/no_grad inference on batches
    /// of 8), in alternating rounds in one run, so the ratios share the machine's load. PyTorch runs three ways: its
    /// defaults (here one thread), the package's thread count, and that with <c>torch.autocast</c> BFloat16.
    /// Then the accuracy side: Float32 and BFloat16 training from one seed on learnable rows (per-epoch loss) and, with
    /// <c>--model zip --audio files…</c>, a trained model's predictions on real files scored both ways (largest
    /// probability difference, labels that change; the learnable rows saturate a trained network, so they cannot show it).
    /// </summary>
    internal static class PyTorchComparison
    {
        private const int Bins = 1025;
        private const int Frames = 1292;
        private const int Classes = 4;
        private const int Batch = 8;

        public static int Run(string[] args)
        {
            string python = BenchmarkArgs.String(args, "--python", "/usr/bin/python3");
            int rounds = BenchmarkArgs.Int(args, "--rounds", 2);
            int rowCount = BenchmarkArgs.Int(args, "--rows", 64);
            // ML.NET's scorer deals rows to one cursor per core in blocks of 64, so scoring needs a few hundred rows to
            // use every core.
            int scoreRowCount = BenchmarkArgs.Int(args, "--score-rows", 256);
            int epochs = BenchmarkArgs.Int(args, "--epochs", 3);
            bool skipPython = args.Contains("--skip-python");
            string script = Path.Combine(AppContext.BaseDirectory, "pytorch", "inception_gru_residual.py");
            int threads = torch.get_num_threads();
            Console.WriteLine($"Machine: {CpuName()}, {Environment.ProcessorCount} cores, AVX512_BF16 {(MixedPrecision.CpuHasBFloat16 ? "yes" : "no")}; " +
                $"package: libtorch threads {threads}, BFloat16 convolutions {(MixedPrecision.CpuHasBFloat16 ? "on (auto)" : "off (auto)")}; " +
                $"Fit on {rowCount} rows, batches of {Batch}, {epochs} epochs; Transform of {scoreRowCount} rows; {rounds} rounds.");

            var ml = new MLContext(seed: 1);
            var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(LearnableRows(rowCount, seed: 1), SpectrogramRow.Schema(Bins, Frames, Classes)));
            var scoreData = ml.Data.Cache(ml.Data.LoadFromEnumerable(LearnableRows(scoreRowCount, seed: 2), SpectrogramRow.Schema(Bins, Frames, Classes)));
            var figures = new Dictionary<string, List<double>>();
            void Add(string key, IEnumerable<double> values)
            {
                if (!figures.TryGetValue(key, out var list))
                    figures[key] = list = new List<double>();
                list.AddRange(values);
            }

            for (int round = 1; round <= rounds; round++)
            {
                if (!skipPython)
                {
                    foreach (var (key, extra) in new[] { ("PyTorch defaults", ""), ("PyTorch same threads", $"--threads {threads}"),
                        ("PyTorch autocast BF16", $"--threads {threads} --bf16") })
                    {
                        var result = RunPython(python, script, extra);
                        Add(key + " train", result.GetProperty("train_samples_per_s").EnumerateArray().Select(e => e.GetDouble()));
                        Add(key + " infer", result.GetProperty("infer_samples_per_s").EnumerateArray().Select(e => e.GetDouble()));
                        if (round == 1)
                            Console.WriteLine($"{key}: torch {result.GetProperty("torch")}, {result.GetProperty("threads")} threads, " +
                                $"{result.GetProperty("parameters")} parameters");
                    }
                }
                var (trainRates, model, _) = Fit(ml, data, epochs, useBFloat16: null);
                Add("package train", trainRates);
                Add("package infer", Score(ml, model, scoreData, useBFloat16: null, out _));
                Console.WriteLine($"round {round}: " + string.Join(", ", figures.Select(f => $"{f.Key} {Median(f.Value):F1}")));
            }

            Console.WriteLine();
            Console.WriteLine("| samples/s (median) | package (public API) | PyTorch defaults | PyTorch, same threads | PyTorch, autocast BF16 |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var phase in new[] { "train", "infer" })
            {
                double own = Median(figures[$"package {phase}"]);
                string Cell(string key) => figures.TryGetValue($"{key} {phase}", out var v)
                    ? $"{Median(v):F1} (package {own / Median(v):F2}×)" : "–";
                Console.WriteLine($"| {(phase == "train" ? "training (Fit)" : "inference (Transform → Score)")} | {own:F1} | " +
                    $"{Cell("PyTorch defaults")} | {Cell("PyTorch same threads")} | {Cell("PyTorch autocast BF16")} |");
            }

            Console.WriteLine();
            Console.WriteLine("Accuracy, Float32 vs BFloat16 (same seed, same rows):");
            var (fp32Rates, fp32Model, fp32Loss) = Fit(ml, data, epochs, useBFloat16: false);
            var (_, bf16Model, bf16Loss) = Fit(ml, data, epochs, useBFloat16: true);
            Console.WriteLine("  training loss per epoch, Float32: " + string.Join(" ", fp32Loss.Select(l => l.ToString("F4", CultureInfo.InvariantCulture))));
            Console.WriteLine("  training loss per epoch, BFloat16: " + string.Join(" ", bf16Loss.Select(l => l.ToString("F4", CultureInfo.InvariantCulture))));
            Console.WriteLine($"  Float32 training {Median(fp32Rates):F1} samples/s");
            Console.WriteLine($"  Float32 scoring {Median(Score(ml, fp32Model, scoreData, useBFloat16: false, out _)):F1} samples/s");
            string modelPath = BenchmarkArgs.String(args, "--model", null);
            int audioAt = Array.IndexOf(args, "--audio");
            if (modelPath != null && audioAt >= 0)
                ComparePredictions(modelPath, args.Skip(audioAt + 1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
            else
                Console.WriteLine("  (--model <zip> --audio <files...>: a trained model's segment probabilities, Float32 against BFloat16)");
            return 0;
        }

        /// <summary>A trained model's predictions on real files, scored in Float32 and in BFloat16 (EmotionModel): the
        /// largest segment probability difference and the labels that change.</summary>
        private static void ComparePredictions(string modelPath, string[] files)
        {
            var model = EmotionModel.Load(modelPath);
            List<EmotionPrediction> Segments(bool bfloat16)
            {
                model.UseBFloat16 = bfloat16;
                return model.PredictFiles(files).SelectMany(p => p.Segments).ToList();
            }

            var full = Segments(false);
            var half = Segments(true);
            double largest = full.Zip(half, (f, h) => f.Probabilities.Zip(h.Probabilities, (a, b) => (double)Math.Abs(a - b)).Max()).DefaultIfEmpty().Max();
            int changed = full.Zip(half, (f, h) => f.PredictedLabel == h.PredictedLabel ? 0 : 1).Sum();
            Console.WriteLine($"  {Path.GetFileName(modelPath)} on {files.Length} files ({full.Count} segments), Float32 vs BFloat16 scoring: " +
                $"largest probability difference {largest:G3}, {changed} labels change");
        }

        /// <summary>Fit of the public trainer; the training rate of every epoch after the first (warm-up).</summary>
        private static (List<double> Rates, ITransformer Model, List<double> Loss) Fit(MLContext ml, IDataView data, int epochs, bool? useBFloat16)
        {
            var history = new List<TrainingProgress>();
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = epochs,
                BatchSize = Batch,
                Seed = 7,
                UseBFloat16 = useBFloat16,
                Progress = new MusicEmotion.MLNet.Experiments.SynchronousProgress<TrainingProgress>(history.Add),
            };
            var model = ml.MulticlassClassification.Trainers.SpectrogramClassification(options).Fit(data);
            long rows = data.GetRowCount() ?? 0;
            var rates = history.Skip(1).Select(h => rows / h.Seconds).ToList();
            return (rates, model, history.Select(h => h.Loss).ToList());
        }

        /// <summary><c>model.Transform(data)</c> read to its Score column twice; the rate of the second pass.</summary>
        private static List<double> Score(MLContext ml, ITransformer model, IDataView data, bool? useBFloat16, out List<float[]> scores)
        {
            var parameters = ((MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>)model).Model;
            parameters.UseBFloat16 = useBFloat16;
            var rates = new List<double>();
            scores = null;
            for (int pass = 0; pass < 2; pass++)
            {
                var watch = Stopwatch.StartNew();
                scores = model.Transform(data).GetColumn<float[]>("Score").ToList();
                if (pass > 0)
                    rates.Add(scores.Count / watch.Elapsed.TotalSeconds);
            }
            return rates;
        }

        private static JsonElement RunPython(string python, string script, string extra)
        {
            var start = new ProcessStartInfo(python, $"\"{script}\" --batch {Batch} --steps 4 {extra}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{python} {script} {extra} exited with {process.ExitCode}: {error.Trim()}");
            return JsonDocument.Parse(output.Trim().Split('\n').Last()).RootElement.Clone();
        }

        // Random dB-like spectrograms in which the class raises one band of bins by 3 dB, so that a few epochs learn.
        private static IEnumerable<SpectrogramRow> LearnableRows(int count, int seed)
        {
            var random = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                uint label = (uint)(i % Classes);
                var features = new float[Bins * Frames];
                for (int j = 0; j < features.Length; j++)
                    features[j] = (float)(random.NextDouble() * 20 - 60);
                int first = (int)label * 200 + 50;
                for (int bin = first; bin < first + 100; bin++)
                    for (int t = 0; t < Frames; t++)
                        features[bin * Frames + t] += 3;
                yield return new SpectrogramRow { Features = features, Label = label + 1 };
            }
        }

        private static string CpuName()
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line == null ? "unknown CPU" : line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (IOException)
            {
                return "unknown CPU";
            }
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
                : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}
