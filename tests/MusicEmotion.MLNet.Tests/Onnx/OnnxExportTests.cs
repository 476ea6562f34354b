using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using MusicEmotion.MLNet.Tests.Trainers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Onnx
{
    /// <summary>
    /// Every architecture exported to ONNX and scored by ONNX Runtime gives TorchSharp's class probabilities within
    /// 1e-4, on tiny shapes with random weights and random batch-normalisation statistics.
    /// </summary>
    [Collection(TorchTrainingCollection.Name)]
    public class OnnxExportTests
    {
        private const double Tolerance = 1e-4;

        public static TheoryData<NetworkArchitecture> Architectures()
        {
            var data = new TheoryData<NetworkArchitecture>();
            foreach (var a in NetworkDefinitions.All)
                data.Add(a);
            return data;
        }

        [TorchTheory]
        [MemberData(nameof(Architectures))]
        public void OnnxRuntimeGivesTorchSharpProbabilities(NetworkArchitecture architecture)
        {
            var shape = new NetworkShape(12, 48, 4);
            var definition = NetworkDefinitions.For(architecture);
            definition.ValidateShape(shape, "shape");
            var (expected, actual) = ScoreBothWays(definition, shape, batch: 3, seed: 11 + (int)architecture);
            AssertClose(expected, actual, architecture.ToString());
        }

        [TorchFact]
        public void EvenKernelsWithSamePaddingExportAsPyTorchPadsThem()
        {
            // 'same' with an even kernel pads one step more at the end than at the start; the residual blocks and every
            // Inception branch here have even kernels, and the GRU sees 6 steps.
            var definition = new InceptionGruResidualArchitecture(new[] { 2, 4 }, new[] { 3, 5 }, residualKernelSize: 2,
                stageBlocks: new[] { 1, 1 }, gruHiddenSize: 3);
            var shape = new NetworkShape(10, 24, 3);
            definition.ValidateShape(shape, "shape");
            var (expected, actual) = ScoreBothWays(definition, shape, batch: 2, seed: 3);
            AssertClose(expected, actual, "even kernels");
        }

        [TorchFact]
        public void PerBinNormalisationRunsBeforeTheNetwork()
        {
            var definition = NetworkDefinitions.For(NetworkArchitecture.InceptionGruResidual);
            var shape = new NetworkShape(8, 32, 3);
            torch.manual_seed(21);
            using var network = CreateRandomNetwork(definition, shape);
            var mean = Enumerable.Range(0, shape.Channels).Select(i => -40f + i).ToArray();
            var sd = Enumerable.Range(0, shape.Channels).Select(i => 5f + 0.5f * i).ToArray();
            using var x = torch.randn(2, shape.Channels, shape.Frames) * 10 - 30;
            float[] expected;
            using (torch.no_grad())
            {
                var normalised = (x - torch.tensor(mean).unsqueeze(1)) / torch.tensor(sd).unsqueeze(1);
                expected = nn.functional.softmax(network.call(normalised), 1).data<float>().ToArray();
            }
            using var stream = new MemoryStream();
            OnnxExporter.Export(definition, shape, network, stream, mean, sd);
            using var scorer = new OnnxNetworkScorer(stream.ToArray(), allowGpu: false);
            var actual = scorer.Score(x.data<float>().ToArray(), 2);
            AssertClose(expected, actual, "normalised");

            // Without the step the probabilities differ, so the comparison above can fail.
            using var plain = new MemoryStream();
            OnnxExporter.Export(definition, shape, network, plain);
            using var plainScorer = new OnnxNetworkScorer(plain.ToArray(), allowGpu: false);
            var unnormalised = plainScorer.Score(x.data<float>().ToArray(), 2);
            Assert.True(expected.Zip(unnormalised, (e, a) => Math.Abs(e - a)).Max() > 1e-3);
        }

        [TorchFact]
        public void AModelTrainedOnNormalisedInputExportsItsNormalisation()
        {
            var ml = new MLContext(seed: 1);
            var train = SyntheticSpectrograms.Load(ml, 32, seed: 3);
            var options = new SpectrogramClassificationTrainer.Options
            {
                Epochs = 1, BatchSize = 8, Seed = 4, Device = TrainingDevice.Cpu,
                Recipe = TrainingRecipe.Recommended,
            };
            // Train on every row (no validation split): the point is the exported graph, not the epoch choice.
            options.RecipeSettings = RecipeSettings.For(TrainingRecipe.Recommended);
            options.RecipeSettings.ValidationFraction = 0;
            var model = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(options)).Fit(train);
            var parameters = ((Microsoft.ML.Data.MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>)model.LastTransformer).Model;
            Assert.NotNull(parameters.Normalization);
            // The exported graph is Float32; so is the reference it must match.
            parameters.UseBFloat16 = false;
            var expected = model.Transform(train).GetColumn<float[]>("Score").SelectMany(v => v).ToArray();

            using var stream = new MemoryStream();
            parameters.ExportOnnx(stream);
            using var scorer = new OnnxNetworkScorer(stream.ToArray(), allowGpu: false);
            var input = ml.Data.CreateEnumerable<SyntheticSpectrograms.Row>(train, reuseRowObject: false).SelectMany(r => r.Features).ToArray();
            AssertClose(expected, scorer.Score(input, expected.Length / 4), "normalised model");
        }

        [TorchFact]
        public void ScorerReadsShapesAndNamesAndChoosesTheCpuWithoutCuda()
        {
            var definition = NetworkDefinitions.For(NetworkArchitecture.MultiKernelCnn);
            var shape = new NetworkShape(6, 20, 5);
            torch.manual_seed(2);
            using var network = CreateRandomNetwork(definition, shape);
            using var stream = new MemoryStream();
            OnnxExporter.Export(definition, shape, network, stream);
            using var scorer = new OnnxNetworkScorer(stream.ToArray());
            Assert.Equal((6, 20, 5), (scorer.Bins, scorer.Frames, scorer.Classes));
            // The test project references the CPU natives, which have no CUDA provider.
            Assert.Equal(OnnxNetworkScorer.CpuProvider, scorer.ExecutionProvider);
            Assert.Null(scorer.GpuFallbackReason);
            var probabilities = scorer.Score(new float[4 * 6 * 20], 4);
            Assert.Equal(4 * 5, probabilities.Length);
            for (int r = 0; r < 4; r++)
                Assert.Equal(1.0, probabilities.Skip(5 * r).Take(5).Sum(p => (double)p), 5);
            var error = Assert.Throws<ArgumentException>(() => scorer.Score(new float[6 * 20 + 1], 1));
            Assert.Contains("6 bins x 20 frames", error.Message);
        }

        [Fact]
        public void ScorerNamesAFileThatIsNotAModel()
        {
            var path = Path.Combine(Path.GetTempPath(), $"mer-not-onnx-{Guid.NewGuid():N}.onnx");
            File.WriteAllText(path, "not a model");
            try
            {
                var error = Assert.Throws<InvalidDataException>(() => new OnnxNetworkScorer(path, allowGpu: false));
                Assert.Contains(path, error.Message);
                Assert.Throws<FileNotFoundException>(() => new OnnxNetworkScorer(path + ".missing"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TorchFact]
        public void ExportThroughTheModelParametersWritesTheFileAndLeavesTheStreamOpen()
        {
            var definition = NetworkDefinitions.For(NetworkArchitecture.SarkarVgg);
            var shape = new NetworkShape(8, 32, 3);
            torch.manual_seed(4);
            var ml = new MLContext(seed: 1);
            var parameters = new SpectrogramClassificationModelParameters(ml, definition, shape,
                CreateRandomNetwork(definition, shape), Array.Empty<TrainingProgress>());
            using var stream = new MemoryStream();
            parameters.ExportOnnx(stream);
            Assert.True(stream.CanWrite);
            var path = Path.Combine(Path.GetTempPath(), $"mer-export-{Guid.NewGuid():N}", "model.onnx");
            try
            {
                parameters.ExportOnnx(path);
                Assert.Equal(stream.ToArray(), File.ReadAllBytes(path));
                Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path), "*.tmp-*"));
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path), recursive: true);
            }
        }

        /// <summary>A network with default-initialised weights and random batch-normalisation state, in eval mode.</summary>
        internal static nn.Module<Tensor, Tensor> CreateRandomNetwork(NetworkDefinition definition, NetworkShape shape)
        {
            var network = definition.CreateNetwork(shape);
            using (torch.no_grad())
            {
                foreach (var (_, module) in network.named_modules())
                {
                    if (module is BatchNorm1d bn)
                    {
                        bn.running_mean.copy_(torch.randn(bn.num_features) * 0.2);
                        bn.running_var.copy_(torch.rand(bn.num_features) + 0.5);
                        bn.weight.copy_(torch.rand(bn.num_features) + 0.5);
                        bn.bias.copy_(torch.randn(bn.num_features) * 0.2);
                    }
                }
            }
            network.eval();
            return network;
        }

        private static (float[] Expected, float[] Actual) ScoreBothWays(NetworkDefinition definition, NetworkShape shape,
            int batch, int seed)
        {
            torch.manual_seed(seed);
            using var network = CreateRandomNetwork(definition, shape);
            using var x = torch.randn(batch, shape.Channels, shape.Frames);
            float[] expected;
            using (torch.no_grad())
                expected = nn.functional.softmax(network.call(x), 1).data<float>().ToArray();
            using var stream = new MemoryStream();
            OnnxExporter.Export(definition, shape, network, stream);
            using var scorer = new OnnxNetworkScorer(stream.ToArray(), allowGpu: false);
            return (expected, scorer.Score(x.data<float>().ToArray(), batch));
        }

        internal static void AssertClose(float[] expected, float[] actual, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            double worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
            Assert.True(worst <= Tolerance, $"{what}: ONNX and TorchSharp probabilities differ by up to {worst:E2}.");
            // The probabilities are not all equal, so agreement is not trivial.
            Assert.True(expected.Max() - expected.Min() > 1e-3, $"{what}: the network's probabilities are all equal.");
        }
    }
}
