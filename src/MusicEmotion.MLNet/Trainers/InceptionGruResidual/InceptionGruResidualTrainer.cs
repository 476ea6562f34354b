using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.InceptionGruResidual
{
    /// <summary>
    /// Trains the Inception-GRU residual network of Han, Chen and Ban (2023) as an ML.NET multiclass trainer on
    /// TorchSharp: optimized Inception block (kernels 3/5/7, widths 16/32/64) → 12 residual 1D blocks with average
    /// pooling → GRU(8) → dense softmax, Adam with cross-entropy.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// To create this trainer use
    /// [InceptionGruResidual](xref:MusicEmotion.MLNet.MusicEmotionTrainersCatalog.InceptionGruResidual(Microsoft.ML.MulticlassClassificationCatalog.MulticlassClassificationTrainers,System.String,System.String,System.Int32,System.Int32,System.Double,System.Nullable{System.Int32}))
    /// or the overload taking <see cref="Options"/>.
    ///
    /// ### Input and Output Columns
    /// The feature column is a known-size vector of <xref:System.Single> with two dimensions [bins, frames], as
    /// `LogStft` outputs (librosa's `stft` layout `[1 + n_fft/2, n_frames]`); it is read as Conv1d input
    /// (N, C = bins, L = frames). The label column is a key (`MapValueToKey`). The trainer outputs:
    ///
    /// | Output Column Name | Column Type | Description|
    /// | -- | -- | -- |
    /// | `Score` | Vector of <xref:System.Single> | Class probabilities (softmax of the network's logits). |
    /// | `PredictedLabel` | [key](xref:Microsoft.ML.Data.KeyDataViewType) type | The class with the highest probability. |
    ///
    /// ### Trainer Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Machine learning task | Multiclass classification |
    /// | Is normalization required? | No |
    /// | Is caching required? | No (cache upstream with `AppendCacheCheckpoint` for a full shuffle each epoch) |
    /// | Required NuGet in addition to Microsoft.ML | MusicEmotion.MLNet, a libtorch native package (`libtorch-cpu-linux-x64` or a CUDA one) |
    /// | Exportable to ONNX | No |
    ///
    /// ### Network
    /// For [1025, 1292] inputs and 4 classes: 1,588,583 trainable parameters and 2.116 GFLOP forward per sample; see
    /// <xref:MusicEmotion.MLNet.Trainers.InceptionGruResidual.InceptionGruResidualModelParameters> for the counts of a
    /// trained model. Shorter inputs skip the last pooling stages so that the GRU sees at least 2 steps.
    /// ]]></format>
    /// </remarks>
    /// <example>See samples/ for an end-to-end EMOPIA pipeline.</example>
    public sealed class InceptionGruResidualTrainer : TorchSharpMulticlassTrainerBase<InceptionGruResidualModelParameters>
    {
        internal const string LoadName = "InceptionGruResidual";

        internal InceptionGruResidualTrainer(IHostEnvironment env, Options options)
            : base(env, LoadName, options)
        {
        }

        private protected override NetworkArchitecture Architecture => InceptionGruResidualArchitecture.Paper;

        private protected override InceptionGruResidualModelParameters CreateModel(NetworkArchitecture architecture,
            NetworkShape shape, nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            => new InceptionGruResidualModelParameters(Host, architecture, shape, network, history);

        /// <summary>Default values of <see cref="Options"/> and the catalog method's parameters.</summary>
        public new sealed class Defaults : TorchSharpMulticlassTrainerBase<InceptionGruResidualModelParameters>.Defaults
        {
        }

        /// <summary>Options of <see cref="InceptionGruResidualTrainer"/>; see the base class fields.</summary>
        public new sealed class Options : TorchSharpMulticlassTrainerBase<InceptionGruResidualModelParameters>.Options
        {
        }
    }
}
