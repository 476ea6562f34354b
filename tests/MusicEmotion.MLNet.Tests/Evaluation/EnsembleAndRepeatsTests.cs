using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Tests.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    /// <summary>Late-fusion ensembles and repeated k-fold in the comparison.</summary>
    public sealed class EnsembleAndRepeatsTests
    {
        private static readonly string[] s_classes = { "angry", "happy", "sad", "tender" };

        [Fact]
        public void NormalizeDividesNonNegativeScoresBySumAndSoftmaxesMargins()
        {
            Assert.Equal(new[] { 0.25f, 0.75f }, EnsembleMethod.Normalize(new[] { 1f, 3f }));
            var margins = EnsembleMethod.Normalize(new[] { -1f, 1f });
            Assert.Equal(1 / (1 + MathF.Exp(2)), margins[0], 6);
            Assert.Equal(1f, margins.Sum(), 6);
            // A class the fold never trained on (NaN) gets probability 0.
            Assert.Equal(new[] { 0f, 1f }, EnsembleMethod.Normalize(new[] { float.NaN, 2f }));
        }

        [Fact]
        public void CombineAveragesTheMembersProbabilitiesAndScoresTheArgMax()
        {
            // Row 0 (angry): member A says angry 0.6, B says happy 0.9 -> mean happy 0.5 vs angry 0.35: wrong.
            // Row 1 (sad): A sad 0.4, B sad 0.4 -> sad: right.
            var a = Fold(new[] { new[] { 0.6f, 0.2f, 0.1f, 0.1f }, new[] { 0.3f, 0.1f, 0.4f, 0.2f } }, train: 2, predict: 0.5);
            var b = Fold(new[] { new[] { 0.1f, 0.8f, 0.05f, 0.05f }, new[] { 0.1f, 0.2f, 0.4f, 0.3f } }, train: 3, predict: 0.25);
            var combined = EnsembleMethod.Combine(new[] { a, b }, s_classes, new[] { "angry", "sad" });
            Assert.Equal(0.5, combined.Scores.Accuracy, 9);
            Assert.Equal(1, combined.Scores.Counts[0, 1]);
            Assert.Equal(1, combined.Scores.Counts[2, 2]);
            var expected = new[] { 0.35f, 0.5f, 0.075f, 0.075f };
            for (int c = 0; c < 4; c++)
                Assert.Equal(expected[c], combined.Probabilities[0][c], 6);
            Assert.Equal(5, combined.TrainSeconds, 9);
            Assert.Equal(0.75, combined.PredictSeconds, 9);
            Assert.Equal(new ModelCost(20, 40), combined.Cost);
        }

        [Fact]
        public void EnsemblesNeedTwoTrainedMembers()
        {
            Assert.Throws<ArgumentException>(() => EnsembleMethod.Create("e", "e", ComparisonMethods.Svm));
            Assert.Throws<ArgumentException>(() => EnsembleMethod.Create("e", "e", ComparisonMethods.Svm, ComparisonMethods.Ensemble));
            Assert.Throws<ArgumentException>(() => EnsembleMethod.Create("e", "e", ComparisonMethods.Svm, ComparisonMethods.Svm));
        }

        [Fact]
        public void RepeatedFoldsSplitAgainAndTheEnsembleFollowsItsMembers()
        {
            using var folder = new TempFolder();
            var manifest = DemoCorpus.Generate(Path.Combine(folder.Root, "corpus"), clipsPerClass: 6, seconds: 2, sampleRate: 8000);
            var clips = AudioManifestReader.Read(manifest);
            var shallow = EnsembleMethod.Create("svm-lightgbm", "SVM + LightGBM", ComparisonMethods.Svm, ComparisonMethods.LightGbm);
            var options = new ComparisonOptions
            {
                Folds = 2,
                Repeats = 3,
                SampleRate = 8000,
                Duration = 2,
                FftSize = 256,
                HopLength = 128,
                Methods = ComparisonMethods.Resolve(new[] { "svm" }).Concat(new ComparisonMethod[] { ComparisonMethods.LightGbm, shallow }).ToArray(),
                CacheDirectory = Path.Combine(folder.Root, "cache"),
            };
            var result = ComparisonExperiment.Run(clips, options);

            Assert.Equal(3, result.Methods.Count);
            foreach (var method in result.Methods)
            {
                Assert.Null(method.SkipReason);
                Assert.Equal(6, method.Folds.Count);
                Assert.Equal(new[] { 0, 0, 1, 1, 2, 2 }, method.Folds.Select(f => f.Repeat));
                Assert.Equal(6, method.Accuracy.Count);
                // Every repeat tests every clip once.
                for (int r = 0; r < 3; r++)
                    Assert.Equal(clips.Count, method.Folds.Where(f => f.Repeat == r).Sum(f => f.TestRows));
            }
            // Different seeds give different splits.
            var svm = result.Methods[0];
            Assert.NotEqual(svm.Folds[0].TestSongs.OrderBy(s => s), svm.Folds[2].TestSongs.OrderBy(s => s));
            // The ensemble's folds are the average of its members' probabilities, fold by fold.
            var lightGbm = result.Methods[1];
            var ensemble = result.Methods[2];
            for (int i = 0; i < 6; i++)
            {
                for (int row = 0; row < ensemble.Folds[i].TestRows; row++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        Assert.Equal((svm.Folds[i].Probabilities[row][c] + lightGbm.Folds[i].Probabilities[row][c]) / 2,
                            ensemble.Folds[i].Probabilities[row][c], 5);
                    }
                    Assert.Equal(1f, svm.Folds[i].Probabilities[row].Sum(), 4);
                }
            }
        }

        [Fact]
        public void RepeatsMustBePositive()
        {
            var clips = Enumerable.Range(0, 4).Select(i => new MusicClip { Path = $"/x/{i}.wav", Label = i % 2 == 0 ? "happy" : "sad", Song = $"s{i}" }).ToArray();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonExperiment.Run(clips, new ComparisonOptions { Folds = 2, Repeats = 0 }));
            Assert.Contains("Repeats=0", e.Message);
        }

        private static FoldResult Fold(float[][] probabilities, double train, double predict) => new FoldResult
        {
            Fold = 0,
            TrainSongs = new[] { "x" },
            TestSongs = new[] { "a", "b" },
            TrainRows = 1,
            TestRows = 2,
            TrainSeconds = train,
            PredictSeconds = predict,
            Probabilities = probabilities,
            Cost = new ModelCost(10, 20),
        };
    }
}
