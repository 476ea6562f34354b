using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers.InceptionGruResidual;

namespace MusicEmotion.MLNet
{
    /// <summary>Creates the Inception-GRU residual network trainer from <see cref="MulticlassClassificationCatalog"/>.</summary>
    public static class InceptionGruResidualCatalog
    {
        /// <summary>
        /// Creates an <see cref="InceptionGruResidualTrainer"/>, which trains the Inception-GRU residual network of
        /// Han, Chen and Ban (2023) on spectrograms.
        /// </summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate.</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static InceptionGruResidualTrainer InceptionGruResidual(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            int epochs = InceptionGruResidualTrainer.Defaults.Epochs,
            int batchSize = InceptionGruResidualTrainer.Defaults.BatchSize,
            double learningRate = InceptionGruResidualTrainer.Defaults.LearningRate,
            int? seed = null)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new InceptionGruResidualTrainer(catalog.GetEnvironment(), new InceptionGruResidualTrainer.Options
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                Epochs = epochs,
                BatchSize = batchSize,
                LearningRate = learningRate,
                Seed = seed,
            });
        }

        /// <summary>Creates an <see cref="InceptionGruResidualTrainer"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="options">Trainer options.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static InceptionGruResidualTrainer InceptionGruResidual(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            InceptionGruResidualTrainer.Options options)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new InceptionGruResidualTrainer(catalog.GetEnvironment(), options);
        }
    }
}
