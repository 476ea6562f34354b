using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using TorchSharp;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    /// <summary>The checks every Table 3 baseline trainer passes: counts, learning, save/load in a fresh process.</summary>
    internal static class BaselineTrainerChecks
    {
        public static readonly NetworkShape PaperShape = new NetworkShape(1025, 1292, 4);

        /// <summary>The built network's trainable parameters equal the analytic count and the pinned figure, and the
        /// analytic FLOPs equal the pinned figure, for [1025, 1292] inputs and 4 classes.</summary>
        public static void AssertFullSizeCounts(NetworkDefinition architecture, long parameters, long flops)
        {
            using var network = architecture.CreateNetwork(PaperShape);
            long built = network.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
            Assert.Equal(parameters, built);
            Assert.Equal(built, architecture.CountParameters(PaperShape));
            Assert.Equal(flops, architecture.CountForwardFlops(PaperShape));
        }

        /// <summary>
        /// Trains on 32 synthetic rows, checks held-out accuracy well above chance (0.25), the reported architecture and
        /// counts, then saves the model and scores it in a fresh process: the scores must be bit-identical. The callers
        /// train on one thread: on a shared, oversubscribed machine OpenMP's spinning threads made training 5x slower.
        /// </summary>
        public static void AssertLearnsAndRoundTrips(
            Func<MLContext, IEstimator<MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>>> createTrainer,
            NetworkDefinition architecture)
        {
            var ml = new MLContext(seed: 1);
            var toKey = ml.Transforms.Conversion.MapValueToKey("Label").Fit(SyntheticSpectrograms.Load(ml, 8, seed: 1));
            var train = toKey.Transform(SyntheticSpectrograms.Load(ml, 32, seed: 21));
            var test = toKey.Transform(SyntheticSpectrograms.Load(ml, 16, seed: 22));
            var model = createTrainer(ml).Fit(train);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
            Assert.True(metrics.MicroAccuracy >= 0.7, $"held-out accuracy {metrics.MicroAccuracy:F3} (chance 0.25)");
            var shape = new NetworkShape(SyntheticSpectrograms.Bins, SyntheticSpectrograms.Frames, 4);
            Assert.Equal(architecture.Id, model.Model.Definition.Id);
            Assert.Equal(architecture.CountParameters(shape), model.Model.ParameterCount);
            Assert.Equal(architecture.CountForwardFlops(shape), model.Model.ForwardFlopsPerSample);

            var path = Path.Combine(Path.GetTempPath(), $"{architecture.Id}-{Guid.NewGuid():N}.zip");
            try
            {
                ml.Model.Save(model, train.Schema, path);
                Assert.Equal(FreshProcessScorer.ReadColumn(model.Transform(test), "Score"),
                    FreshProcessScorer.Score(ml, path, test, "Score", float32: model.Model.UseBFloat16 == false));
            }
            finally
            {
                File.Delete(path);
            }
        }

        /// <summary>A forward pass on (2, 3, <paramref name="frames"/>) gives (2, 2) logits, however short the input.</summary>
        public static void AssertForwardOnShortInput(NetworkDefinition architecture, int frames)
        {
            torch.manual_seed(5);
            using var network = architecture.CreateNetwork(new NetworkShape(3, frames, 2));
            network.eval();
            using var scope = torch.NewDisposeScope();
            using var _ = torch.no_grad();
            var logits = network.call(torch.randn(2, 3, frames));
            Assert.Equal(new long[] { 2, 2 }, logits.shape);
            Assert.True(logits.isfinite().all().item<bool>());
        }
    }
}
