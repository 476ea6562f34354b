using Microsoft.ML;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.SarkarVgg;
using MusicEmotion.MLNet.Trainers.Vgg1d;
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
            => BaselineTrainerChecks.AssertLearnsAndRoundTrips(ml => ml.MulticlassClassification.Trainers.SarkarVgg(
                new SarkarVggTrainer.Options
                {
                    Epochs = 3,
                    BatchSize = 4,
                    LearningRate = 3e-3,
                    NumberOfThreads = 1,
                    Seed = 3,
                    Device = TrainingDevice.Cpu,
                }), Vgg1dArchitecture.Sarkar);

        [TorchFact]
        public void PlainCatalogOverloadSetsTheOptions()
        {
            var ml = new MLContext(seed: 1);
            var trainer = ml.MulticlassClassification.Trainers.SarkarVgg("L", "F", epochs: 2, batchSize: 4, learningRate: 0.01, seed: 9);
            var data = ml.Transforms.Conversion.MapValueToKey("L", "Label").Fit(SyntheticSpectrograms.Load(ml, 4, seed: 1))
                .Transform(SyntheticSpectrograms.Load(ml, 4, seed: 1));
            // The label column resolves to "L" (a key), so the failure names the missing feature column "F".
            var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => trainer.Fit(data));
            Assert.Contains("'F'", error.Message);
        }
    }
}
