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

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "SARKVGG1",
            verWrittenCur: 0x00010001, // Initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(SarkarVggModelParameters).Assembly.FullName);

        private protected override VersionInfo GetVersionInfoCore() => GetVersionInfo();

        private static SarkarVggModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            return new SarkarVggModelParameters(env.Register(LoaderSignature), ctx);
        }
    }
}
