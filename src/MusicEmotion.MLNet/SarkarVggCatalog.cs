using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.SarkarVgg;

namespace MusicEmotion.MLNet
{
    /// <summary>Creates the trainer of the reduced-VGG baseline of Sarkar et al. (2020) from <see cref="MulticlassClassificationCatalog"/>.</summary>
    public static class SarkarVggCatalog
    {
        /// <summary>Creates a <see cref="SarkarVggTrainer"/>, which trains the reduced-VGG baseline of Sarkar et al. (2020) on spectrograms.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate.</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static SarkarVggTrainer SarkarVgg(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            int epochs = SarkarVggTrainer.Defaults.Epochs,
            int batchSize = SarkarVggTrainer.Defaults.BatchSize,
            double learningRate = SarkarVggTrainer.Defaults.LearningRate,
            int? seed = null)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new SarkarVggTrainer(catalog.GetEnvironment(), CatalogOptions.Create<SarkarVggTrainer.Options, SarkarVggModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));
        }

        /// <summary>Creates a <see cref="SarkarVggTrainer"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="options">Trainer options.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static SarkarVggTrainer SarkarVgg(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            SarkarVggTrainer.Options options)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new SarkarVggTrainer(catalog.GetEnvironment(), options);
        }
    }
}
