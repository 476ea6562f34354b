using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Trainers;

namespace MusicEmotion.MLNet.Evaluation
{
    /// <summary>
    /// A deep method: a TorchSharp multiclass trainer of this package on the cached spectrogram. Its options get the
    /// run's columns, bins, epochs, batch size, seed and progress from <see cref="MethodSettings.ApplyTo{TModel}"/>,
    /// and its cost is read from the trained <see cref="TorchSharpMulticlassModelParameters"/>
    /// (<see cref="TorchSharpMulticlassModelParameters.ParameterCount"/>, <see cref="TorchSharpMulticlassModelParameters.ForwardFlopsPerSample"/>).
    /// </summary>
    /// <example>Registering an architecture is one line:
    /// <code>DeepMethod.Create&lt;InceptionGruResidualModelParameters, InceptionGruResidualTrainer.Options&gt;(
    ///     "inception-gru", "Inception-GRU residual", (ml, o) =&gt; ml.MulticlassClassification.Trainers.InceptionGruResidual(o))</code>
    /// </example>
    public sealed class DeepMethod : ComparisonMethod
    {
        private DeepMethod(string name, string description, Func<MLContext, MethodSettings, IEstimator<ITransformer>> trainer)
            : base(name, description, MethodInput.Spectrogram, trainer)
        {
        }

        /// <summary>Creates a deep method from a trainer factory over the trainer's options.</summary>
        /// <typeparam name="TModel">The trainer's model parameters.</typeparam>
        /// <typeparam name="TOptions">The trainer's options type.</typeparam>
        /// <param name="name">Short name (command line, file names).</param>
        /// <param name="description">Name shown in the tables.</param>
        /// <param name="trainer">Builds the trainer from options the experiment has filled.</param>
        public static DeepMethod Create<TModel, TOptions>(string name, string description,
            Func<MLContext, TOptions, IEstimator<ITransformer>> trainer)
            where TModel : TorchSharpMulticlassModelParameters
            where TOptions : TorchSharpMulticlassTrainerBase<TModel>.Options, new()
        {
            if (trainer == null)
                throw new ArgumentNullException(nameof(trainer));
            return new DeepMethod(name, description, (ml, settings) =>
            {
                var options = new TOptions();
                settings.ApplyTo<TModel>(options);
                return trainer(ml, options);
            });
        }

        /// <summary>The trained network's parameter count and forward FLOPs per sample.</summary>
        /// <param name="model">The fitted chain.</param>
        /// <param name="settings">The settings it was built with.</param>
        public override ModelCost GetCost(ITransformer model, MethodSettings settings)
        {
            var parameters = FindModel(model);
            return parameters == null ? null : new ModelCost(parameters.ParameterCount, parameters.ForwardFlopsPerSample);
        }

        private static TorchSharpMulticlassModelParameters FindModel(ITransformer model)
        {
            if (model is IPredictionTransformer<TorchSharpMulticlassModelParameters> prediction)
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
