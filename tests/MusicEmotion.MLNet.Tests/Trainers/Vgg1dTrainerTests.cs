using Microsoft.ML;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    [Collection(TorchTrainingCollection.Name)]
    public class Vgg1dTrainerTests
    {
        [TorchFact]
        public void FullSizeParameterAndFlopCountsArePinned()
            => BaselineTrainerChecks.AssertFullSizeCounts(Vgg1dArchitecture.Vgg16, 5_240_516, 1_963_891_200);

        [Theory]
        [InlineData(1292, new[] { true, true, true, true, true })]
        [InlineData(16, new[] { true, true, true, false, false })]
        [InlineData(3, new[] { false, false, false, false, false })]
        public void PoolsOnlyWhileTwoStepsRemain(int frames, bool[] expected)
            => Assert.Equal(expected, Vgg1dArchitecture.Vgg16.GetStagePooling(frames));

        [TorchTheory]
        [InlineData(1)]
        [InlineData(5)]
        public void RunsOnShortInputs(int frames)
            => BaselineTrainerChecks.AssertForwardOnShortInput(Vgg1dArchitecture.Vgg16, frames);

        [TorchFact]
        public void TrainsSavesAndReloadsThroughTheSharedInfrastructure()
            => BaselineTrainerChecks.AssertLearnsAndRoundTrips(ml => ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
                {
                    Architecture = NetworkArchitecture.Vgg16,
                    // 48 small steps: the 13 batch normalisations' running statistics must settle for eval-mode scoring.
                    Epochs = 6,
                    BatchSize = 4,
                    LearningRate = 1e-3,
                    NumberOfThreads = 1,
                    Seed = 3,
                    Device = TrainingDevice.Cpu,
                }), Vgg1dArchitecture.Vgg16);
    }
}
