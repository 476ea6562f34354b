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

        private static VersionInfo GetVersionInfo() => CreateVersionInfo("RESNET1D", LoaderSignature, typeof(ResNet1dModelParameters));

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static ResNet1dModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
            => new ResNet1dModelParameters(CheckLoad(env, ctx, GetVersionInfo(), LoaderSignature), ctx);
    }
}
