using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.SarkarVgg
{
    /// <summary>
    /// Trains a reduced VGG read as a 1D CNN over time, the paper's Table 3 baseline of Sarkar, Choudhury, Dutta, Roy and Saha (2020), "Recognition of emotion in music based on deep convolutional neural network" (8 Conv1d(k = 3) → BN → ReLU layers in 4 pooled stages of 32, 64, 128 and 256 filters, global average pooling and a small classifier), with the same infrastructure (streaming batches, Adam, validation, early stopping, save/load) as
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
    /// For [1025, 1292] inputs and 4 classes: 557,284 trainable parameters and 0.429 GFLOP forward per sample
    /// (the paper's Table 3: 1,203,140 and 17.7 GFLOP for the original 2D network; the layer widths here are this
    /// package's reading, see <c>Vgg1dArchitecture.Sarkar</c>).
    /// ]]></format>
    /// </remarks>
    public sealed class SarkarVggTrainer : TorchSharpMulticlassTrainerBase<SarkarVggModelParameters>
    {
        internal const string LoadName = "SarkarVgg";

        internal SarkarVggTrainer(IHostEnvironment env, Options options)
            : base(env, LoadName, options)
        {
        }

        private protected override NetworkArchitecture Architecture => Vgg1d.Vgg1dArchitecture.Sarkar;

        private protected override SarkarVggModelParameters CreateModel(NetworkArchitecture architecture,
            NetworkShape shape, nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            => new SarkarVggModelParameters(Host, architecture, shape, network, history);

        /// <summary>Default values of <see cref="Options"/>.</summary>
        public new sealed class Defaults : TorchSharpMulticlassTrainerBase<SarkarVggModelParameters>.Defaults
        {
        }

        /// <summary>Options of <see cref="SarkarVggTrainer"/>; see the base class fields.</summary>
        public new sealed class Options : TorchSharpMulticlassTrainerBase<SarkarVggModelParameters>.Options
        {
        }
    }
}
