using System;
using System.Collections.Generic;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.InceptionGruResidual;
using MusicEmotion.MLNet.Trainers.MultiKernelCnn;
using MusicEmotion.MLNet.Trainers.ResNet1d;
using MusicEmotion.MLNet.Trainers.SarkarVgg;
using MusicEmotion.MLNet.Trainers.Vgg1d;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>The networks 'mer train --architecture' can fit, by the names <c>mer compare --methods</c> uses, each
    /// mapped to its trainer catalog method.</summary>
    internal static class NetworkTrainers
    {
        public const string Default = "inception-gru";

        private static readonly Dictionary<string, Func<MLContext, TrainingSettings, IProgress<TrainingProgress>, IEstimator<ITransformer>>> s_trainers =
            new(StringComparer.OrdinalIgnoreCase)
            {
                [Default] = (ml, s, p) => Build<InceptionGruResidualModelParameters, InceptionGruResidualTrainer.Options>(
                    o => ml.MulticlassClassification.Trainers.InceptionGruResidual(o), s, p),
                ["resnet18"] = (ml, s, p) => Build<ResNet1dModelParameters, ResNet1dTrainer.Options>(
                    o => ml.MulticlassClassification.Trainers.ResNet1d(o), s, p),
                ["vgg16"] = (ml, s, p) => Build<Vgg1dModelParameters, Vgg1dTrainer.Options>(
                    o => ml.MulticlassClassification.Trainers.Vgg1d(o), s, p),
                ["sarkar-vgg"] = (ml, s, p) => Build<SarkarVggModelParameters, SarkarVggTrainer.Options>(
                    o => ml.MulticlassClassification.Trainers.SarkarVgg(o), s, p),
                ["multi-kernel-cnn"] = (ml, s, p) => Build<MultiKernelCnnModelParameters, MultiKernelCnnTrainer.Options>(
                    o => ml.MulticlassClassification.Trainers.MultiKernelCnn(o), s, p),
            };

        public static IReadOnlyCollection<string> Names => s_trainers.Keys;

        /// <summary>The trainer of <see cref="TrainingSettings.Architecture"/> on the spectrogram column.</summary>
        public static IEstimator<ITransformer> Create(MLContext ml, TrainingSettings settings, IProgress<TrainingProgress> progress)
        {
            if (!s_trainers.TryGetValue(settings.Architecture ?? Default, out var create))
                throw new UsageException($"--architecture={settings.Architecture} is not one of {string.Join(", ", Names)}.");
            return create(ml, settings, progress);
        }

        private static IEstimator<ITransformer> Build<TModel, TOptions>(Func<TOptions, IEstimator<ITransformer>> trainer,
            TrainingSettings settings, IProgress<TrainingProgress> progress)
            where TModel : TorchSharpMulticlassModelParameters
            where TOptions : TorchSharpMulticlassTrainerBase<TModel>.Options, new()
            => trainer(new TOptions
            {
                LabelColumnName = "Label",
                FeatureColumnName = TrainingSession.SpectrogramColumn,
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                LearningRate = settings.LearningRate,
                Seed = settings.Seed,
                Device = settings.Device,
                ValidationFraction = settings.ValidationFraction,
                ClassWeighting = ClassWeighting.Balanced,
                Progress = progress,
            });
    }
}
