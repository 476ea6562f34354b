using System.Linq;
using MusicEmotion.MLNet.Tests.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    [Collection(TorchTrainingCollection.Name)]
    public class InceptionGruResidualNetworkTests
    {
        private static readonly NetworkShape s_paper = new NetworkShape(1025, 1292, 4);

        [TorchFact]
        public void FullSizeNetworkHasThePaperParameterCount()
        {
            using var network = InceptionGruResidualArchitecture.Paper.CreateNetwork(s_paper);
            long parameters = network.parameters().Sum(p => p.numel());
            Assert.Equal(1_588_583, parameters);
            Assert.Equal(parameters, InceptionGruResidualArchitecture.Paper.CountParameters(s_paper));
        }

        [Fact]
        public void FullSizeForwardFlopsMatchTheDocumentedCount()
        {
            var costs = InceptionGruResidualArchitecture.Paper.GetLayerCosts(s_paper);
            Assert.Equal(2_116_450_752, costs.Sum(c => c.Flops));
            Assert.Equal(1_740_871_808, costs.Where(c => c.Layer.StartsWith("inception")).Sum(c => c.Flops));
            Assert.Equal(375_567_360, costs.Where(c => c.Layer.StartsWith("blocks")).Sum(c => c.Flops));
            Assert.Equal(11_520, costs.Single(c => c.Layer == "gru").Flops);
        }

        [Theory]
        [InlineData(1292, 8)]
        [InlineData(128, 5)]
        [InlineData(64, 4)]
        [InlineData(8, 1)]
        [InlineData(4, 0)]
        public void PoolingStagesLeaveTheGruAtLeastTwoSteps(int frames, int expectedPools)
        {
            var pools = InceptionGruResidualArchitecture.Paper.GetStagePooling(frames);
            Assert.Equal(expectedPools, pools.Count(p => p));
            int steps = frames / 2;
            foreach (var pool in pools)
                steps = pool ? steps / 2 : steps;
            Assert.True(steps >= 2, $"GRU sees {steps} steps for {frames} frames");
        }

        [TorchFact]
        public void FusedInceptionConvolutionsEqualTheSeparateBranchesInValuesAndGradients()
        {
            var path = InceptionConvolutionPath.FusedKernel;
            torch.manual_seed(5);
            using var block = new InceptionBlock(20, new[] { 3, 5, 7 }, new[] { 16, 32, 64 });
            // eval: BatchNorm uses its running statistics, so the first convolutions' biases get a gradient too.
            block.eval();
            using var input = torch.randn(2, 20, 30);
            using var outputWeights = torch.randn(2, 112, 15);

            (Tensor Output, Tensor[] Grads) Run(InceptionConvolutionPath p)
            {
                block.ConvolutionPath = p;
                block.zero_grad();
                var output = block.call(input);
                (output * outputWeights).sum().backward();
                return (output.detach(), block.parameters().Select(t => t.grad.clone()).ToArray());
            }

            var (expected, expectedGrads) = Run(InceptionConvolutionPath.PerBranch);
            var (actual, actualGrads) = Run(path);
            Assert.Equal(new long[] { 2, 112, 15 }, actual.shape);
            Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), $"{path} and per-branch outputs differ");
            Assert.Equal(expectedGrads.Length, actualGrads.Length);
            for (int i = 0; i < expectedGrads.Length; i++)
            {
                double scale = expectedGrads[i].abs().max().item<float>();
                Assert.True(scale > 0, $"parameter {i} has no gradient");
                Assert.True(actualGrads[i].allclose(expectedGrads[i], rtol: 1e-4, atol: 1e-5 * scale),
                    $"{path}: gradient of parameter {i} differs from the per-branch one");
            }
        }

        [TorchFact]
        public void FusedPathsNeedOddKernels()
        {
            using var block = new InceptionBlock(4, new[] { 2, 3 }, new[] { 2, 2 });
            Assert.Equal(InceptionConvolutionPath.PerBranch, block.ConvolutionPath);
            var error = Assert.Throws<System.ArgumentException>(() => block.ConvolutionPath = InceptionConvolutionPath.FusedKernel);
            Assert.StartsWith("ConvolutionPath=FusedKernel needs odd kernel sizes.", error.Message);
        }

        [TorchFact]
        public void TinyForwardGivesLogitsPerClass()
        {
            torch.manual_seed(3);
            using var network = InceptionGruResidualArchitecture.Paper.CreateNetwork(new NetworkShape(32, 64, 4));
            network.eval();
            using var noGrad = torch.no_grad();
            using var output = network.call(torch.randn(2, 32, 64));
            Assert.Equal(new long[] { 2, 4 }, output.shape);
            Assert.True(output.isfinite().all().item<bool>());
        }
    }
}
