using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>What a <see cref="ComparisonMethod"/> needs to build its trainer for one fold: the cached columns, their
    /// shapes, the classes and the run's settings.</summary>
    public sealed class MethodSettings
    {
        /// <summary>Name of the label column; a key column by the time the trainer sees it.</summary>
        public string LabelColumnName { get; init; }

        /// <summary>Name of the spectral summary column (Vector&lt;Single, SummaryLength&gt;).</summary>
        public string SummaryColumnName { get; init; }

        /// <summary>Name of the log-STFT column (Vector&lt;Single, Bins, Frames&gt;, frequency-major).</summary>
        public string SpectrogramColumnName { get; init; }

        /// <summary>Number of frequency bins, 1 + n_fft/2.</summary>
        public int Bins { get; init; }

        /// <summary>Number of frames per clip.</summary>
        public int Frames { get; init; }

        /// <summary>Length of the summary vector.</summary>
        public int SummaryLength { get; init; }

        /// <summary>The class names in key order.</summary>
        public IReadOnlyList<string> ClassNames { get; init; }

        /// <summary>The zero-based fold being trained.</summary>
        public int Fold { get; init; }

        /// <summary>Epochs for deep methods.</summary>
        public int Epochs { get; init; }

        /// <summary>Peak learning rate for deep methods; null keeps the trainer's default.</summary>
        public double? LearningRate { get; init; }

        /// <summary>Mini-batch size for deep methods.</summary>
        public int BatchSize { get; init; }

        /// <summary>Name of the text column holding each row's song, for song-grouped validation inside a training fold.</summary>
        public string GroupColumnName { get; init; }

        /// <summary>Training recipe of deep methods.</summary>
        public TrainingRecipe Recipe { get; init; } = TrainingRecipe.Paper;

        /// <summary>BFloat16 convolutions for deep methods (null: where the CPU has AVX512_BF16).</summary>
        public bool? UseBFloat16 { get; init; }

        /// <summary>The run's seed.</summary>
        public int Seed { get; init; }

        /// <summary>Receives progress lines; may be null.</summary>
        public IProgress<string> Progress { get; init; }

        /// <summary>Fills the shared fields of a TorchSharp trainer's options (columns, bins, epochs, batch size, seed,
        /// balanced class weights, recipe, song column, per-epoch progress lines) and returns them.</summary>
        /// <param name="options">The trainer's options.</param>
        public SpectrogramClassificationTrainer.Options ApplyTo(SpectrogramClassificationTrainer.Options options)
        {
            if (options == null)
                throw new ArgumentNullException(nameof(options));
            options.LabelColumnName = LabelColumnName;
            options.FeatureColumnName = SpectrogramColumnName;
            options.NumberOfBins = Bins;
            options.Epochs = Epochs;
            options.BatchSize = BatchSize;
            if (LearningRate.HasValue)
                options.LearningRate = LearningRate.Value;
            options.Seed = Seed;
            options.BalanceClasses = true;
            options.Recipe = Recipe;
            options.UseBFloat16 = UseBFloat16;
            options.GroupColumnName = GroupColumnName;
            var progress = Progress;
            int fold = Fold;
            if (progress != null)
            {
                options.Progress = new SynchronousProgress<TrainingProgress>(p => progress.Report(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"    fold {fold + 1} epoch {p.Epoch}/{p.Epochs}: loss {p.Loss:F4}, train accuracy {p.Accuracy:P1}, elapsed {p.Elapsed:mm\\:ss}")));
            }
            return options;
        }
    }
}
