using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.Modules
{
    /// <summary>
    /// Conv1d(in → out, k, 'same' padding k/2, no bias: the batch normalisation's β replaces it) → BatchNorm1d → ReLU,
    /// the unit of the VGG-style and multi-kernel baselines. Input (N, in, L); output (N, out, L) for odd k.
    /// </summary>
    internal sealed class ConvBnRelu1d : nn.Module<Tensor, Tensor>
    {
        [ComponentName(Name = "conv")]
        private readonly Conv1d _conv;
        [ComponentName(Name = "bn")]
        private readonly BatchNorm1d _bn;

        public ConvBnRelu1d(long inChannels, long outChannels, long kernelSize)
            : base(nameof(ConvBnRelu1d))
        {
            _conv = nn.Conv1d(inChannels, outChannels, kernelSize, padding: kernelSize / 2, bias: false);
            _bn = nn.BatchNorm1d(outChannels);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            return nn.functional.relu(_bn.call(_conv.call(input))).MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _conv.Dispose();
                _bn.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
