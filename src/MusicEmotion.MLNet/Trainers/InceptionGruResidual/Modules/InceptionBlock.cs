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
            // FusedKernel by default: on the paper's shapes one k = 7 convolution beats three smaller ones despite its
            // ~20 % more multiply-adds (NetworkBenchmark --inception-paths).
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
            var convIn = FusedKernelConvolution(input);
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
            var convIn = MixedPrecision.Conv1d(input, torch.cat(weights, 0), torch.cat(biases, 0), _maxKernel / 2);
            return convIn.split(_widths, 1);
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
