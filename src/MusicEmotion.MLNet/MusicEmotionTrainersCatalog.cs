using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.InceptionGruResidual;
using MusicEmotion.MLNet.Trainers.MultiKernelCnn;
using MusicEmotion.MLNet.Trainers.ResNet1d;
using MusicEmotion.MLNet.Trainers.SarkarVgg;
using MusicEmotion.MLNet.Trainers.Vgg1d;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Creates the TorchSharp network trainers of this package from
    /// <see cref="MulticlassClassificationCatalog.MulticlassClassificationTrainers"/>: the Inception-GRU residual network
    /// of Han, Chen and Ban (2023) and the paper's Table 3 deep baselines (ResNet-18 1D, VGG-16 1D, the reduced VGG of
    /// Sarkar et al. 2020, the multi-kernel CNN). Each has a plain-arguments overload and an <c>Options</c> overload.
    /// </summary>
    public static class MusicEmotionTrainersCatalog
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
            => InceptionGruResidual(catalog, CatalogOptions.Create<InceptionGruResidualTrainer.Options, InceptionGruResidualModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));

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
            => ResNet1d(catalog, CatalogOptions.Create<ResNet1dTrainer.Options, ResNet1dModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));

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
            => Vgg1d(catalog, CatalogOptions.Create<Vgg1dTrainer.Options, Vgg1dModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));

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
            => SarkarVgg(catalog, CatalogOptions.Create<SarkarVggTrainer.Options, SarkarVggModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));

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

        /// <summary>Creates a <see cref="MultiKernelCnnTrainer"/>, which trains the multi-kernel CNN baseline in the spirit of Chaudhary et al. (2021) on spectrograms.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="labelColumnName">The name of the label column. The column data must be a key type (use <c>MapValueToKey</c>).</param>
        /// <param name="featureColumnName">The name of the feature column. The column data must be a known-size vector of
        /// <see cref="System.Single"/> with dimensions [bins, frames], as <c>LogStft</c> outputs.</param>
        /// <param name="epochs">Number of passes over the training rows.</param>
        /// <param name="batchSize">Rows per optimisation step.</param>
        /// <param name="learningRate">Adam learning rate.</param>
        /// <param name="seed">Seed of initialisation and shuffling; <c>null</c> takes one from the <see cref="MLContext"/>.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static MultiKernelCnnTrainer MultiKernelCnn(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            string labelColumnName = DefaultColumnNames.Label,
            string featureColumnName = DefaultColumnNames.Features,
            int epochs = MultiKernelCnnTrainer.Defaults.Epochs,
            int batchSize = MultiKernelCnnTrainer.Defaults.BatchSize,
            double learningRate = MultiKernelCnnTrainer.Defaults.LearningRate,
            int? seed = null)
            => MultiKernelCnn(catalog, CatalogOptions.Create<MultiKernelCnnTrainer.Options, MultiKernelCnnModelParameters>(
                labelColumnName, featureColumnName, epochs, batchSize, learningRate, seed));

        /// <summary>Creates a <see cref="MultiKernelCnnTrainer"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The multiclass classification catalog trainer object.</param>
        /// <param name="options">Trainer options.</param>
        /// <returns>The trainer; its transformer outputs <c>Score</c> (class probabilities) and <c>PredictedLabel</c>.</returns>
        public static MultiKernelCnnTrainer MultiKernelCnn(
            this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
            MultiKernelCnnTrainer.Options options)
        {
            Contracts.CheckValue(catalog, nameof(catalog));
            return new MultiKernelCnnTrainer(catalog.GetEnvironment(), options);
        }
    }
}
