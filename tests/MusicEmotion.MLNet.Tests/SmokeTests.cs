using MusicEmotion.MLNet.Tests.Infrastructure;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Tests
{
    public class SmokeTests
    {
        [TorchFact]
        public void LibTorchLoadsAndComputes()
        {
            using var x = torch.arange(6, dtype: ScalarType.Float32).reshape(2, 3);
            Assert.Equal(15f, x.sum().item<float>());
        }
    }
}
