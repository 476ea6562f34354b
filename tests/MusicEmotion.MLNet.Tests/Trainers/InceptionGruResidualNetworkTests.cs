using System.Linq;
using MusicEmotion.MLNet.Tests.Infrastructure;
using MusicEmotion.MLNet.Trainers;
using MusicEmotion.MLNet.Trainers.InceptionGruResidual;
using TorchSharp;
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
