using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.ResNet1d;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(ResNet1dModelParameters), null, typeof(SignatureLoadModel),
    "ResNet-18 1D multiclass network", ResNet1dModelParameters.LoaderSignature)]

namespace MusicEmotion.MLNet.Trainers.ResNet1d
{
    /// <summary>The trained 1D ResNet-18 baseline produced by <see cref="ResNet1dTrainer"/>.</summary>
    public sealed class ResNet1dModelParameters : TorchSharpMulticlassModelParameters
    {
        internal const string LoaderSignature = "ResNet1dMc";

        internal ResNet1dModelParameters(IHostEnvironment env, NetworkArchitecture architecture, NetworkShape shape,
            nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            : base(env, LoaderSignature, architecture, shape, network, history)
        {
        }

        // Takes IHost, not IHostEnvironment, so ML.NET's ComponentCatalog picks Create as the loader.
        private ResNet1dModelParameters(IHost host, ModelLoadContext ctx)
            : base(host, LoaderSignature, ctx)
        {
        }

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "RESNET1D",
            verWrittenCur: 0x00010001, // Initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(ResNet1dModelParameters).Assembly.FullName);

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static ResNet1dModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            return new ResNet1dModelParameters(env.Register(LoaderSignature), ctx);
        }
    }
}
