using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    /// <summary>The paper's recipe (Adam 1e-3, cross-entropy, no normalisation or augmentation) must train exactly as the
    /// trainer did before the recipe options existed: the per-epoch losses below were measured on that code.</summary>
    [Collection(TorchTrainingCollection.Name)]
    public class PaperRecipeRegressionTests
    {
        private static readonly double[] s_lossesBeforeRecipes = { 1.3804570436477661, 1.1821321249008179, 0.8859566003084183 };

        [TorchFact]
        public void PaperRecipeGivesTheLossesOfTheTrainerBeforeRecipes()
        {
            var ml = new MLContext(seed: 1);
            var train = SyntheticSpectrograms.Load(ml, 32, seed: 21);
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = 3,
                BatchSize = 8,
                Seed = 5,
                Device = TrainingDevice.Cpu,
                BalanceClasses = true,
                // The losses were measured in Float32 (BFloat16 training has its own tests, MixedPrecisionTests).
                UseBFloat16 = false,
            };
            var model = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(options)).Fit(train);
            var parameters = ((MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>)model.LastTransformer).Model;
            var losses = parameters.TrainingHistory.Select(h => h.Loss).ToArray();
            var text = string.Join(", ", losses.Select(l => l.ToString("R", CultureInfo.InvariantCulture)));
            Assert.Equal(s_lossesBeforeRecipes.Length, losses.Length);
            for (int i = 0; i < losses.Length; i++)
                Assert.True(System.Math.Abs(losses[i] - s_lossesBeforeRecipes[i]) <= 1e-5, $"losses {text}");
        }
    }
}
