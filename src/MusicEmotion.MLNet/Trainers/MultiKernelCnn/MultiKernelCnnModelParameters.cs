using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.MultiKernelCnn;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(MultiKernelCnnModelParameters), null, typeof(SignatureLoadModel),
    "Multi-kernel 1D CNN multiclass network", MultiKernelCnnModelParameters.LoaderSignature)]

namespace MusicEmotion.MLNet.Trainers.MultiKernelCnn
{
    /// <summary>The trained multi-kernel 1D CNN produced by <see cref="MultiKernelCnnTrainer"/>.</summary>
    public sealed class MultiKernelCnnModelParameters : TorchSharpMulticlassModelParameters
    {
        internal const string LoaderSignature = "MultiKernelCnnMc";

        internal MultiKernelCnnModelParameters(IHostEnvironment env, NetworkArchitecture architecture, NetworkShape shape,
            nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            : base(env, LoaderSignature, architecture, shape, network, history)
        {
        }

        // Takes IHost, not IHostEnvironment, so ML.NET's ComponentCatalog picks Create as the loader.
        private MultiKernelCnnModelParameters(IHost host, ModelLoadContext ctx)
            : base(host, LoaderSignature, ctx)
        {
        }

        private static VersionInfo GetVersionInfo() => CreateVersionInfo("MKCNN_1D", LoaderSignature, typeof(MultiKernelCnnModelParameters));

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static MultiKernelCnnModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
            => new MultiKernelCnnModelParameters(CheckLoad(env, ctx, GetVersionInfo(), LoaderSignature), ctx);
    }
}
