using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Models
{
    /// <summary><see cref="EmotionModel"/> on the version-1 fixture zips (TestData/models-v1: 0.5-s clips at 8 kHz,
    /// LogStft n_fft=64, hop 32, four classes).</summary>
    [Collection(Trainers.TorchTrainingCollection.Name)]
    public class EmotionModelTests
    {
        private const int Rate = 8000;
        private static readonly string s_directory = Path.Combine(AppContext.BaseDirectory, "TestData", "models-v1");

        private static string Fixture(string name) => Path.Combine(s_directory, name + ".zip");

        private static float[] Song(double seconds, int rate)
        {
            // Four tones in turn, so that clips differ and a misplaced offset changes the scores.
            int n = (int)Math.Round(seconds * rate);
            var samples = new float[n];
            for (int i = 0; i < n; i++)
            {
                double f = 300 + 400 * (int)(4.0 * i / n);
                samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * f * i / rate) + 0.1 * Math.Sin(2 * Math.PI * 97 * i / rate));
            }
            return samples;
        }

        [TorchTheory]
        [InlineData("inception-gru", NetworkArchitecture.InceptionGruResidual)]
        [InlineData("multi-kernel-cnn", NetworkArchitecture.MultiKernelCnn)]
        public void SavedFixture_GivesClassesClipDurationSampleRateAndArchitecture(string name, NetworkArchitecture architecture)
        {
            var model = EmotionModel.Load(Fixture(name));
            Assert.Equal(new[] { "angry", "happy", "sad", "tender" }, model.Classes);
            Assert.Equal(0.5, model.ClipDuration);
            Assert.Equal(Rate, model.SampleRate);
            Assert.Equal(architecture, model.Architecture);
            Assert.StartsWith($"{architecture} network, input [33, 126]", model.Description);
            Assert.EndsWith("4 classes (angry, happy, sad, tender), 0.5 s clips at 8000 Hz", model.Description);
            Assert.Equal(32.0 / Rate, model.MinimumHopSeconds);
        }

        [TorchTheory]
        [InlineData("inception-gru")]
        [InlineData("multi-kernel-cnn")]
        public void PredictOfOneClipFiles_EqualsTheScoresSavedWithTheFixture_AndSaveReloadsInAFreshProcess(string name)
        {
            var expected = File.ReadAllLines(Path.Combine(s_directory, name + ".scores.txt"))
                .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
                .ToArray();
            using var files = new AudioTestFiles();
            var probes = Enumerable.Range(0, 4)
                .Select(i => files.Write($"probe{i}.wav", AudioTestFiles.Sine(4000, 350 + 400 * i, Rate), Rate)).ToArray();
            // The fixtures hold Float32 scores.
            var model = EmotionModel.Load(Fixture(name));
            model.UseBFloat16 = false;
            var predictions = probes.Select(model.Predict).ToArray();
            Assert.Equal(expected, predictions.SelectMany(p => p.Probabilities));
            Assert.All(predictions, p => Assert.Single(p.Segments));
            Assert.Equal(predictions.Select(p => model.Classes[ArgMax(p.Probabilities)]), predictions.Select(p => p.PredictedLabel));

            // Saved again by EmotionModel.Save, the zip scores the same in a process that never loaded the fixture.
            var saved = files.PathOf("saved.zip");
            model.Save(saved);
            var ml = new MLContext(seed: 1);
            var probe = ml.Data.LoadMusicClips(probes.Select((p, i) => new MusicClip { Path = p, Label = "angry", Song = $"p{i}" }).ToList());
            Assert.Equal(expected, FreshProcessScorer.Score(ml, saved, probe, "Score", float32: true));
            var reloaded = EmotionModel.Load(saved);
            reloaded.UseBFloat16 = false;
            Assert.Equal(expected, probes.SelectMany(p => reloaded.Predict(p).Probabilities));
        }

        [TorchFact]
        public void FileStreamAndSamples_GiveTheSameProbabilities()
        {
            using var files = new AudioTestFiles();
            var song = Song(2.3, Rate);
            var path = files.Write("song.wav", song, Rate, floatingPoint: true);
            var model = EmotionModel.Load(Fixture("inception-gru"));
            model.UseBFloat16 = false;

            var fromFile = model.Predict(path);
            EmotionPrediction fromStream;
            using (var stream = File.OpenRead(path))
                fromStream = model.Predict(stream);
            var fromSamples = model.Predict(song, Rate);

            // 2.3 s in 0.5-s clips wholly inside the audio: 0, 0.5, 1, 1.5 s.
            Assert.Equal(new[] { 0, 0.5, 1, 1.5 }, fromFile.Segments.Select(s => s.Start));
            Assert.Equal(path, fromFile.Path);
            Assert.Null(fromStream.Path);
            Assert.Null(fromSamples.Path);
            foreach (var other in new[] { fromStream, fromSamples })
            {
                Assert.Equal(fromFile.PredictedLabel, other.PredictedLabel);
                Assert.Equal(fromFile.Segments.Select(s => s.Start), other.Segments.Select(s => s.Start));
                AssertClose(fromFile.Probabilities, other.Probabilities);
                for (int s = 0; s < fromFile.Segments.Count; s++)
                    AssertClose(fromFile.Segments[s].Probabilities, other.Segments[s].Probabilities);
                Assert.Equal(fromFile.RmsDbfs, other.RmsDbfs, 6);
            }
            // The file's probabilities are the mean of its clips'.
            for (int c = 0; c < model.Classes.Count; c++)
                Assert.Equal(fromFile.Segments.Average(s => (double)s.Probabilities[c]), fromFile.Probabilities[c], 6);
            Assert.Equal(fromFile.Probabilities[1], fromFile.GetProbability("happy"));
            Assert.False(fromFile.IsSilent);

            // At another rate the buffer is resampled as the decoder resamples the file of the same audio.
            var song16k = Song(2.3, 16000);
            var path16k = files.Write("song16k.wav", song16k, 16000, floatingPoint: true);
            AssertClose(model.Predict(path16k).Probabilities, model.Predict(song16k, 16000).Probabilities);

            // A buffer shorter than a clip is looped to one clip, as LoadAudio loops a short file.
            var shortSong = song.AsSpan(0, 1500).ToArray();
            var shortFile = files.Write("short.wav", shortSong, Rate, floatingPoint: true);
            var shortPrediction = model.Predict(shortSong, Rate);
            Assert.Single(shortPrediction.Segments);
            AssertClose(model.Predict(shortFile).Probabilities, shortPrediction.Probabilities);
        }

        [TorchFact]
        public void Timeline_HasOneSegmentPerHopWhollyInsideTheFile_OrOneMoreWithThePartialClip()
        {
            using var files = new AudioTestFiles();
            var path = files.Write("song.wav", Song(3.0, Rate), Rate);
            var model = EmotionModel.Load(Fixture("multi-kernel-cnn"));

            var timeline = model.PredictTimeline(path, hopSeconds: 0.25);
            // floor((3 - 0.5) / 0.25) + 1 = 11 clips starting every 0.25 s, the last one ending at 3 s.
            Assert.Equal(Enumerable.Range(0, 11).Select(k => k * 0.25), timeline.Segments.Select(s => s.Start));
            Assert.All(timeline.Segments, s => Assert.Equal(s.Start + 0.5, s.End));
            Assert.All(timeline.Segments, s => Assert.Equal(1f, s.Probabilities.Sum(), 4));
            var withTail = model.PredictTimeline(path, hopSeconds: 0.25, includePartialClip: true);
            Assert.Equal(12, withTail.Segments.Count);
            Assert.Equal(2.75, withTail.Segments[^1].Start);
            Assert.Equal(6, model.PredictTimeline(path, hopSeconds: null).Segments.Count);
            // A segment of the timeline is the clip Predict scores at the same offset.
            AssertClose(model.Predict(path).Segments[2].Probabilities, timeline.Segments[4].Probabilities);

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictTimeline(path, hopSeconds: 0.001));
            Assert.Contains("hopSeconds=0.001 must be at least one STFT hop of the model (0.004 s)", e.Message);
        }

        [TorchFact]
        public void PredictFiles_OnFourThreads_EqualsSerialPredict_AndConcurrentPredictCallsDoToo()
        {
            using var files = new AudioTestFiles();
            var paths = Enumerable.Range(0, 12).Select(i => files.Write($"f{i}.wav", Song(0.7 + 0.2 * (i % 5), Rate + 0)
                .Select((x, n) => x * (float)(0.5 + 0.04 * i)).ToArray(), Rate)).ToArray();
            var model = EmotionModel.Load(Fixture("inception-gru"));
            var serial = paths.Select(model.Predict).ToArray();

            var parallel = model.PredictFiles(paths, maxDegreeOfParallelism: 4);
            Assert.Equal(paths, parallel.Select(p => p.Path));
            for (int i = 0; i < paths.Length; i++)
            {
                Assert.Null(parallel[i].Error);
                Assert.Equal(serial[i].Probabilities, parallel[i].Probabilities);
                Assert.Equal(serial[i].Segments.SelectMany(s => s.Probabilities), parallel[i].Segments.SelectMany(s => s.Probabilities));
            }

            var concurrent = new EmotionPrediction[paths.Length];
            Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = model.Predict(paths[i]));
            for (int i = 0; i < paths.Length; i++)
                Assert.Equal(serial[i].Probabilities, concurrent[i].Probabilities);
        }

        [TorchFact]
        public void PredictFiles_ReportsUnreadableFiles_AndScoresTheOthers()
        {
            using var files = new AudioTestFiles();
            var good = files.Write("good.wav", Song(1.2, Rate), Rate);
            var missing = files.PathOf("missing.wav");
            var text = files.WriteText("text.wav", "not audio\n");
            var empty = files.WriteText("empty.wav", "");
            var model = EmotionModel.Load(Fixture("inception-gru"));

            var results = model.PredictFiles(new[] { good, missing, text, good, empty }, maxDegreeOfParallelism: 2);
            Assert.Equal(5, results.Count);
            Assert.Null(results[0].Error);
            Assert.Equal(results[0].Probabilities, results[3].Probabilities);
            foreach (var (index, path) in new[] { (1, missing), (2, text), (4, empty) })
            {
                var error = results[index].Error;
                Assert.NotNull(error);
                Assert.Equal(path, error.Path);
                Assert.StartsWith($"Audio file '{path}'", error.Reason);
                Assert.Null(results[index].PredictedLabel);
                Assert.Empty(results[index].Probabilities);
                Assert.Empty(results[index].Segments);
            }
            Assert.Throws<InvalidOperationException>(() => results[1].GetProbability("happy"));

            // Without skipping, the first bad file's own exception comes through.
            Assert.Throws<FileNotFoundException>(() => model.PredictFiles(new[] { good, missing }, 1, skipUnreadableFiles: false));
            Assert.Throws<FileNotFoundException>(() => model.Predict(missing));
            var bad = Assert.Throws<InvalidDataException>(() =>
            {
                using var stream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes("not audio at all\n"));
                model.Predict(stream);
            });
            Assert.StartsWith("The audio stream ", bad.Message);
        }

        [Fact]
        public void Load_NamesTheFileAndTheRule()
        {
            using var files = new AudioTestFiles();
            var missing = files.PathOf("none.zip");
            Assert.Equal($"Model {missing} not found.", Assert.Throws<FileNotFoundException>(() => EmotionModel.Load(missing)).Message);
            Assert.Contains("is a folder", Assert.Throws<FileNotFoundException>(() => EmotionModel.Load(files.Folder)).Message);
            var text = files.WriteText("text.zip", "not a zip");
            Assert.StartsWith($"Model {text} is not a readable ML.NET model zip",
                Assert.Throws<InvalidDataException>(() => EmotionModel.Load(text)).Message);

            // A model that does not start from audio paths is refused with the reason.
            var ml = new MLContext(seed: 0);
            var data = ml.Data.LoadFromEnumerable(new[] { new Row { Label = "happy" } });
            var noAudio = files.PathOf("no-audio.zip");
            ml.Model.Save(ml.Transforms.Conversion.MapValueToKey("Label").Fit(data), data.Schema, noAudio);
            using var stream = File.OpenRead(noAudio);
            Assert.StartsWith("Model stream has no LoadAudio step", Assert.Throws<InvalidDataException>(() => EmotionModel.Load(stream)).Message);
        }

        [Fact]
        public void Samples_OutOfRange_AreRefusedByName()
        {
            var model = EmotionModel.Load(Fixture("multi-kernel-cnn"));
            Assert.Equal("sampleRate", Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(new float[100], 10)).ParamName);
            Assert.Equal("samples", Assert.Throws<ArgumentException>(() => model.Predict(Array.Empty<float>(), Rate)).ParamName);
            var e = Assert.Throws<ArgumentException>(() => model.Predict(new[] { 0f, float.NaN }, Rate));
            Assert.Contains("samples[1]=NaN must be a finite number", e.Message);
        }

        private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
        {
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"[{i}]: {expected[i]} vs {actual[i]}");
        }

        private static int ArgMax(IReadOnlyList<float> values)
            => Enumerable.Range(0, values.Count).Aggregate((a, b) => values[b] > values[a] ? b : a);

        private sealed class Row
        {
            public string Label { get; set; }
        }
    }
}
