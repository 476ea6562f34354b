using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using TorchSharp;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    /// <summary>The parts of <see cref="TrainingRecipe.Recommended"/>: the stored input normalisation, the song-grouped
    /// validation split whose best epoch is kept, the learning-rate schedule and the augmentation.</summary>
    [Collection(TorchTrainingCollection.Name)]
    public class TrainingRecipeTests
    {
        private const int Bins = SyntheticSpectrograms.Bins;
        private const int Frames = SyntheticSpectrograms.Frames;

        private static IEstimator<ITransformer> Pipeline(MLContext ml, SpectrogramClassificationTrainer.Options options)
            => ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(options));

        private static SpectrogramClassificationModelParameters ModelOf(ITransformer model)
            => ((MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>)((IEnumerable<ITransformer>)model).Last()).Model;

        /// <summary>Rows whose bin b alternates b ± (b + 1)/2 over time (plus the class band): mean b + band share,
        /// standard deviation (b + 1)/2 exactly.</summary>
        private static List<SyntheticSpectrograms.Row> KnownStatisticsRows(int rows)
        {
            var result = new List<SyntheticSpectrograms.Row>();
            for (int i = 0; i < rows; i++)
            {
                var x = new float[Bins * Frames];
                for (int b = 0; b < Bins; b++)
                    for (int t = 0; t < Frames; t++)
                        x[b * Frames + t] = b + (t % 2 == 0 ? 1 : -1) * (b + 1) * 0.5f;
                result.Add(new SyntheticSpectrograms.Row { Features = x, Label = SyntheticSpectrograms.ClassNames[i % 4], Song = $"s{i}" });
            }
            return result;
        }

        [TorchFact]
        public void NormalizationIsComputedFromTheTrainingRowsStoredAndLoaded()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(KnownStatisticsRows(8));
            var settings = RecipeSettings.Paper();
            settings.Normalize = true;
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = 1, BatchSize = 4, Seed = 3, Device = TrainingDevice.Cpu, RecipeSettings = settings,
            };
            var model = Pipeline(ml, options).Fit(train);
            var normalization = ModelOf(model).Normalization;
            Assert.NotNull(normalization);
            Assert.Equal(Bins, normalization.Bins);
            for (int b = 0; b < Bins; b++)
            {
                Assert.Equal(b, normalization.Mean[b], 4);
                Assert.Equal((b + 1) * 0.5, normalization.Deviation[b], 4);
            }

            var probe = SyntheticSpectrograms.Load(ml, 6, seed: 9);
            var expected = FreshProcessScorer.ReadColumn(model.Transform(probe), "Score");
            var path = Path.Combine(Path.GetTempPath(), $"recipe-norm-{Guid.NewGuid():N}.zip");
            try
            {
                ml.Model.Save(model, train.Schema, path);
                var loaded = ml.Model.Load(path, out _);
                var reloaded = ModelOf(loaded).Normalization;
                Assert.Equal(normalization.Mean, reloaded.Mean);
                Assert.Equal(normalization.Deviation, reloaded.Deviation);
                Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(probe), "Score"));
                Assert.Equal(expected, FreshProcessScorer.Score(ml, path, probe, "Score"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TorchFact]
        public void NormalizationChangesTheScoresItIsAppliedTo()
        {
            // The stored statistics are used when scoring: the same weights without them score differently.
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(KnownStatisticsRows(8));
            var settings = RecipeSettings.Paper();
            settings.Normalize = true;
            var model = Pipeline(ml, new SpectrogramClassificationTrainer.Options
            {
                Epochs = 1, BatchSize = 4, Seed = 3, Device = TrainingDevice.Cpu, RecipeSettings = settings,
            }).Fit(train);
            var parameters = ModelOf(model);
            var raw = new float[Bins * Frames];
            for (int b = 0; b < Bins; b++)
                for (int t = 0; t < Frames; t++)
                    raw[b * Frames + t] = b;   // exactly the mean: standardised to all zeros
            using var x = torch.tensor(raw, new long[] { 1, Bins, Frames });
            using var standardised = parameters.Normalization.Apply(x);
            Assert.True(standardised.abs().max().item<float>() < 1e-5f);
        }

        [TorchFact]
        public void GroupedValidationHoldsWholeSongsAndTheBestEpochIsKept()
        {
            var ml = new MLContext(seed: 1);
            // Weak signal and a large learning rate: validation accuracy moves up and down from epoch to epoch.
            var rows = SyntheticSpectrograms.MakeRows(64, seed: 31, signal: 0.35f);
            var train = ml.Data.LoadFromEnumerable(rows);
            var settings = RecipeSettings.Paper();
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = 8, BatchSize = 8, LearningRate = 2e-2, Seed = 4, Device = TrainingDevice.Cpu,
                ValidationFraction = 0.25, GroupColumnName = "Song", RecipeSettings = settings,
            };
            var model = Pipeline(ml, options).Fit(train);
            var history = ModelOf(model).TrainingHistory;
            Assert.Equal(8, history.Count);
            Assert.All(history, h => Assert.False(double.IsNaN(h.ValidationAccuracy)));

            // The split the trainer makes: fold 0 of 4 song-grouped stratified folds over the label keys
            // (keys in order of appearance: angry 1, happy 2, sad 3, tender 4).
            var keys = rows.Select(r => (Array.IndexOf(SyntheticSpectrograms.ClassNames, r.Label) + 1).ToString()).ToArray();
            var folds = GroupedStratifiedKFold.AssignFolds(keys, rows.Select(r => r.Song).ToArray(), 4, 4);
            var validationRows = rows.Where((r, i) => folds[i] == 0).ToList();
            var trainSongs = rows.Where((r, i) => folds[i] != 0).Select(r => r.Song).ToHashSet();
            Assert.InRange(validationRows.Count, 12, 20);
            Assert.DoesNotContain(validationRows, r => trainSongs.Contains(r.Song));

            var scored = model.Transform(ml.Data.LoadFromEnumerable(validationRows));
            var metrics = ml.MulticlassClassification.Evaluate(scored);
            double best = history.Max(h => h.ValidationAccuracy);
            Assert.Equal(best, metrics.MicroAccuracy, 6);
            // The kept weights are those of the best epoch, not the last, whenever the last was worse.
            Assert.True(history.Any(h => h.ValidationAccuracy < best), "every epoch reached the same validation accuracy; the test cannot tell the epochs apart");
        }

        [TorchFact]
        public void EarlyStoppingStopsAfterThePatience()
        {
            var ml = new MLContext(seed: 1);
            var train = ml.Data.LoadFromEnumerable(SyntheticSpectrograms.MakeRows(48, seed: 32, signal: 0.35f));
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = 30, BatchSize = 8, LearningRate = 2e-2, Seed = 4, Device = TrainingDevice.Cpu,
                ValidationFraction = 0.25, GroupColumnName = "Song", EarlyStoppingPatience = 2, RecipeSettings = RecipeSettings.Paper(),
            };
            var history = ModelOf(Pipeline(ml, options).Fit(train)).TrainingHistory;
            int bestEpoch = history.First(h => h.ValidationAccuracy == history.Max(x => x.ValidationAccuracy)).Epoch;
            Assert.True(history.Count < 30, $"ran all {history.Count} epochs");
            Assert.True(history.Count - bestEpoch <= 2, $"stopped at {history.Count}, best {bestEpoch}");
        }

        [Fact]
        public void WarmupThenCosineSchedule()
        {
            var recipe = new RecipeSettings { WarmupFraction = 0.1, CosineDecay = true };
            const long total = 100;
            Assert.Equal(0.1, SpectrogramClassificationTrainer.LearningRateAt(0, total, recipe, 1.0), 12);
            Assert.Equal(0.5, SpectrogramClassificationTrainer.LearningRateAt(4, total, recipe, 1.0), 12);
            Assert.Equal(1.0, SpectrogramClassificationTrainer.LearningRateAt(9, total, recipe, 1.0), 12);
            Assert.Equal(1.0, SpectrogramClassificationTrainer.LearningRateAt(10, total, recipe, 1.0), 12);
            Assert.Equal(0.5, SpectrogramClassificationTrainer.LearningRateAt(55, total, recipe, 1.0), 12);
            Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 89 / 90.0)), SpectrogramClassificationTrainer.LearningRateAt(99, total, recipe, 1.0), 12);
            Assert.Equal(2e-3, SpectrogramClassificationTrainer.LearningRateAt(50, total, new RecipeSettings(), 2e-3), 15);
        }

        private static float[] Ramp(int n, int bins, int frames)
        {
            var values = new float[n * bins * frames];
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)Math.Sin(i * 0.37) * 10 - 40;
            return values;
        }

        [TorchFact]
        public void AugmentationIsDeterministicUnderASeed()
        {
            var settings = RecipeSettings.WithAugmentation();
            using var x = torch.tensor(Ramp(4, 16, 40), new long[] { 4, 16, 40 });
            var normalization = new InputNormalization(Enumerable.Repeat(-40f, 16).ToArray(), Enumerable.Repeat(10f, 16).ToArray());
            float[] Run(int seed)
            {
                var augmenter = new SpectrogramAugmenter(settings, seed);
                using var first = augmenter.Augment(x, normalization, out _);
                using var second = augmenter.Augment(x, normalization, out _);
                return first.data<float>().ToArray().Concat(second.data<float>().ToArray()).ToArray();
            }
            var a = Run(5);
            Assert.Equal(a, Run(5));
            Assert.NotEqual(a, Run(6));
            // Two successive batches of one augmenter differ (the stream moves on).
            Assert.NotEqual(a.Take(a.Length / 2), a.Skip(a.Length / 2));
        }

        [TorchFact]
        public void GainAddsOneOffsetPerClipWithinTheRange()
        {
            var settings = new RecipeSettings { GainDb = 6 };
            var input = Ramp(3, 8, 20);
            using var x = torch.tensor(input, new long[] { 3, 8, 20 });
            using var y = new SpectrogramAugmenter(settings, 1).Augment(x, null, out var mix);
            Assert.Null(mix);
            var output = y.data<float>().ToArray();
            for (int i = 0; i < 3; i++)
            {
                float offset = output[i * 160] - input[i * 160];
                Assert.InRange(offset, -6f, 6f);
                for (int k = 0; k < 160; k++)
                    Assert.Equal(offset, output[i * 160 + k] - input[i * 160 + k], 3);
            }
        }

        [TorchFact]
        public void TimeShiftRollsEachClipAlongTime()
        {
            var settings = new RecipeSettings { TimeShiftFraction = 1.0 };
            var input = Ramp(2, 4, 30);
            using var x = torch.tensor(input, new long[] { 2, 4, 30 });
            using var y = new SpectrogramAugmenter(settings, 2).Augment(x, null, out _);
            var output = y.data<float>().ToArray();
            for (int i = 0; i < 2; i++)
            {
                // Some shift k makes every bin of the clip the input rolled by k frames.
                bool found = Enumerable.Range(0, 30).Any(k => Enumerable.Range(0, 4).All(b => Enumerable.Range(0, 30)
                    .All(t => output[(i * 4 + b) * 30 + (t + k) % 30] == input[(i * 4 + b) * 30 + t])));
                Assert.True(found, $"clip {i} is not a circular time shift of the input");
            }
        }

        [TorchFact]
        public void MasksZeroWholeBinsAndFramesOfTheStandardisedInput()
        {
            var settings = new RecipeSettings { FrequencyMasks = 1, FrequencyMaskFraction = 0.5, TimeMasks = 1, TimeMaskFraction = 0.5 };
            var ones = Enumerable.Repeat(1f, 8 * 16 * 20).ToArray();
            using var x = torch.tensor(ones, new long[] { 8, 16, 20 });
            var identity = new InputNormalization(new float[16], Enumerable.Repeat(1f, 16).ToArray());
            using var y = new SpectrogramAugmenter(settings, 3).Augment(x, identity, out _);
            var output = y.data<float>().ToArray();
            Assert.All(output, v => Assert.True(v == 0f || v == 1f));
            Assert.Contains(0f, output);
            for (int i = 0; i < 8; i++)
            {
                // A zero is explained by a fully zero bin or a fully zero frame of that clip.
                for (int b = 0; b < 16; b++)
                    for (int t = 0; t < 20; t++)
                        if (output[(i * 16 + b) * 20 + t] == 0f)
                        {
                            bool bin = Enumerable.Range(0, 20).All(u => output[(i * 16 + b) * 20 + u] == 0f);
                            bool frame = Enumerable.Range(0, 16).All(c => output[(i * 16 + c) * 20 + t] == 0f);
                            Assert.True(bin || frame);
                        }
                int zeroBins = Enumerable.Range(0, 16).Count(b => Enumerable.Range(0, 20).All(u => output[(i * 16 + b) * 20 + u] == 0f));
                Assert.InRange(zeroBins, 0, 8);
            }
        }

        [TorchFact]
        public void MixupIsAConvexMixWithAPermutation()
        {
            var settings = new RecipeSettings { MixupAlpha = 0.4 };
            var input = Ramp(5, 3, 7);
            using var x = torch.tensor(input, new long[] { 5, 3, 7 });
            using var y = new SpectrogramAugmenter(settings, 4).Augment(x, null, out var mix);
            Assert.NotNull(mix);
            Assert.InRange(mix.Lambda, 0.0, 1.0);
            Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), mix.Permutation.OrderBy(p => p));
            var output = y.data<float>().ToArray();
            for (int i = 0; i < 5; i++)
                for (int k = 0; k < 21; k++)
                    Assert.Equal(mix.Lambda * input[i * 21 + k] + (1 - mix.Lambda) * input[mix.Permutation[i] * 21 + k], output[i * 21 + k], 3);
        }

        private static RecipeSettings NoValidation(RecipeSettings settings)
        {
            settings.ValidationFraction = 0;
            return settings;
        }

        [TorchFact]
        public void RecommendedRecipeLearnsTheSyntheticBands()
        {
            var ml = new MLContext(seed: 1);
            var train = SyntheticSpectrograms.Load(ml, 64, seed: 1);
            var test = SyntheticSpectrograms.Load(ml, 32, seed: 2);
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = 8, BatchSize = 8, LearningRate = 3e-3, Seed = 11, Device = TrainingDevice.Cpu,
                Recipe = TrainingRecipe.Recommended, GroupColumnName = "Song",
                // 16 songs: a one-in-seven validation split would be two songs, too few to pick an epoch by.
                RecipeSettings = NoValidation(RecipeSettings.For(TrainingRecipe.Recommended)),
            };
            var model = Pipeline(ml, options).Fit(train);
            Assert.NotNull(ModelOf(model).Normalization);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
            Assert.True(metrics.MicroAccuracy >= 0.75, $"held-out accuracy {metrics.MicroAccuracy:F3} (chance 0.25)");
        }
    }
}
