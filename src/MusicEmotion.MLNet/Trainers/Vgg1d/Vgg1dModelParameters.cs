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

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "VGG16_1D",
            verWrittenCur: 0x00010001, // Initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(Vgg1dModelParameters).Assembly.FullName);

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static Vgg1dModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            return new Vgg1dModelParameters(env.Register(LoaderSignature), ctx);
        }
    }
}
