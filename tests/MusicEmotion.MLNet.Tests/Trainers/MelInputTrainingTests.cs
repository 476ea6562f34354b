using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    /// <summary>The spectrogram trainer on <c>MelSpectrogram</c>'s [128, frames] output instead of LogStft's 1025 bins.</summary>
    [Collection(TorchTrainingCollection.Name)]
    public class MelInputTrainingTests
    {
        private const int Samples = 32768; // 1.5 s at 22,050 Hz: 1 + 32768 / 512 = 65 frames

        private sealed class Clip
        {
            [VectorType(Samples)]
            public float[] Audio;

            public string Label;
        }

        [TorchFact]
        public void TheNetworkTrainsOneEpochOn128MelChannels()
        {
            var ml = new MLContext(seed: 1);
            var random = new Random(4);
            var tones = new[] { 220.0, 660.0, 1980.0, 5940.0 };
            var clips = new List<Clip>();
            for (int i = 0; i < 16; i++)
            {
                int c = i % 4;
                clips.Add(new Clip
                {
                    Label = SyntheticSpectrograms.ClassNames[c],
                    Audio = Enumerable.Range(0, Samples)
                        .Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * tones[c] * n / 22050) + 0.01 * (random.NextDouble() - 0.5))).ToArray(),
                });
            }
            var data = ml.Data.LoadFromEnumerable(clips);
            var options = new SpectrogramClassificationTrainer.Options
            {
                FeatureColumnName = "Mel",
                Epochs = 1,
                BatchSize = 8,
                Seed = 7,
                Device = TrainingDevice.Cpu,
            };
            var pipeline = ml.Transforms.MelSpectrogram("Mel", "Audio")
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(options));
            var model = pipeline.Fit(data);

            var scored = model.Transform(data);
            Assert.Equal(new[] { 128, 65 }, ((VectorDataViewType)scored.Schema["Mel"].Type).Dimensions.ToArray());
            var parameters = ((MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>)((IEnumerable<ITransformer>)model).Last()).Model;
            Assert.Single(parameters.TrainingHistory);
            Assert.True(double.IsFinite(parameters.TrainingHistory[0].Loss));
            Assert.Equal(InceptionGruResidualArchitecture.Paper.CountParameters(new NetworkShape(128, 65, 4)), parameters.ParameterCount);
            var scores = scored.GetColumn<float[]>("Score").ToArray();
            Assert.Equal(16, scores.Length);
            Assert.All(scores, s => Assert.Equal(1.0, s.Sum(), 3));
        }
    }
}
