using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>recipe-ablation --data DIR [--folds 5] [--epochs 10] [--cache DIR] [--out DIR] [--variants a,b] [--clips-per-file 1]</c>:
    /// the paper's network in <see cref="ComparisonExperiment"/> (song-grouped folds, the same cache as <c>mer compare</c>)
    /// under the paper's recipe with one part of the recommended recipe switched on at a time, so that each part's gain
    /// is measured on its own. Prints one line per variant (accuracy and macro F1, mean ± sd over folds).
    /// </summary>
    internal static class RecipeAblation
    {
        private static readonly (string Name, string Description, Func<RecipeSettings> Create)[] s_variants =
        {
            ("paper", "paper recipe (Adam 1e-3, raw dB)", RecipeSettings.Paper),
            ("normalize", "+ per-bin input standardisation", () => Paper(s => s.Normalize = true)),
            ("adamw", "+ AdamW, decoupled weight decay 0.01", () => Paper(s => s.DecoupledWeightDecay = 1e-2)),
            ("schedule", "+ 10 % warm-up, cosine decay", () => Paper(s => { s.WarmupFraction = 0.1; s.CosineDecay = true; })),
            ("smoothing", "+ label smoothing 0.1", () => Paper(s => s.LabelSmoothing = 0.1)),
            ("validation", "+ best epoch on 15 % held-out songs", () => Paper(s => s.ValidationFraction = 0.15)),
            ("mixup", "+ mixup α 0.2", () => Paper(s => s.MixupAlpha = 0.2)),
            ("shift-gain", "+ circular time shift, ±6 dB gain", () => Paper(s => { s.TimeShiftFraction = 1.0; s.GainDb = 6; })),
            ("masks", "+ SpecAugment 2 + 2 masks ≤ 10 %", () => Paper(s =>
            {
                s.FrequencyMasks = 2; s.FrequencyMaskFraction = 0.1; s.TimeMasks = 2; s.TimeMaskFraction = 0.1;
            })),
            ("recommended", "recommended recipe", RecipeSettings.Recommended),
        };

        private static RecipeSettings Paper(Action<RecipeSettings> change)
        {
            var settings = RecipeSettings.Paper();
            change(settings);
            return settings;
        }

        public static int Run(string[] args)
        {
            var data = BenchmarkArgs.String(args, "--data", null);
            if (data == null)
            {
                Console.Error.WriteLine("recipe-ablation: --data <folder with labels.csv or manifest> is required; variants: " +
                    string.Join(", ", s_variants.Select(v => v.Name)));
                return 2;
            }
            var names = BenchmarkArgs.String(args, "--variants", string.Join(",", s_variants.Select(v => v.Name)))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.FirstOrDefault(n => s_variants.All(v => v.Name != n));
            if (unknown != null)
            {
                Console.Error.WriteLine($"recipe-ablation: unknown variant '{unknown}'; known: {string.Join(", ", s_variants.Select(v => v.Name))}");
                return 2;
            }
            var methods = names.Select(n => s_variants.Single(v => v.Name == n)).Select(v => Method(v.Name, v.Description, v.Create)).ToArray();
            var ml = new MLContext(ComparisonOptions.Defaults.Seed);
            var clips = ml.Data.CreateEnumerable<MusicClip>(DataSource.Load(ml, data), reuseRowObject: false).ToList();
            var options = new ComparisonOptions
            {
                Folds = BenchmarkArgs.Int(args, "--folds", ComparisonOptions.Defaults.Folds),
                Epochs = BenchmarkArgs.Int(args, "--epochs", ComparisonOptions.Defaults.Epochs),
                // One clip per file by default: the protocol of the README's ablation table.
                ClipsPerFile = BenchmarkArgs.Int(args, "--clips-per-file", 1),
                Methods = methods,
                CacheDirectory = BenchmarkArgs.String(args, "--cache", null),
                OutputDirectory = BenchmarkArgs.String(args, "--out", null),
                SkipUnreadableFiles = true,
                Progress = new SynchronousProgress<string>(Console.Error.WriteLine),
            };
            var result = ComparisonExperiment.Run(clips, options);
            Console.WriteLine($"Recipe ablation: the paper's network, {options.Folds}-fold song-grouped, {options.Epochs} epochs, " +
                $"{result.Clips} files, {options.ClipsPerFile} clip(s) per file");
            foreach (var m in result.Methods)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Name,-12} {m.Description,-44} accuracy {m.Accuracy.ToPercentString()} %  macro F1 {m.MacroF1.ToPercentString()} %  " +
                    $"folds {string.Join(" ", m.Folds.Select(f => (100 * f.Scores.Accuracy).ToString("F1", CultureInfo.InvariantCulture)))}  " +
                    $"train {m.Folds.Average(f => f.TrainSeconds):F0} s/fold"));
            }
            return 0;
        }

        private static ComparisonMethod Method(string name, string description, Func<RecipeSettings> recipe)
            => new ComparisonMethod(name, description, MethodInput.Spectrogram, (ml, settings) =>
            {
                var options = settings.ApplyTo(new SpectrogramClassificationTrainer.Options
                {
                    Architecture = NetworkArchitecture.InceptionGruResidual,
                });
                options.RecipeSettings = recipe();
                return ml.MulticlassClassification.Trainers.SpectrogramClassification(options);
            });
    }
}
