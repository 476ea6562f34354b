using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Samples.PaperComparison
{
    /// <summary>
    /// <c>PaperComparison [--data labels.csv|folder|soundtracks-folder] [--reader manifest|folder|soundtracks]
    /// [--strategy MaxRating|Target|Quadrant] [--folds 5] [--seed 2023] [--epochs 10] [--methods svm,forest,lightgbm,inception-gru,resnet18,vgg16,sarkar-vgg,multi-kernel-cnn|all]
    /// [--out dir] [--cache dir] [--duration 30]</c>. Without <c>--data</c> it generates the package's demo corpus.
    /// </summary>
    internal static class Program
    {
        private static readonly string[] s_known =
            { "data", "reader", "strategy", "folds", "seed", "epochs", "methods", "out", "cache", "duration" };

        private static int Main(string[] args)
        {
            try
            {
                var options = ParseOptions(args);
                var outDir = Path.GetFullPath(Get(options, "out", "paper-comparison"));
                Directory.CreateDirectory(outDir);
                var clips = ReadClips(options, outDir);
                var comparison = new ComparisonOptions
                {
                    Folds = Int(options, "folds", ComparisonOptions.Defaults.Folds),
                    Seed = Int(options, "seed", ComparisonOptions.Defaults.Seed),
                    Epochs = Int(options, "epochs", ComparisonOptions.Defaults.Epochs),
                    Duration = double.Parse(Get(options, "duration", "30"), CultureInfo.InvariantCulture),
                    ClipsPerFile = Int(options, "clips-per-file", ComparisonOptions.Defaults.ClipsPerFile),
                    OutputDirectory = outDir,
                    CacheDirectory = options.TryGetValue("cache", out var cache) ? Path.GetFullPath(cache) : null,
                    Methods = options.TryGetValue("methods", out var methods)
                        ? ComparisonMethods.Resolve(methods.Split(','))
                        : ComparisonMethods.Default,
                    Progress = new ConsoleProgress(),
                };
                var result = ComparisonExperiment.Run(clips, comparison);
                Console.WriteLine();
                Console.WriteLine(result.Markdown);
                Console.WriteLine($"Features {(result.FeatureCacheReused ? "reused from" : "cached in")} {result.FeatureCachePath}");
                Console.WriteLine("Wrote " + string.Join(", ", result.OutputFiles.Select(Path.GetFileName)) + $" to {outDir}");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException || e is IOException || e is InvalidDataException || e is FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                Console.Error.WriteLine("usage: PaperComparison [--data labels.csv|folder|soundtracks-folder] [--reader manifest|folder|soundtracks] "
                    + "[--strategy MaxRating|Target|Quadrant] [--folds 5] [--seed 2023] [--epochs 10] "
                    + "[--methods svm,forest,lightgbm,inception-gru,resnet18,vgg16,sarkar-vgg,multi-kernel-cnn|all] [--out dir] [--cache dir] [--duration 30]");
                return 1;
            }
        }

        private static IReadOnlyList<MusicClip> ReadClips(Dictionary<string, string> options, string outDir)
        {
            var ml = new MLContext(seed: 0);
            var strategy = Enum.Parse<SoundtracksLabelStrategy>(Get(options, "strategy", nameof(SoundtracksLabelStrategy.MaxRating)), ignoreCase: true);
            IDataView clips;
            if (!options.TryGetValue("data", out var data))
            {
                var corpus = Path.Combine(outDir, "demo-corpus");
                Console.WriteLine($"No --data given: generating the demo corpus in {corpus}");
                clips = ml.Data.LoadAudioManifest(DemoCorpus.Generate(corpus));
            }
            else
            {
                // Without --reader the package chooses the reader from the path, as mer --data does.
                clips = Get(options, "reader", null) switch
                {
                    null => ml.Data.LoadAudioData(data, strategy),
                    "manifest" => ml.Data.LoadAudioManifest(Directory.Exists(data) ? Path.Combine(data, "labels.csv") : data),
                    "folder" => ml.Data.LoadAudioFolder(data),
                    "soundtracks" => ml.Data.LoadSoundtracks(data, strategy),
                    var reader => throw new ArgumentException($"--reader {reader} is not one of manifest, folder, soundtracks."),
                };
            }
            return ml.Data.CreateEnumerable<MusicClip>(clips, reuseRowObject: false).ToList();
        }

        private static Dictionary<string, string> ParseOptions(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
                var name = args[i].Substring(2);
                if (!s_known.Contains(name))
                    throw new ArgumentException($"Unknown option --{name}.");
                options[name] = args[++i];
            }
            return options;
        }

        private static string Get(Dictionary<string, string> options, string name, string fallback)
            => options.TryGetValue(name, out var value) ? value : fallback;

        private static int Int(Dictionary<string, string> options, string name, int fallback)
            => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        /// <summary>Prints each progress line at once, with the time of day.</summary>
        private sealed class ConsoleProgress : IProgress<string>
        {
            public void Report(string value) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {value}");
        }
    }
}
