using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// One branch of the optimized Inception block (paper Table 1, Figure 5): Conv1d(in → w, k, same) → BatchNorm1d →
    /// Conv1d(w → 1, k, same) (compress) → Conv1d(1 → w, k, same) (expand) → BatchNorm1d → AvgPool1d(2).
    /// Input (N, in, L); output (N, w, ⌊L/2⌋).
    /// </summary>
    internal sealed class InceptionBranch : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "conv_in")]
        private readonly Conv1d _convIn;
        [ComponentName(Name = "bn_in")]
        private readonly BatchNorm1d _bnIn;
        [ComponentName(Name = "compress")]
        private readonly Conv1d _compress;
        [ComponentName(Name = "expand")]
        private readonly Conv1d _expand;
        [ComponentName(Name = "bn_out")]
        private readonly BatchNorm1d _bnOut;
        [ComponentName(Name = "pool")]
        private readonly AvgPool1d _pool;

        public InceptionBranch(long inChannels, long width, long kernelSize)
            : base(nameof(InceptionBranch))
        {
            Width = width;
            KernelSize = kernelSize;
            _convIn = nn.Conv1d(inChannels, width, kernelSize, padding: Padding.Same);
            _bnIn = nn.BatchNorm1d(width);
            _compress = nn.Conv1d(width, 1, kernelSize, padding: Padding.Same);
            _expand = nn.Conv1d(1, width, kernelSize, padding: Padding.Same);
            _bnOut = nn.BatchNorm1d(width);
            _pool = nn.AvgPool1d(2);
            RegisterComponents();
        }

        public long Width { get; }

        public long KernelSize { get; }

        /// <summary>Weight (w, in, k) of the first convolution, for <see cref="InceptionBlock"/>'s fused path.</summary>
        public Tensor ConvInWeight => _convIn.weight;

        /// <summary>Bias (w) of the first convolution.</summary>
        public Tensor ConvInBias => _convIn.bias;

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            return ForwardAfterConvIn(MixedPrecision.Conv1dSame(_convIn, input, KernelSize)).MoveToOuterDisposeScope();
        }

        /// <summary>The branch after its first convolution, given that convolution's output (N, w, L).</summary>
        public Tensor ForwardAfterConvIn(Tensor convInOutput)
        {
            using var scope = torch.NewDisposeScope();
            var x = _bnIn.call(convInOutput);
            x = _expand.call(_compress.call(x));
            x = _pool.call(_bnOut.call(x));
            return x.MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = graph.BatchNorm(_bnIn, graph.Conv(_convIn, input));
            x = graph.Conv(_expand, graph.Conv(_compress, x));
            return graph.AvgPool(_pool, graph.BatchNorm(_bnOut, x));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _convIn.Dispose();
                _bnIn.Dispose();
                _compress.Dispose();
                _expand.Dispose();
                _bnOut.Dispose();
                _pool.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
