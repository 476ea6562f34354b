using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The paper's "SE-Inception" block: parallel <see cref="InceptionBranch"/>es (kernel sizes 3, 5, 7 and widths
    /// 16, 32, 64 in the paper) concatenated on the channel axis. Input (N, in, L); output (N, Σw, ⌊L/2⌋).
    /// </summary>
    internal sealed class InceptionBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "branches")]
        private readonly ModuleList<InceptionBranch> _branches;

        private readonly bool _oddKernels;
        private readonly long _maxKernel;
        private readonly long[] _widths;
        private InceptionConvolutionPath _path;

        public InceptionBlock(long inChannels, int[] kernelSizes, int[] widths)
            : base(nameof(InceptionBlock))
        {
            if (kernelSizes.Length != widths.Length)
                throw new ArgumentException(
                    $"kernelSizes has {kernelSizes.Length} entries but widths has {widths.Length}; they must match.", nameof(widths));
            _branches = nn.ModuleList(kernelSizes.Select((k, i) => new InceptionBranch(inChannels, widths[i], k)).ToArray());
            _oddKernels = kernelSizes.All(k => k % 2 == 1);
            _maxKernel = kernelSizes.Max();
            _widths = widths.Select(w => (long)w).ToArray();
            // FusedKernel by default: on the paper's shapes it was as fast as TapGemm or faster (NetworkBenchmark
            // --inception-paths); TapGemm does 16 % fewer multiply-adds but its product and shifts do not beat oneDNN's
            // k = 7 convolution, and on one thread its product falls to MKL, which is slow on AMD CPUs.
            _path = _oddKernels && kernelSizes.Length > 1 ? InceptionConvolutionPath.FusedKernel : InceptionConvolutionPath.PerBranch;
            RegisterComponents();
        }

        /// <summary>
        /// How the branches' first convolutions are computed (<see cref="InceptionConvolutionPath"/>); the fused paths
        /// need odd kernel sizes. Every path gives the same values and gradients, so this only changes speed.
        /// </summary>
        public InceptionConvolutionPath ConvolutionPath
        {
            get => _path;
            set
            {
                if (value != InceptionConvolutionPath.PerBranch && !_oddKernels)
                    throw new ArgumentException($"ConvolutionPath={value} needs odd kernel sizes.", nameof(value));
                _path = value;
            }
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var outputs = new Tensor[_branches.Count];
            if (_path == InceptionConvolutionPath.PerBranch)
            {
                for (int i = 0; i < outputs.Length; i++)
                    outputs[i] = _branches[i].call(input);
                return torch.cat(outputs, 1).MoveToOuterDisposeScope();
            }
            var convIn = _path == InceptionConvolutionPath.TapGemm ? TapGemmConvolutions(input) : FusedKernelConvolution(input);
            for (int i = 0; i < outputs.Length; i++)
                outputs[i] = _branches[i].ForwardAfterConvIn(convIn[i]);
            return torch.cat(outputs, 1).MoveToOuterDisposeScope();
        }

        // With odd kernel sizes, 'same' padding is symmetric and the branches' first convolutions can run as one
        // convolution with the largest kernel: each smaller kernel is zero-padded to the centre of the larger one,
        // which gives the same sums (and exact gradients for the real weights, as the padding is inside autograd).
        private Tensor[] FusedKernelConvolution(Tensor input)
        {
            var weights = new Tensor[_branches.Count];
            var biases = new Tensor[_branches.Count];
            for (int i = 0; i < weights.Length; i++)
            {
                var branch = _branches[i];
                long pad = (_maxKernel - branch.KernelSize) / 2;
                weights[i] = pad == 0 ? branch.ConvInWeight : nn.functional.pad(branch.ConvInWeight, new[] { pad, pad });
                biases[i] = branch.ConvInBias;
            }
            var convIn = nn.functional.conv1d(input, torch.cat(weights, 0), torch.cat(biases, 0), padding: _maxKernel / 2);
            return convIn.split(_widths, 1);
        }

        // y_b[:, :, l] = Σ_t W_b[:, :, t] · x[:, :, l + t − p_b] + bias_b with p_b = (k_b − 1) / 2 ('same', zeros outside).
        // One matrix product Z = W_all · x gives every tap's term for every branch (rows ordered branch, tap, output
        // channel); each branch then adds its k_b row blocks, block t shifted by p_b − t steps. The product does the
        // convolutions' multiply-adds exactly once, reads the input in place, and its weight gradient is one more
        // product (dZ · xᵀ); the shifts are cheap copies. All of it is inside autograd, so gradients are exact.
        private Tensor[] TapGemmConvolutions(Tensor input)
        {
            int branches = _branches.Count;
            var weights = new Tensor[branches];
            var blockSizes = new long[_branches.Sum(b => b.KernelSize)];
            int block = 0;
            for (int i = 0; i < branches; i++)
            {
                var branch = _branches[i];
                var w = branch.ConvInWeight;
                weights[i] = w.permute(2, 0, 1).reshape(branch.KernelSize * branch.Width, w.shape[1]);
                for (int t = 0; t < branch.KernelSize; t++)
                    blockSizes[block++] = branch.Width;
            }
            // The product runs as a kernel-size-1 convolution: with more than one thread libtorch gives it to oneDNN,
            // which is faster here than the MKL GEMM behind matmul/bmm (MKL takes slower code paths on AMD CPUs), and
            // matmul would fold the batch into one product over a transposed copy of the input.
            var z = nn.functional.conv1d(input, torch.cat(weights, 0).unsqueeze(2));
            var taps = z.split(blockSizes, 1);
            var outputs = new Tensor[branches];
            block = 0;
            for (int i = 0; i < branches; i++)
            {
                var branch = _branches[i];
                long p = branch.KernelSize / 2;
                Tensor y = null;
                for (long t = 0; t < branch.KernelSize; t++)
                {
                    var tap = taps[block++];
                    var shifted = t == p ? tap : nn.functional.pad(tap, new[] { p - t, t - p });
                    y = y is null ? shifted : y + shifted;
                }
                outputs[i] = y + branch.ConvInBias.unsqueeze(1);
            }
            return outputs;
        }

        // Each branch with its own first convolution (the PerBranch path: the fused paths compute the same values).
        public string ExportOnnx(OnnxGraph graph, string input)
            => graph.ConcatChannels(_branches.Select(b => b.ExportOnnx(graph, input)).ToArray());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _branches.Dispose();
            base.Dispose(disposing);
        }
    }
}
