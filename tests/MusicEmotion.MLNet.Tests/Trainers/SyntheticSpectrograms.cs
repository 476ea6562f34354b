using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    /// <summary>
    /// A tiny learnable set of [32 bins, 64 frames] "spectrograms": Gaussian noise plus energy in the frequency band of
    /// the class (bins 8c..8c+7), so a network that reads across channels separates the 4 classes easily.
    /// </summary>
    internal static class SyntheticSpectrograms
    {
        public const int Bins = 32;
        public const int Frames = 64;
        public static readonly string[] ClassNames = { "angry", "happy", "sad", "tender" };

        public sealed class Row
        {
            [VectorType(Bins, Frames)]
            public float[] Features;

            public string Label;

            public string Song;
        }

        /// <summary><paramref name="rows"/> rows cycling through <paramref name="classes"/> (indices into
        /// <see cref="ClassNames"/>); songs group 4 consecutive rows of a class.</summary>
        public static List<Row> MakeRows(int rows, int seed, int[] classes = null, float signal = 1f)
        {
            classes ??= new[] { 0, 1, 2, 3 };
            var random = new Random(seed);
            var result = new List<Row>(rows);
            for (int i = 0; i < rows; i++)
            {
                int c = classes[i % classes.Length];
                var x = new float[Bins * Frames];
                for (int b = 0; b < Bins; b++)
                {
                    float boost = b / 8 == c ? signal : 0f;
                    for (int t = 0; t < Frames; t++)
                        x[b * Frames + t] = (float)(Gaussian(random) * 0.5) + boost;
                }
                result.Add(new Row { Features = x, Label = ClassNames[c], Song = $"{ClassNames[c]}-{i / (4 * classes.Length)}" });
            }
            return result;
        }

        public static IDataView Load(MLContext ml, int rows, int seed, int[] classes = null)
            => ml.Data.LoadFromEnumerable(MakeRows(rows, seed, classes));

        private static double Gaussian(Random random)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
