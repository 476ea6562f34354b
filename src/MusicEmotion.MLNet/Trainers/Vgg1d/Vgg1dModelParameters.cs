using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.Vgg1d;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(Vgg1dModelParameters), null, typeof(SignatureLoadModel),
    "VGG-16-style 1D CNN multiclass network", Vgg1dModelParameters.LoaderSignature)]

namespace MusicEmotion.MLNet.Trainers.Vgg1d
{
    /// <summary>The trained VGG-16-style 1D CNN produced by <see cref="Vgg1dTrainer"/>.</summary>
    public sealed class Vgg1dModelParameters : TorchSharpMulticlassModelParameters
    {
        internal const string LoaderSignature = "Vgg1dMc";

        internal Vgg1dModelParameters(IHostEnvironment env, NetworkArchitecture architecture, NetworkShape shape,
            nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            : base(env, LoaderSignature, architecture, shape, network, history)
        {
        }

        // Takes IHost, not IHostEnvironment, so ML.NET's ComponentCatalog picks Create as the loader.
        private Vgg1dModelParameters(IHost host, ModelLoadContext ctx)
            : base(host, LoaderSignature, ctx)
        {
        }

        private static VersionInfo GetVersionInfo() => CreateVersionInfo("VGG16_1D", LoaderSignature, typeof(Vgg1dModelParameters));

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static Vgg1dModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
            => new Vgg1dModelParameters(CheckLoad(env, ctx, GetVersionInfo(), LoaderSignature), ctx);
    }
}
