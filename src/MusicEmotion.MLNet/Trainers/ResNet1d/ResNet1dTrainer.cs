using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.ResNet1d
{
    /// <summary>
    /// Trains ResNet-18 read as a 1D network over time, the paper's Table 3 ResNet-18 baseline, with the same
    /// infrastructure (streaming batches, Adam, validation, early stopping, save/load) as
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
    /// For [1025, 1292] inputs and 4 classes: 4,304,708 trainable parameters and 1.037 GFLOP forward per sample.
    /// ]]></format>
    /// </remarks>
    public sealed class ResNet1dTrainer : TorchSharpMulticlassTrainerBase<ResNet1dModelParameters>
    {
        internal const string LoadName = "ResNet1d";

        internal ResNet1dTrainer(IHostEnvironment env, Options options)
            : base(env, LoadName, options)
        {
        }

        private protected override NetworkArchitecture Architecture => ResNet1dArchitecture.ResNet18;

        private protected override ResNet1dModelParameters CreateModel(NetworkArchitecture architecture,
            NetworkShape shape, nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            => new ResNet1dModelParameters(Host, architecture, shape, network, history);

        /// <summary>Default values of <see cref="Options"/>.</summary>
        public new sealed class Defaults : TorchSharpMulticlassTrainerBase<ResNet1dModelParameters>.Defaults
        {
        }

        /// <summary>Options of <see cref="ResNet1dTrainer"/>; see the base class fields.</summary>
        public new sealed class Options : TorchSharpMulticlassTrainerBase<ResNet1dModelParameters>.Options
        {
        }
    }
}
