using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>The networks 'mer train --architecture' can fit, by the names of <c>mer compare --methods</c>
    /// (<see cref="ComparisonMethods"/>' deep methods).</summary>
    internal static class NetworkTrainers
    {
        public static string Default => ComparisonMethods.InceptionGru.Name;

        private static IEnumerable<DeepMethod> Networks => ComparisonMethods.All.OfType<DeepMethod>();

        public static IReadOnlyCollection<string> Names => Networks.Select(m => m.Name).ToArray();

        /// <summary>The trainer of <see cref="TrainingSettings.Architecture"/> on the spectrogram column.</summary>
        public static IEstimator<ITransformer> Create(MLContext ml, TrainingSettings settings, IProgress<TrainingProgress> progress)
        {
            var name = settings.Architecture ?? Default;
            var method = Networks.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--architecture={name} is not one of {string.Join(", ", Names)}.");
            return ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
            {
                Architecture = method.Architecture,
                LabelColumnName = "Label",
                FeatureColumnName = TrainingSession.SpectrogramColumn,
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                LearningRate = settings.LearningRate,
                Seed = settings.Seed,
                Device = settings.Device,
                UseBFloat16 = settings.UseBFloat16,
                ValidationFraction = settings.ValidationFraction,
                Recipe = settings.Recipe,
                GroupColumnName = "Song",
                BalanceClasses = true,
                Progress = progress,
            });
        }
    }
}
