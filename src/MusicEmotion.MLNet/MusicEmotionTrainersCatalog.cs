using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Creates the spectrogram network trainer of this package from
    /// <see cref="MulticlassClassificationCatalog.MulticlassClassificationTrainers"/>: one trainer whose network is a
    /// <see cref="NetworkArchitecture"/> value (the paper's Inception-GRU residual network by default, or a Table 3 deep
    /// baseline), with a plain-arguments overload, an <see cref="SpectrogramClassificationTrainer.Options"/> overload and
    /// the paper's shorthand <see cref="InceptionGruResidual"/>.
    /// </summary>
    public static class MusicEmotionTrainersCatalog
    {
        /// <summary>
        /// Creates a <see cref="SpectrogramClassificationTrainer"/>, which trains the network <paramref name="architecture"/>
        /// on spectrograms.
        /// </summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="architecture">The network to train.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate.</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static SpectrogramClassificationTrainer SpectrogramClassification(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            NetworkArchitecture architecture = NetworkArchitecture.InceptionGruResidual,
            int epochs = SpectrogramClassificationTrainer.Defaults.Epochs,
            int batchSize = SpectrogramClassificationTrainer.Defaults.BatchSize,
            double learningRate = SpectrogramClassificationTrainer.Defaults.LearningRate,
            int? seed = null)
            => SpectrogramClassification(catalog, new SpectrogramClassificationTrainer.Options
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                Architecture = architecture,
                Epochs = epochs,
                BatchSize = batchSize,
                LearningRate = learningRate,
                Seed = seed,
            });

        /// <summary>Creates a <see cref="SpectrogramClassificationTrainer"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="options">Trainer options, including the <see cref="SpectrogramClassificationTrainer.Options.Architecture"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static SpectrogramClassificationTrainer SpectrogramClassification(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            SpectrogramClassificationTrainer.Options options)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new SpectrogramClassificationTrainer(catalog.GetEnvironment(), options);
        }

        /// <summary>
        /// The paper's shorthand: a <see cref="SpectrogramClassificationTrainer"/> of the Inception-GRU residual network
        /// of Han, Chen and Ban (2023) (<see cref="NetworkArchitecture.InceptionGruResidual"/>).
        /// </summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate (the paper's 1e-3).</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static SpectrogramClassificationTrainer InceptionGruResidual(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            int epochs = SpectrogramClassificationTrainer.Defaults.Epochs,
            int batchSize = SpectrogramClassificationTrainer.Defaults.BatchSize,
            double learningRate = SpectrogramClassificationTrainer.Defaults.LearningRate,
            int? seed = null)
            => SpectrogramClassification(catalog, labelColumnName, featureColumnName, NetworkArchitecture.InceptionGruResidual,
                epochs, batchSize, learningRate, seed);
    }
}
