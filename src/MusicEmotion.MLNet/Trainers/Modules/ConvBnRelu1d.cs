using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Conv1d(in → out, k, stride, padding k/2, no bias: the batch normalisation's β replaces it) → BatchNorm1d → ReLU,
    /// the unit of the VGG-style, multi-kernel and Inception-v3 baselines. Input (N, in, L); output (N, out, L) for odd
    /// k and stride 1, (N, out, ⌊(L − 1)/2⌋ + 1) for stride 2.
    /// </summary>
    internal sealed class ConvBnRelu1d : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "conv")]
        private readonly Conv1d _conv;
        [ComponentName(Name = "bn")]
        private readonly BatchNorm1d _bn;
        private readonly long _stride;
        private readonly long _padding;
        private readonly bool _readsSpectrogram;

        // readsSpectrogram: this unit reads the network's input, so its convolution runs in BFloat16 inside a
        // MixedPrecision scope.
        public ConvBnRelu1d(long inChannels, long outChannels, long kernelSize, long stride = 1, bool readsSpectrogram = false)
            : base(nameof(ConvBnRelu1d))
        {
            _stride = stride;
            _readsSpectrogram = readsSpectrogram;
            _padding = kernelSize / 2;
            _conv = nn.Conv1d(inChannels, outChannels, kernelSize, stride: stride, padding: _padding, bias: false);
            _bn = nn.BatchNorm1d(outChannels);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            return nn.functional.relu(_bn.call(_readsSpectrogram ? MixedPrecision.Conv1d(_conv, input, _padding, _stride) : _conv.call(input))).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
            => graph.Relu(graph.BatchNorm(_bn, graph.Conv(_conv, input)));

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
