using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Tests.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using MusicEmotion.MLNet.Tests.Trainers;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    /// <summary>A 2-fold run of every method on a tiny demo corpus (4 classes × 6 two-second clips, two clips per song).</summary>
    [Collection(TorchTrainingCollection.Name)]
    public sealed class ComparisonExperimentTests
    {
        private const int Folds = 2;

        [TorchFact]
        public void TwoFoldRunWritesEveryReportAndReusesItsFeatureCache()
        {
            using var folder = new TempFolder();
            var clips = TinyCorpus(folder.Root);
            var lines = new List<string>();
            var options = Options(folder.Root, ComparisonMethods.All, lines);

            var result = ComparisonExperiment.Run(clips, options);

            Assert.False(result.FeatureCacheReused);
            Assert.Equal(new[] { "angry", "happy", "sad", "tender" }, result.ClassNames);
            Assert.Equal(129, result.Bins);
            // The default MIR summary with the zero-crossing rate: 12 descriptors, 40 MFCC, 24 chroma, 12 contrast (5
            // octave bands fit under 4 kHz), 4 rhythm, 6 dynamics.
            Assert.Equal(98, result.SummaryLength);
            Assert.Equal(ComparisonMethods.All.Count, result.Methods.Count);
            foreach (var method in result.Methods)
            {
                Assert.Null(method.SkipReason);
                Assert.Equal(Folds, method.Folds.Count);
                foreach (var fold in method.Folds)
                {
                    // No song on both sides, and every clip tested exactly once over the folds.
                    Assert.Empty(fold.TrainSongs.Intersect(fold.TestSongs));
                    Assert.Equal(clips.Count, fold.TrainRows + fold.TestRows);
                    foreach (var value in new[] { fold.Scores.Accuracy, fold.Scores.MacroPrecision, fold.Scores.MacroRecall, fold.Scores.MacroF1 }
                        .Concat(fold.Scores.Precision).Concat(fold.Scores.Recall).Concat(fold.Scores.F1))
                        Assert.InRange(value, 0, 1);
                    Assert.True(fold.TrainSeconds > 0);
                }
                Assert.Equal(clips.Count, method.Pooled.Support.Sum());
                Assert.InRange(method.Accuracy.Mean, 0, 1);
            }
            var deep = result.Methods.Single(m => m.Name == ComparisonMethods.InceptionGru.Name);
            Assert.True(deep.Cost.Parameters > 100_000);
            Assert.True(deep.Cost.Flops > deep.Cost.Parameters);
            var svm = result.Methods.Single(m => m.Name == ComparisonMethods.Svm.Name);
            Assert.Equal(4L * (result.SummaryLength + 1), svm.Cost.Parameters);
            Assert.Contains(lines, l => l.Contains("inception-gru fold 2/2", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("epoch 1/1", StringComparison.Ordinal));

            AssertReports(result, options.OutputDirectory);

            // Same clips and front end: the cache file is opened, not recomputed.
            var cacheTime = File.GetLastWriteTimeUtc(result.FeatureCachePath);
            var again = ComparisonExperiment.Run(clips, Options(folder.Root, new[] { ComparisonMethods.Svm }, new List<string>()));
            Assert.True(again.FeatureCacheReused);
            Assert.Equal(result.FeatureCachePath, again.FeatureCachePath);
            Assert.Equal(cacheTime, File.GetLastWriteTimeUtc(again.FeatureCachePath));
            Assert.True(again.FeatureSeconds < result.FeatureSeconds, $"reused {again.FeatureSeconds} s, computed {result.FeatureSeconds} s");
            Assert.Equal(result.Methods[0].Accuracy.Mean, again.Methods[0].Accuracy.Mean);

            // A different front end is a different cache.
            var other = Options(folder.Root, new[] { ComparisonMethods.Svm }, new List<string>());
            other.HopLength = 256;
            var third = ComparisonExperiment.Run(clips, other);
            Assert.False(third.FeatureCacheReused);
            Assert.NotEqual(result.FeatureCachePath, third.FeatureCachePath);
        }

        [TorchFact]
        public void ClipsPerFileTrainsOnEveryClipAndScoresEachFileOnce()
        {
            using var folder = new TempFolder();
            // 4-second files, 2-second clips: two whole clips per file.
            var manifest = DemoCorpus.Generate(Path.Combine(folder.Root, "corpus"), clipsPerClass: 6, seconds: 4, sampleRate: 8000);
            var files = AudioManifestReader.Read(manifest).Select(c => new MusicClip { Path = c.Path, Label = c.Label, Song = c.Path }).ToArray();
            var methods = new[] { ComparisonMethods.Svm, ComparisonMethods.RandomForest };
            var first = Options(folder.Root, methods, new List<string>());
            first.ClipsPerFile = 1;
            var single = ComparisonExperiment.Run(files, first);
            var options = Options(folder.Root, methods, new List<string>());
            options.ClipsPerFile = 3;
            var result = ComparisonExperiment.Run(files, options);

            Assert.NotEqual(single.FeatureCachePath, result.FeatureCachePath);
            Assert.Equal(files.Length, single.ClipRows);
            Assert.Equal(2 * files.Length, result.ClipRows);
            foreach (var (one, several) in single.Methods.Zip(result.Methods))
            {
                Assert.Equal(files.Length, several.Pooled.Support.Sum());
                for (int f = 0; f < Folds; f++)
                {
                    // Scored per file, trained on both clips of every training file (a third does not fit in 4 s).
                    Assert.Equal(one.Folds[f].TestRows, several.Folds[f].TestRows);
                    Assert.Equal(one.Folds[f].TrainRows * 2, several.Folds[f].TrainRows);
                    Assert.Equal(files.Length - several.Folds[f].TestRows, one.Folds[f].TrainRows);
                    Assert.All(several.Folds[f].Probabilities, p => Assert.Equal(1.0, p.Sum(), 4));
                }
            }
            var json = File.ReadAllText(Path.Combine(options.OutputDirectory, "run.json"));
            Assert.Contains("\"clipsPerFile\": 3", json, StringComparison.Ordinal);
        }

        private static void AssertReports(ComparisonResult result, string outDir)
        {
            var csv = File.ReadAllLines(Path.Combine(outDir, "folds.csv"));
            Assert.StartsWith("method,repeat,fold,train_rows,test_rows,accuracy", csv[0]);
            Assert.Equal(result.Methods.Count * Folds, csv.Length - 1);
            var header = csv[0].Split(',');
            foreach (var row in csv.Skip(1))
            {
                var cells = row.Split(',');
                Assert.Equal(header.Length, cells.Length);
                Assert.Equal("1", cells[1]);
                double accuracy = double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(accuracy, 0, 1);
            }

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
            Assert.Equal(2023, json.RootElement.GetProperty("seed").GetInt32());
            Assert.Equal("5.0.1", json.RootElement.GetProperty("versions").GetProperty("mlNet").GetString().Split('+')[0]);
            var methods = json.RootElement.GetProperty("methods");
            Assert.Equal(result.Methods.Count, methods.GetArrayLength());
            foreach (var method in methods.EnumerateArray())
            {
                var folds = method.GetProperty("folds");
                Assert.Equal(Folds, folds.GetArrayLength());
                Assert.Equal(4, folds[0].GetProperty("confusion").GetArrayLength());
            }

            var markdown = File.ReadAllText(Path.Combine(outDir, "comparison.md"));
            Assert.Equal(result.Markdown, markdown);
            foreach (var method in result.Methods)
            {
                Assert.Contains($"| {method.Description} | {method.Accuracy.ToPercentString()} |", markdown);
                Assert.Contains($"### {method.Description}: per class", markdown);
            }

            foreach (var method in result.Methods)
            {
                var png = File.ReadAllBytes(Path.Combine(outDir, $"confusion-{method.Name}.png"));
                Assert.True(png.Length > 5000, $"confusion-{method.Name}.png has only {png.Length} bytes");
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8).ToArray());
            }
        }

        private static ComparisonOptions Options(string root, IReadOnlyList<ComparisonMethod> methods, List<string> lines) => new ComparisonOptions
        {
            Folds = Folds,
            SampleRate = 8000,
            Duration = 2,
            FftSize = 256,
            HopLength = 128,
            Epochs = 1,
            BatchSize = 4,
            Methods = methods,
            OutputDirectory = Path.Combine(root, "out"),
            CacheDirectory = Path.Combine(root, "cache"),
            Progress = new SynchronousLines(lines),
        };

        /// <summary>Six 2-second clips per class; clips 2i and 2i+1 of a class share a song.</summary>
        private static IReadOnlyList<MusicClip> TinyCorpus(string root)
        {
            var manifest = DemoCorpus.Generate(Path.Combine(root, "corpus"), clipsPerClass: 6, seconds: 2, sampleRate: 8000);
            return AudioManifestReader.Read(manifest).Select(c => new MusicClip
            {
                Path = c.Path,
                Label = c.Label,
                Song = c.Label + "-song-" + (int.Parse(c.Song.Split('_')[1], System.Globalization.CultureInfo.InvariantCulture) / 2),
            }).ToArray();
        }

        private sealed class SynchronousLines : IProgress<string>
        {
            private readonly List<string> _lines;

            public SynchronousLines(List<string> lines) => _lines = lines;

            public void Report(string value)
            {
                lock (_lines)
                    _lines.Add(value);
            }
        }
    }
}
