using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.MultiKernelCnn
{
    /// <summary>
    /// Trains a multi-kernel 1D CNN over time, the paper's Table 3 baseline in the spirit of Chaudhary, Singh and Singh (2021), "Development of music emotion classification system using convolution neural network" (three blocks of parallel Conv1d branches with kernel sizes 3, 5, 7 and 9, concatenated and pooled, global average pooling, dropout and a linear classifier), with the same infrastructure (streaming batches, Adam, validation, early stopping, save/load) as
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
    /// For [1025, 1292] inputs and 4 classes: 259,204 trainable parameters and 0.556 GFLOP forward per sample
    /// (the paper's Table 3: 375,012 and 5.9 GFLOP for the original 2D network; the branch widths here are this
    /// package's reading).
    /// ]]></format>
    /// </remarks>
    public sealed class MultiKernelCnnTrainer : TorchSharpMulticlassTrainerBase<MultiKernelCnnModelParameters>
    {
        internal const string LoadName = "MultiKernelCnn";

        internal MultiKernelCnnTrainer(IHostEnvironment env, Options options)
            : base(env, LoadName, options)
        {
        }

        private protected override NetworkArchitecture Architecture => MultiKernelCnnArchitecture.Default;

        private protected override MultiKernelCnnModelParameters CreateModel(NetworkArchitecture architecture,
            NetworkShape shape, nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            => new MultiKernelCnnModelParameters(Host, architecture, shape, network, history);

        /// <summary>Default values of <see cref="Options"/>.</summary>
        public new sealed class Defaults : TorchSharpMulticlassTrainerBase<MultiKernelCnnModelParameters>.Defaults
        {
        }

        /// <summary>Options of <see cref="MultiKernelCnnTrainer"/>; see the base class fields.</summary>
        public new sealed class Options : TorchSharpMulticlassTrainerBase<MultiKernelCnnModelParameters>.Options
        {
        }
    }
}
