using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    /// <summary><see cref="EvaluationReport"/>: per-file figures (each file the mean of its clips) and per-clip figures,
    /// rows matched by position, unreadable rows left out without moving other rows' labels.</summary>
    [Collection(Trainers.TorchTrainingCollection.Name)]
    public class EvaluationReportTests
    {
        private static readonly string[] s_classes = { "angry", "happy", "sad", "tender" };

        /// <summary>A file's prediction made as ClipScorer makes it: the clips' probabilities and their mean.</summary>
        private static EmotionPrediction File(string path, params float[][] clips)
        {
            var segments = clips.Select((p, i) => new EmotionPrediction(path, s_classes, 1, i, i + 1,
                s_classes[ClipAveraging.ArgMax(p)], p, Array.Empty<EmotionPrediction>(), -20)).ToArray();
            var mean = ClipAveraging.MeanProbabilities(clips, s_classes.Length);
            return new EmotionPrediction(path, s_classes, 1, 0, clips.Length, s_classes[ClipAveraging.ArgMax(mean)], mean, segments, -20);
        }

        private static EmotionPrediction Unreadable(string path)
            => new EmotionPrediction(path, s_classes, 1, 0, 0, null, Array.Empty<float>(), Array.Empty<EmotionPrediction>(), double.NaN,
                new AudioFileError(path, $"Audio file '{path}' is not audio."));

        [Fact]
        public void PerFileAveragesClips_PerClipScoresEachClip_AndAnUnreadableRowMovesNoLabel()
        {
            var predictions = new[]
            {
                // happy, 3 clips: only the first says happy, but the mean does (0.5 against sad's 0.417).
                File("a.wav", new[] { 0.05f, 0.9f, 0.05f, 0f }, new[] { 0.05f, 0.3f, 0.6f, 0.05f }, new[] { 0.05f, 0.3f, 0.6f, 0.05f }),
                // sad, shorter than a clip: one clip.
                File("b.wav", new[] { 0.1f, 0.1f, 0.7f, 0.1f }),
                // angry, unreadable: left out. Were its label given to the next row, d.wav would count as right.
                Unreadable("c.wav"),
                // tender, 2 clips both saying angry.
                File("d.wav", new[] { 0.6f, 0f, 0f, 0.4f }, new[] { 0.6f, 0f, 0f, 0.4f }),
            };
            var labels = new[] { "happy", "sad", "angry", "tender" };
            var report = EvaluationReport.FromPredictions(s_classes, 1, labels, predictions);

            Assert.Equal(new[] { "a.wav", "b.wav", "d.wav" }, report.Files.Select(f => f.Path));
            Assert.Equal(new[] { 0, 1, 3 }, report.Files.Select(f => f.Row));
            Assert.Equal(new[] { "happy", "sad", "tender" }, report.Files.Select(f => f.Label));
            Assert.Equal(new[] { 3, 1, 2 }, report.Files.Select(f => f.Clips));
            Assert.Equal("c.wav", Assert.Single(report.Rejected).Path);

            Assert.Equal(3, report.PerFile.Rows);
            Assert.Equal(2.0 / 3, report.PerFile.Accuracy, 12);
            Assert.Equal(6, report.PerClip.Rows);
            Assert.Equal(6, report.Clips);
            Assert.Equal(2.0 / 6, report.PerClip.Accuracy, 12);
            // Macro accuracy over the classes present (happy, sad, tender), as ML.NET: files 1, 1, 0; clips 1/3, 1, 0.
            Assert.Equal(2.0 / 3, report.PerFile.MacroAccuracy, 12);
            Assert.Equal((1.0 / 3 + 1) / 3, report.PerClip.MacroAccuracy, 12);
            // Log-loss of the true class: per file the mean's probability, per clip each clip's.
            Assert.Equal((-Math.Log(0.5f) - Math.Log(0.7f) - Math.Log(0.4f)) / 3, report.PerFile.LogLoss, 5);
            Assert.Equal((-Math.Log(0.9f) - 2 * Math.Log(0.3f) - Math.Log(0.7f) - 2 * Math.Log(0.4f)) / 6, report.PerClip.LogLoss, 5);
            // Confusion per file: happy->happy, sad->sad, tender->angry; per clip happy->happy 1, happy->sad 2, ...
            Assert.Equal(1, report.PerFile.Scores.Counts[1, 1]);
            Assert.Equal(1, report.PerFile.Scores.Counts[2, 2]);
            Assert.Equal(1, report.PerFile.Scores.Counts[3, 0]);
            Assert.Equal(2, report.PerClip.Scores.Counts[1, 2]);
            Assert.Equal(2, report.PerClip.Scores.Counts[3, 0]);
            // Per-file macro F1: happy 1, sad 1, tender 0, angry 0 (predicted once, never true) = 0.5.
            Assert.Equal(0.5, report.PerFile.Scores.MacroF1, 12);
            // Per clip: happy P 1 R 1/3 F1 0.5; sad P 1/3 R 1 F1 0.5; angry 0; tender 0 = 0.25.
            Assert.Equal(0.25, report.PerClip.Scores.MacroF1, 12);
        }

        [Fact]
        public void TheSameFileOnTwoRows_IsTwoPredictions_AndAnUnreadableFileIsListedOnce()
        {
            var clip = new[] { 0.1f, 0.7f, 0.1f, 0.1f };
            var report = EvaluationReport.FromPredictions(s_classes, 1, new[] { "happy", "sad", "angry", "tender" },
                new[] { File("a.wav", clip), File("a.wav", clip), Unreadable("c.wav"), Unreadable("c.wav") });
            Assert.Equal(2, report.PerFile.Rows);
            Assert.Equal(0.5, report.PerFile.Accuracy, 12);
            Assert.Equal("c.wav", Assert.Single(report.Rejected).Path);
        }

        [Fact]
        public void ALabelThatIsNotAClass_IsAnErrorNamingTheRowAndFile()
        {
            var e = Assert.Throws<InvalidDataException>(() => EvaluationReport.FromPredictions(s_classes, 1,
                new[] { "calm" }, new[] { File("a.wav", new[] { 0.1f, 0.7f, 0.1f, 0.1f }) }));
            Assert.Contains("Row 1 (a.wav) is labelled 'calm'", e.Message);
        }

        /// <summary>On the 0.5-s fixture model: a 1.3-s file is 2 clips (the 0.3-s tail is left out), a 0.3-s file one
        /// looped clip, a garbage file is rejected. Each file's probabilities are those <c>Predict</c> gives, and the
        /// per-clip metrics are ML.NET's evaluator on the clips ExpandToClips cuts, scored by the saved chain.</summary>
        [TorchFact]
        public void Evaluate_OnTheFixtureModel_MatchesPredictAndMlNetsEvaluatorOnTheClips()
        {
            using var files = new AudioTestFiles();
            const int rate = 8000;
            var ml = new MLContext(seed: 0);
            var model = EmotionModel.Load(ml, Path.Combine(AppContext.BaseDirectory, "TestData", "models-v1", "inception-gru.zip"));
            float[] Tones(double seconds, params double[] frequencies)
            {
                int n = (int)Math.Round(seconds * rate);
                return Enumerable.Range(0, n).Select(i => (float)(0.4 * Math.Sin(2 * Math.PI * frequencies[i * frequencies.Length / n] * i / rate))).ToArray();
            }
            var clips = new List<MusicClip>
            {
                new MusicClip { Path = files.Write("long1.wav", Tones(1.3, 300, 1500, 700), rate), Label = "happy", Song = "1" },
                new MusicClip { Path = files.Write("short.wav", Tones(0.3, 900), rate), Label = "sad", Song = "2" },
                new MusicClip { Path = files.WriteText("bad.wav", "not audio\n"), Label = "angry", Song = "3" },
                new MusicClip { Path = files.Write("long2.wav", Tones(1.25, 2500, 400), rate), Label = "tender", Song = "4" },
            };
            var data = ml.Data.LoadMusicClips(clips);

            var report = EvaluationReport.Evaluate(model, data, skipUnreadableFiles: true);

            Assert.Equal(new[] { 0, 1, 3 }, report.Files.Select(f => f.Row));
            Assert.Equal(new[] { "happy", "sad", "tender" }, report.Files.Select(f => f.Label));
            Assert.Equal(new[] { 2, 1, 2 }, report.Files.Select(f => f.Clips));
            Assert.Equal(clips[2].Path, Assert.Single(report.Rejected).Path);
            foreach (var file in report.Files)
                Assert.Equal(model.Predict(file.Path).Probabilities, file.Prediction.Probabilities);

            // The same clips through plain ML.NET: ExpandToClips, LoadAudio at each offset, the saved chain, the evaluator.
            var readable = ml.Data.LoadMusicClips(clips.Where((_, i) => i != 2).ToList());
            var expanded = ml.Data.ExpandToClips(readable, "Path", model.ClipDuration);
            var scored = model.AfterLoader.Transform(model.CreateLoader(expanded, false, MusicDataCatalog.ClipOffsetColumnName).Transform(expanded));
            var mlnet = ml.MulticlassClassification.Evaluate(scored, "Label", "Score");
            Assert.Equal(5, report.PerClip.Rows);
            Assert.Equal(mlnet.MicroAccuracy, report.PerClip.Accuracy, 12);
            Assert.Equal(mlnet.MacroAccuracy, report.PerClip.MacroAccuracy, 12);
            Assert.Equal(mlnet.LogLoss, report.PerClip.LogLoss, 6);
            Assert.Equal(mlnet.LogLossReduction, report.PerClip.LogLossReduction, 6);
            var counts = mlnet.ConfusionMatrix.Counts;
            for (int t = 0; t < 4; t++)
                for (int p = 0; p < 4; p++)
                    Assert.Equal((long)counts[t][p], report.PerClip.Scores.Counts[t, p]);

            // Per file: the arg max of each file's mean, counted against its own row's label.
            var clipScores = scored.GetColumn<float[]>("Score").ToArray();
            var means = new[] { clipScores.Take(2), clipScores.Skip(2).Take(1), clipScores.Skip(3) }
                .Select(g => Enumerable.Range(0, 4).Select(c => g.Average(s => (double)s[c])).ToArray()).ToArray();
            int[] truth = { 1, 2, 3 };
            double expected = Enumerable.Range(0, 3).Count(f => Array.IndexOf(means[f], means[f].Max()) == truth[f]) / 3.0;
            Assert.Equal(expected, report.PerFile.Accuracy, 12);
            double logLoss = Enumerable.Range(0, 3).Average(f => -Math.Log(Math.Max(1e-15, means[f][truth[f]])));
            Assert.Equal(logLoss, report.PerFile.LogLoss, 5);
        }

        [TorchFact]
        public void Evaluate_WithoutSkipping_ThrowsTheDecodersException_AndWithNoReadableFileFailsAnyway()
        {
            using var files = new AudioTestFiles();
            var ml = new MLContext(seed: 0);
            var model = EmotionModel.Load(ml, Path.Combine(AppContext.BaseDirectory, "TestData", "models-v1", "inception-gru.zip"));
            var bad = files.WriteText("bad.wav", "not audio\n");
            var data = ml.Data.LoadMusicClips(new[] { new MusicClip { Path = bad, Label = "angry", Song = "1" } });
            var e = Assert.Throws<InvalidDataException>(() => EvaluationReport.Evaluate(model, data));
            Assert.Contains(bad, e.Message);
            // Skipping, a data set none of whose files can be read has nothing to score: an error, not metrics of nothing.
            var none = Assert.Throws<InvalidDataException>(() => EvaluationReport.Evaluate(model, data, skipUnreadableFiles: true));
            Assert.StartsWith($"None of the 1 audio files could be read; the first: Audio file '{bad}'", none.Message);
        }
    }
}
