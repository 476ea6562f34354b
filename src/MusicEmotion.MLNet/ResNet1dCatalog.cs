using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers.ResNet1d;

namespace MusicEmotion.MLNet
{
    /// <summary>Creates the 1D ResNet-18 baseline trainer from <see cref="MulticlassClassificationCatalog"/>.</summary>
    public static class ResNet1dCatalog
    {
        /// <summary>Creates a <see cref="ResNet1dTrainer"/> (ResNet-18 in 1D over time, the paper's Table 3 baseline).</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="options">Trainer options.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static ResNet1dTrainer ResNet1d(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            ResNet1dTrainer.Options options)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new ResNet1dTrainer(catalog.GetEnvironment(), options);
        }
    }
}
