using Microsoft.ML;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    [Collection(TorchTrainingCollection.Name)]
    public class MultiKernelCnnTrainerTests
    {
        [TorchFact]
        public void FullSizeParameterAndFlopCountsArePinned()
            => BaselineTrainerChecks.AssertFullSizeCounts(MultiKernelCnnArchitecture.Default, 259_204, 556_160_512);

        [TorchTheory]
        [InlineData(1)]
        [InlineData(7)]
        public void RunsOnShortInputs(int frames)
            => BaselineTrainerChecks.AssertForwardOnShortInput(MultiKernelCnnArchitecture.Default, frames);

        [Fact]
        public void EvenKernelSizesAreRejected()
        {
            var error = Assert.Throws<System.ArgumentOutOfRangeException>(
                () => new MultiKernelCnnArchitecture(new[] { 3, 4 }, new[] { 8 }, 0.5f));
            Assert.Contains("KernelSizes=3,4 must all be positive odd numbers", error.Message);
        }

        [TorchFact]
        public void TrainsSavesAndReloadsThroughTheSharedInfrastructure()
            => BaselineTrainerChecks.AssertLearnsAndRoundTrips(ml => ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
                {
                    Architecture = NetworkArchitecture.MultiKernelCnn,
                    Epochs = 3,
                    BatchSize = 16,
                    LearningRate = 3e-3,
                    NumberOfThreads = 1,
                    Seed = 3,
                    Device = TrainingDevice.Cpu,
                }), MultiKernelCnnArchitecture.Default);
    }
}
