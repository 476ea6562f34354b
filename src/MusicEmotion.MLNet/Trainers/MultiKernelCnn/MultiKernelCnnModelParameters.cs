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

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "MKCNN_1D",
            verWrittenCur: 0x00010001, // Initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(MultiKernelCnnModelParameters).Assembly.FullName);

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static MultiKernelCnnModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            return new MultiKernelCnnModelParameters(env.Register(LoaderSignature), ctx);
        }
    }
}
