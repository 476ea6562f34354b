using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Samples.EmotionRecognition
{
    /// <summary>
    /// <c>train [--data labels.csv|folder] [--out dir] [--epochs N] [--folds K] [--duration s] [--seed n]</c>,
    /// <c>predict --model model.zip --data labels.csv|folder --out predictions.csv</c> and
    /// <c>timeline --model model.zip --file song.mp3 [--hop s]</c>.
    /// Without <c>--data</c>, train generates the package's demo corpus first. Predict and timeline go through
    /// <see cref="EmotionModel"/>: a song longer than the model's clip is scored clip by clip and the clip
    /// probabilities averaged.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            try
            {
                var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "train";
                var options = ParseOptions(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
                return mode switch
                {
                    "train" => Train(options),
                    "predict" => Predict(options),
                    "timeline" => Timeline(options),
                    _ => Usage($"unknown mode '{mode}'"),
                };
            }
            catch (Exception e) when (e is ArgumentException || e is IOException || e is InvalidDataException || e is FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        }

        private static int Train(Dictionary<string, string> options)
        {
            var outDir = Path.GetFullPath(Get(options, "out", "out"));
            int epochs = int.Parse(Get(options, "epochs", "15"), CultureInfo.InvariantCulture);
            int folds = int.Parse(Get(options, "folds", "3"), CultureInfo.InvariantCulture);
            int seed = int.Parse(Get(options, "seed", "1"), CultureInfo.InvariantCulture);
            double duration = double.Parse(Get(options, "duration", "30"), CultureInfo.InvariantCulture);
            Directory.CreateDirectory(outDir);

            string dataPath = Get(options, "data", null);
            if (dataPath == null)
            {
                var corpus = Path.Combine(outDir, "demo-corpus");
                Console.WriteLine($"No --data given: generating the demo corpus in {corpus}");
                dataPath = DemoCorpus.Generate(corpus);
            }

            var ml = new MLContext(seed);
            var data = ml.Data.LoadAudioData(dataPath);
            var labels = data.GetColumn<ReadOnlyMemory<char>>("Label").Select(l => l.ToString()).ToList();
            Console.WriteLine($"{labels.Count} clips from {dataPath}: "
                + string.Join(", ", labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));

            // Features once per clip: decode, loop/cut to the clip length, log-STFT; cached for every fit below.
            var frontEnd = ml.Transforms.LoadAudio("Audio", "Path", duration: duration)
                .Append(ml.Transforms.LogStft("Spectrogram", "Audio"))
                .Append(ml.Transforms.DropColumns("Audio"));
            var watch = Stopwatch.StartNew();
            var frontEndModel = frontEnd.Fit(data);
            var features = ml.Data.Cache(frontEndModel.Transform(data));
            int rows = Materialize(features, "Spectrogram");
            Console.WriteLine($"Spectrograms [1025, {SpectrogramFrames(features)}] for {rows} clips in {watch.Elapsed.TotalSeconds:F1} s");

            var progress = new Progress<TrainingProgress>(p => Console.WriteLine(
                $"  epoch {p.Epoch,3}/{p.Epochs}  loss {p.Loss:F4}  accuracy {p.Accuracy:P1}"
                + (double.IsNaN(p.ValidationAccuracy) ? "" : $"  validation {p.ValidationAccuracy:P1}")
                + $"  elapsed {p.Elapsed:mm\\:ss}  eta {p.EstimatedRemaining:mm\\:ss}"));
            IEstimator<ITransformer> Classifier() => ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
                {
                    Architecture = NetworkArchitecture.InceptionGruResidual,
                    LabelColumnName = "Label",
                    FeatureColumnName = "Spectrogram",
                    Epochs = epochs,
                    Seed = seed,
                    BalanceClasses = true,
                    Progress = progress,
                }))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

            // Hold-out evaluation: 20 % of the songs, no song on both sides.
            var split = ml.Data.TrainTestSplit(features, testFraction: 0.2, samplingKeyColumnName: "Song", seed: seed);
            Console.WriteLine("Training on the 80 % split:");
            watch.Restart();
            var classifier = Classifier().Fit(split.TrainSet);
            Console.WriteLine($"Trained in {watch.Elapsed.TotalSeconds:F1} s");
            var metrics = ml.MulticlassClassification.Evaluate(classifier.Transform(split.TestSet));
            Console.WriteLine($"Hold-out: micro accuracy {metrics.MicroAccuracy:P2}, macro accuracy {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4}");
            Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

            var modelPath = Path.Combine(outDir, "model.zip");
            var appModel = frontEndModel.Append(classifier);
            ml.Model.Save(appModel, data.Schema, modelPath);
            Console.WriteLine($"Saved {modelPath} ({new FileInfo(modelPath).Length / 1024} KiB): {EmotionModel.Load(modelPath).Description}");
            var predictionsPath = Path.Combine(outDir, "predictions.csv");
            WritePredictions(ml, appModel.Transform(data), predictionsPath);
            Console.WriteLine($"Predictions of the saved pipeline for every clip written to {predictionsPath}");

            if (folds >= 2)
            {
                Console.WriteLine($"{folds}-fold cross-validation grouped by song:");
                var results = ml.MulticlassClassification.CrossValidate(features, Classifier(), folds, labelColumnName: "Label",
                    samplingKeyColumnName: "Song", seed: seed);
                var accuracies = results.Select(r => r.Metrics.MicroAccuracy).ToArray();
                for (int i = 0; i < accuracies.Length; i++)
                    Console.WriteLine($"  fold {i + 1}: accuracy {accuracies[i]:P2}, macro {results[i].Metrics.MacroAccuracy:P2}");
                double mean = accuracies.Average();
                double sd = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, accuracies.Length - 1));
                Console.WriteLine($"Cross-validated accuracy {mean:P2} ± {sd:P2} (sd over {folds} folds)");
            }
            return 0;
        }

        private static int Predict(Dictionary<string, string> options)
        {
            var modelPath = Get(options, "model", null) ?? throw new ArgumentException("--model is required for predict.");
            var dataPath = Get(options, "data", null) ?? throw new ArgumentException("--data is required for predict.");
            var outPath = Get(options, "out", "predictions.csv");
            var model = EmotionModel.Load(modelPath);
            var paths = new MLContext(seed: 0).Data.LoadAudioData(dataPath).GetColumn<ReadOnlyMemory<char>>("Path").Select(p => p.ToString());
            // Several files at once; a file that cannot be read is reported in its row instead of stopping the run.
            var predictions = model.PredictFiles(paths);
            var csv = new StringBuilder("path,predicted," + string.Join(",", model.Classes) + "\n");
            foreach (var p in predictions)
            {
                csv.Append(Path.GetFileName(p.Path)).Append(',').Append(p.Error == null ? p.PredictedLabel : "unreadable");
                foreach (var probability in p.Probabilities)
                    csv.Append(',').Append(probability.ToString("R", CultureInfo.InvariantCulture));
                csv.Append('\n');
            }
            File.WriteAllText(outPath, csv.ToString());
            foreach (var failed in predictions.Where(p => p.Error != null))
                Console.Error.WriteLine($"warning: {failed.Error.Reason}");
            Console.WriteLine($"Predictions for {predictions.Count} files written to {outPath}");
            return predictions.Any(p => p.Error != null) ? 3 : 0;
        }

        private static int Timeline(Dictionary<string, string> options)
        {
            var modelPath = Get(options, "model", null) ?? throw new ArgumentException("--model is required for timeline.");
            var file = Get(options, "file", null) ?? throw new ArgumentException("--file is required for timeline.");
            var hop = options.TryGetValue("hop", out var h) ? double.Parse(h, CultureInfo.InvariantCulture) : (double?)null;
            var model = EmotionModel.Load(modelPath);
            var song = model.PredictTimeline(file, hop);
            Console.WriteLine($"{Path.GetFileName(file)}: {song.PredictedLabel} over {song.Segments.Count} segments of {model.ClipDuration:0.##} s");
            foreach (var segment in song.Segments)
            {
                var probabilities = string.Join("  ", model.Classes.Select((c, i) => $"{c} {segment.Probabilities[i]:0.00}"));
                Console.WriteLine($"  {segment.Start,7:0.0}-{segment.End,7:0.0} s  {segment.PredictedLabel,-7} {probabilities}");
            }
            return 0;
        }

        private static void WritePredictions(MLContext ml, IDataView scored, string path)
        {
            var paths = scored.GetColumn<ReadOnlyMemory<char>>("Path").ToArray();
            var predicted = scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").ToArray();
            var scores = scored.GetColumn<VBuffer<float>>("Score").ToArray();
            VBuffer<ReadOnlyMemory<char>> classNames = default;
            scored.Schema["Score"].GetSlotNames(ref classNames);
            var csv = new StringBuilder("path,predicted," + string.Join(",", classNames.DenseValues()) + "\n");
            for (int i = 0; i < paths.Length; i++)
            {
                csv.Append(Path.GetFileName(paths[i].ToString())).Append(',').Append(predicted[i]);
                foreach (var s in scores[i].DenseValues())
                    csv.Append(',').Append(s.ToString("R", CultureInfo.InvariantCulture));
                csv.Append('\n');
            }
            File.WriteAllText(path, csv.ToString());
        }

        /// <summary>Runs a cursor over <paramref name="column"/> once, so the cache is filled here and timed.</summary>
        private static int Materialize(IDataView data, string column)
        {
            int rows = 0;
            using var cursor = data.GetRowCursor(new[] { data.Schema[column] });
            var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[column]);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                rows++;
            }
            return rows;
        }

        private static int SpectrogramFrames(IDataView features)
            => ((VectorDataViewType)features.Schema["Spectrogram"].Type).Dimensions[1];

        private static Dictionary<string, string> ParseOptions(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
                options[args[i].Substring(2)] = args[++i];
            }
            return options;
        }

        private static string Get(Dictionary<string, string> options, string name, string fallback)
            => options.TryGetValue(name, out var value) ? value : fallback;

        private static int Usage(string problem)
        {
            Console.Error.WriteLine($"error: {problem}");
            Console.Error.WriteLine("usage: EmotionRecognition train [--data labels.csv|folder] [--out dir] [--epochs N] [--folds K] [--duration s] [--seed n]");
            Console.Error.WriteLine("       EmotionRecognition predict --model model.zip --data labels.csv|folder --out predictions.csv");
            Console.Error.WriteLine("       EmotionRecognition timeline --model model.zip --file song.mp3 [--hop seconds]");
            return 2;
        }
    }
}
