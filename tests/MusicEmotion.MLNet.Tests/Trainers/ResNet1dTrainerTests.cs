using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Tests.Infrastructure;
using TorchSharp;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    [Collection(TorchTrainingCollection.Name)]
    public class ResNet1dTrainerTests
    {
        private static readonly NetworkShape s_paper = new NetworkShape(1025, 1292, 4);

        [TorchFact]
        public void FullSizeParameterCountMatchesTheAnalyticCount()
        {
            using var network = ResNet1dArchitecture.ResNet18.CreateNetwork(s_paper);
            long parameters = network.parameters().Sum(p => p.numel());
            Assert.Equal(4_304_708, parameters);
            Assert.Equal(parameters, ResNet1dArchitecture.ResNet18.CountParameters(s_paper));
            Assert.Equal(1_036_674_304, ResNet1dArchitecture.ResNet18.CountForwardFlops(s_paper));
        }

        [TorchFact]
        public void TrainsSavesAndReloadsThroughTheSharedInfrastructure()
        {
            var ml = new MLContext(seed: 1);
            var toKey = ml.Transforms.Conversion.MapValueToKey("Label").Fit(SyntheticSpectrograms.Load(ml, 8, seed: 1));
            var train = toKey.Transform(SyntheticSpectrograms.Load(ml, 32, seed: 21));
            var test = toKey.Transform(SyntheticSpectrograms.Load(ml, 16, seed: 22));
            var model = ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
                {
                    Architecture = NetworkArchitecture.ResNet18,
                Epochs = 3,
                BatchSize = 16,
                LearningRate = 3e-3,
                Seed = 3,
                Device = TrainingDevice.Cpu,
            }).Fit(train);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
            Assert.True(metrics.MicroAccuracy >= 0.7, $"held-out accuracy {metrics.MicroAccuracy:F3} (chance 0.25)");
            Assert.Equal(NetworkArchitecture.ResNet18, model.Model.Architecture);
            Assert.Equal("ResNet18-1d", model.Model.Definition.Id);

            var path = Path.Combine(Path.GetTempPath(), $"resnet1d-{Guid.NewGuid():N}.zip");
            try
            {
                ml.Model.Save(model, train.Schema, path);
                Assert.Equal(FreshProcessScorer.ReadColumn(model.Transform(test), "Score"),
                    FreshProcessScorer.Score(ml, path, test, "Score"));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
