using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.Vgg1d
{
    /// <summary>
    /// Trains a VGG-16-style 1D CNN over time (the paper's Table 3 "VGG-16" baseline: 13 Conv1d(k = 3) → BN → ReLU layers in 5 pooled stages, global average pooling and a small classifier), with the same infrastructure (streaming batches, Adam, validation, early stopping, save/load) as
    /// <see cref="InceptionGruResidual.InceptionGruResidualTrainer"/>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// The feature column is a known-size vector of <xref:System.Single> with dimensions [bins, frames] (read as Conv1d
    /// input (N, C = bins, L = frames)); the label column is a key. Outputs `Score` (class probabilities) and
    /// `PredictedLabel`.
    ///
    /// ### Trainer Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Machine learning task | Multiclass classification |
    /// | Is normalization required? | No |
    /// | Is caching required? | No (cache upstream for a full shuffle each epoch) |
    /// | Required NuGet in addition to Microsoft.ML | MusicEmotion.MLNet, a libtorch native package |
    /// | Exportable to ONNX | No |
    ///
    /// For [1025, 1292] inputs and 4 classes: 5,240,516 trainable parameters and 1.964 GFLOP forward per sample
    /// (the paper's Table 3 gives no parameter or FLOP figures for its VGG-16).
    /// ]]></format>
    /// </remarks>
    public sealed class Vgg1dTrainer : TorchSharpMulticlassTrainerBase<Vgg1dModelParameters>
    {
        internal const string LoadName = "Vgg1d";

        internal Vgg1dTrainer(IHostEnvironment env, Options options)
            : base(env, LoadName, options)
        {
        }

        private protected override NetworkArchitecture Architecture => Vgg1dArchitecture.Vgg16;

        private protected override Vgg1dModelParameters CreateModel(NetworkArchitecture architecture,
            NetworkShape shape, nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            => new Vgg1dModelParameters(Host, architecture, shape, network, history);

        /// <summary>Default values of <see cref="Options"/>.</summary>
        public new sealed class Defaults : TorchSharpMulticlassTrainerBase<Vgg1dModelParameters>.Defaults
        {
        }

        /// <summary>Options of <see cref="Vgg1dTrainer"/>; see the base class fields.</summary>
        public new sealed class Options : TorchSharpMulticlassTrainerBase<Vgg1dModelParameters>.Options
        {
        }
    }
}
