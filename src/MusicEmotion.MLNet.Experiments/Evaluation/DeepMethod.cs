using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// A deep method: the package's <see cref="SpectrogramClassificationTrainer"/> with one
    /// <see cref="NetworkArchitecture"/> on the cached spectrogram. Its options get the run's columns, bins, epochs,
    /// batch size, seed and progress from <see cref="MethodSettings.ApplyTo"/>, and its cost is read from the trained
    /// <see cref="SpectrogramClassificationModelParameters"/>.
    /// </summary>
    /// <example>Registering an architecture is one line:
    /// <code>DeepMethod.Create("inception-gru", "Inception-GRU residual", NetworkArchitecture.InceptionGruResidual)</code>
    /// </example>
    public sealed class DeepMethod : ComparisonMethod
    {
        private DeepMethod(string name, string description, NetworkArchitecture architecture)
            : base(name, description, MethodInput.Spectrogram, (ml, settings) =>
                ml.MulticlassClassification.Trainers.SpectrogramClassification(
                    settings.ApplyTo(new SpectrogramClassificationTrainer.Options { Architecture = architecture })))
        {
            Architecture = architecture;
        }

        /// <summary>The network the method trains.</summary>
        public NetworkArchitecture Architecture { get; }

        /// <summary>Creates a deep method training <paramref name="architecture"/>.</summary>
        /// <param name="name">Short name (command line, file names).</param>
        /// <param name="description">Name shown in the tables.</param>
        /// <param name="architecture">The network.</param>
        public static DeepMethod Create(string name, string description, NetworkArchitecture architecture)
            => new DeepMethod(name, description, architecture);

        /// <summary>The trained network's parameter count and forward FLOPs per sample.</summary>
        /// <param name="model">The fitted chain.</param>
        /// <param name="settings">The settings it was built with.</param>
        public override ModelCost GetCost(ITransformer model, MethodSettings settings)
        {
            var parameters = FindModel(model);
            return parameters == null ? null : new ModelCost(parameters.ParameterCount, parameters.ForwardFlopsPerSample);
        }

        private static SpectrogramClassificationModelParameters FindModel(ITransformer model)
        {
            if (model is IPredictionTransformer<SpectrogramClassificationModelParameters> prediction)
                return prediction.Model;
            if (model is IEnumerable<ITransformer> chain)
            {
                foreach (var part in chain)
                {
                    var found = FindModel(part);
                    if (found != null)
                        return found;
                }
            }
            return null;
        }
    }
}
