using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.SarkarVgg;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(SarkarVggModelParameters), null, typeof(SignatureLoadModel),
    "Reduced VGG of Sarkar et al. (2020) multiclass network", SarkarVggModelParameters.LoaderSignature)]

namespace MusicEmotion.MLNet.Trainers.SarkarVgg
{
    /// <summary>The trained reduced VGG of Sarkar et al. (2020) produced by <see cref="SarkarVggTrainer"/>.</summary>
    public sealed class SarkarVggModelParameters : TorchSharpMulticlassModelParameters
    {
        internal const string LoaderSignature = "SarkarVggMc";

        internal SarkarVggModelParameters(IHostEnvironment env, NetworkArchitecture architecture, NetworkShape shape,
            nn.Module<Tensor, Tensor> network, IReadOnlyList<TrainingEpochSummary> history)
            : base(env, LoaderSignature, architecture, shape, network, history)
        {
        }

        // Takes IHost, not IHostEnvironment, so ML.NET's ComponentCatalog picks Create as the loader.
        private SarkarVggModelParameters(IHost host, ModelLoadContext ctx)
            : base(host, LoaderSignature, ctx)
        {
        }

        private static VersionInfo GetVersionInfo() => CreateVersionInfo("SARKVGG1", LoaderSignature, typeof(SarkarVggModelParameters));

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static SarkarVggModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
            => new SarkarVggModelParameters(CheckLoad(env, ctx, GetVersionInfo(), LoaderSignature), ctx);
    }
}
