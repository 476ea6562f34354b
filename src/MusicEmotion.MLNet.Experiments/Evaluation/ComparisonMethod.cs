using System;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// One method of the comparison: a name, the feature column it reads and a factory of its ML.NET trainer chain. The
    /// experiment puts <c>MapValueToKey(Label)</c> (keys in sorted label order) in front of the chain, fits it on each
    /// training fold and scores the test fold from the chain's <c>PredictedLabel</c> column.
    /// </summary>
    public class ComparisonMethod
    {
        private readonly Func<MLContext, MethodSettings, IEstimator<ITransformer>> _trainer;
        private readonly Func<ITransformer, MethodSettings, ModelCost> _cost;

        /// <summary>Creates a method.</summary>
        /// <param name="name">Short name used on the command line and in file names (letters, digits, '-').</param>
        /// <param name="description">Name shown in the tables.</param>
        /// <param name="input">The feature column the trainer chain reads.</param>
        /// <param name="trainer">Builds the chain after the label key mapping, reading <see cref="MethodSettings"/>'s columns.</param>
        /// <param name="cost">Computes parameters and FLOPs of a fitted chain; null when they do not apply.</param>
        public ComparisonMethod(string name, string description, MethodInput input,
            Func<MLContext, MethodSettings, IEstimator<ITransformer>> trainer, Func<ITransformer, MethodSettings, ModelCost> cost = null)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("A method needs a name.", nameof(name));
            foreach (char c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                    throw new ArgumentException($"Method name '{name}' must contain only letters, digits and '-'.", nameof(name));
            }
            Name = name;
            Description = string.IsNullOrWhiteSpace(description) ? name : description;
            Input = input;
            _trainer = trainer ?? throw new ArgumentNullException(nameof(trainer));
            _cost = cost;
        }

        /// <summary>Short name (command line, file names).</summary>
        public string Name { get; }

        /// <summary>Name shown in the tables.</summary>
        public string Description { get; }

        /// <summary>The feature column the method reads.</summary>
        public MethodInput Input { get; }

        /// <summary>Whether the training fold is cached in memory before fitting (worth it for the small summary
        /// vectors that iterative trainers read many times; not for spectrograms).</summary>
        public bool CachesTrainingData => Input == MethodInput.Summary;

        /// <summary>The full estimator: label to key (sorted by value), then the method's trainer chain.</summary>
        /// <param name="ml">The experiment's context.</param>
        /// <param name="settings">Columns, shapes and settings of the fold.</param>
        public IEstimator<ITransformer> CreateEstimator(MLContext ml, MethodSettings settings)
        {
            if (ml == null)
                throw new ArgumentNullException(nameof(ml));
            if (settings == null)
                throw new ArgumentNullException(nameof(settings));
            return ml.Transforms.Conversion.MapValueToKey(settings.LabelColumnName,
                    keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                .Append(_trainer(ml, settings));
        }

        /// <summary>Parameters and FLOPs of a fitted chain, or null when the method does not state them.</summary>
        /// <param name="model">The chain fitted by <see cref="CreateEstimator"/>.</param>
        /// <param name="settings">The settings it was built with.</param>
        public virtual ModelCost GetCost(ITransformer model, MethodSettings settings) => _cost?.Invoke(model, settings);

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
