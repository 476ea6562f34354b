using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>precision</c>: Float32 against BFloat16 training (MixedPrecision) of the paper's network on the tests' small
    /// synthetic band data (64 training and 32 held-out rows of [32, 64]), for both recipes over six seeds: held-out
    /// accuracy of each run, and of the same model scored in the other precision (training vs scoring effect).
    /// </summary>
    internal static class PrecisionTrainingBenchmark
    {
        private const int Bins = 32, Frames = 64;
        private static readonly string[] Names = { "angry", "happy", "sad", "tender" };

        public static int Run(string[] args)
        {
            var ml = new MLContext(1);
            var train = Load(ml, 64, 1);
            var test = Load(ml, 32, 2);
            foreach (var recipe in new[] { TrainingRecipe.Paper, TrainingRecipe.Recommended })
            {
                foreach (bool bf in new[] { false, true })
                {
                    var acc = new System.Collections.Generic.List<double>();
                    var other = new System.Collections.Generic.List<double>();
                    for (int seed = 11; seed < 17; seed++)
                    {
                        var settings = RecipeSettings.For(recipe);
                        settings.ValidationFraction = 0;
                        var options = new SpectrogramClassificationTrainer.Options
                        {
                            Epochs = 8, BatchSize = 8, LearningRate = 3e-3, Seed = seed, Device = TrainingDevice.Cpu,
                            Recipe = recipe, GroupColumnName = "Song", RecipeSettings = settings, UseBFloat16 = bf,
                        };
                        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(options)).Fit(train);
                        acc.Add(ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy);
                        ((MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>)model.LastTransformer).Model.UseBFloat16 = !bf;
                        other.Add(ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy);
                    }
                    Console.WriteLine($"{recipe} bf16={bf}: {string.Join(" ", acc.Select(a => a.ToString("F2")))} mean {acc.Average():F3}; scored in the other precision: {string.Join(" ", other.Select(a => a.ToString("F2")))}");
                }
            }
            return 0;
        }

        private static IDataView Load(MLContext ml, int rows, int seed)
        {
            var random = new Random(seed);
            var list = Enumerable.Range(0, rows).Select(i =>
            {
                int c = i % 4;
                var x = new float[Bins * Frames];
                for (int b = 0; b < Bins; b++)
                    for (int t = 0; t < Frames; t++)
                    {
                        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                        x[b * Frames + t] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2) * 0.5) + (b / 8 == c ? 1f : 0f);
                    }
                return new Row { Features = x, Label = Names[c], Song = $"{Names[c]}-{i / 16}" };
            }).ToList();
            return ml.Data.LoadFromEnumerable(list);
        }

        private sealed class Row
        {
            [VectorType(Bins, Frames)] public float[] Features;
            public string Label;
            public string Song;
        }
    }
}
