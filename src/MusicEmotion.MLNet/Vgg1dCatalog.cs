using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.Vgg1d;

namespace MusicEmotion.MLNet
{
    /// <summary>Creates the trainer of the VGG-16-style 1D CNN baseline from <see cref="MulticlassClassificationCatalog"/>.</summary>
    public static class Vgg1dCatalog
    {
        /// <summary>Creates a <see cref="Vgg1dTrainer"/>, which trains the VGG-16-style 1D CNN baseline on spectrograms.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate.</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static Vgg1dTrainer Vgg1d(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            int epochs = Vgg1dTrainer.Defaults.Epochs,
            int batchSize = Vgg1dTrainer.Defaults.BatchSize,
            double learningRate = Vgg1dTrainer.Defaults.LearningRate,
            int? seed = null)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new Vgg1dTrainer(catalog.GetEnvironment(), CatalogOptions.Create<Vgg1dTrainer.Options, Vgg1dModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));
        }

        /// <summary>Creates a <see cref="Vgg1dTrainer"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="options">Trainer options.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static Vgg1dTrainer Vgg1d(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            Vgg1dTrainer.Options options)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new Vgg1dTrainer(catalog.GetEnvironment(), options);
        }
    }
}
