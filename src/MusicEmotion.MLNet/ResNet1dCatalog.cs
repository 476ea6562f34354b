using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.ResNet1d;

namespace MusicEmotion.MLNet
{
    /// <summary>Creates the 1D ResNet-18 baseline trainer from <see cref="MulticlassClassificationCatalog"/>.</summary>
    public static class ResNet1dCatalog
    {
        /// <summary>Creates a <see cref="ResNet1dTrainer"/>, which trains ResNet-18 in 1D over time (the paper's Table 3
        /// baseline) on spectrograms.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate.</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static ResNet1dTrainer ResNet1d(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            int epochs = ResNet1dTrainer.Defaults.Epochs,
            int batchSize = ResNet1dTrainer.Defaults.BatchSize,
            double learningRate = ResNet1dTrainer.Defaults.LearningRate,
            int? seed = null)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new ResNet1dTrainer(catalog.GetEnvironment(), CatalogOptions.Create<ResNet1dTrainer.Options, ResNet1dModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));
        }

        /// <summary>Creates a <see cref="ResNet1dTrainer"/> from <paramref name="options"/>.</summary>
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
