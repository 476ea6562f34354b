using Microsoft.ML;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    [Collection(TorchTrainingCollection.Name)]
    public class SarkarVggTrainerTests
    {
        [TorchFact]
        public void FullSizeParameterAndFlopCountsArePinned()
            => BaselineTrainerChecks.AssertFullSizeCounts(Vgg1dArchitecture.Sarkar, 557_284, 428_740_864);

        [TorchFact]
        public void RunsOnShortInputs()
            => BaselineTrainerChecks.AssertForwardOnShortInput(Vgg1dArchitecture.Sarkar, 2);

        [TorchFact]
        public void TrainsSavesAndReloadsThroughTheSharedInfrastructure()
            => BaselineTrainerChecks.AssertLearnsAndRoundTrips(ml => ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
                {
                    Architecture = NetworkArchitecture.SarkarVgg,
                    Epochs = 3,
                    BatchSize = 4,
                    LearningRate = 3e-3,
                    NumberOfThreads = 1,
                    Seed = 3,
                    Device = TrainingDevice.Cpu,
                }), Vgg1dArchitecture.Sarkar);

        [TorchFact]
        public void PlainCatalogOverloadUsesTheGivenColumnsAndEpochs()
        {
            var ml = new MLContext(seed: 1);
            var trainer = ml.MulticlassClassification.Trainers.SpectrogramClassification("L", "F", NetworkArchitecture.SarkarVgg, epochs: 2, batchSize: 4, learningRate: 0.01, seed: 9);
            var keyed = ml.Transforms.Conversion.MapValueToKey("L", "Label").Fit(SyntheticSpectrograms.Load(ml, 4, seed: 1))
                .Transform(SyntheticSpectrograms.Load(ml, 8, seed: 1));
            // "L" exists (a key) and "F" does not, so the failure names the feature column given to the catalog.
            var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => trainer.Fit(keyed));
            Assert.Contains("'F'", error.Message);

            var model = trainer.Fit(ml.Transforms.CopyColumns("F", "Features").Fit(keyed).Transform(keyed));
            Assert.Equal(2, model.Model.TrainingHistory.Count);
            Assert.Equal(NetworkArchitecture.SarkarVgg, model.Model.Architecture);
            Assert.Equal(Vgg1dArchitecture.SarkarId, model.Model.Definition.Id);
        }
    }
}
