using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.InceptionGruResidual;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(InceptionGruResidualModelParameters), null, typeof(SignatureLoadModel),
    "Inception-GRU residual multiclass network", InceptionGruResidualModelParameters.LoaderSignature)]

namespace MusicEmotion.MLNet.Trainers.InceptionGruResidual
{
    /// <summary>
    /// The trained Inception-GRU residual network (Han, Chen and Ban 2023) produced by
    /// <see cref="InceptionGruResidualTrainer"/>: scores a [bins, frames] spectrogram into class probabilities.
    /// </summary>
    public sealed class InceptionGruResidualModelParameters : TorchSharpMulticlassModelParameters
    {
        internal const string LoaderSignature = "InceptionGruResidualMc";

        internal InceptionGruResidualModelParameters(IHostEnvironment env, NetworkArchitecture architecture,
            NetworkShape shape, nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            : base(env, LoaderSignature, architecture, shape, network, history)
        {
        }

        // Takes IHost, not IHostEnvironment, so ML.NET's ComponentCatalog picks Create as the loader.
        private InceptionGruResidualModelParameters(IHost host, ModelLoadContext ctx)
            : base(host, LoaderSignature, ctx)
        {
        }

        private static VersionInfo GetVersionInfo() => CreateVersionInfo("INCGRUMC", LoaderSignature, typeof(InceptionGruResidualModelParameters));

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static InceptionGruResidualModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
            => new InceptionGruResidualModelParameters(CheckLoad(env, ctx, GetVersionInfo(), LoaderSignature), ctx);
    }
}
