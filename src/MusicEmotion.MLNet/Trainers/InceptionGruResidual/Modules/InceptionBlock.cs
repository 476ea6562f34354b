using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers.InceptionGruResidual.Modules
{
    /// <summary>
    /// The paper's "SE-Inception" block: parallel <see cref="InceptionBranch"/>es (kernel sizes 3, 5, 7 and widths
    /// 16, 32, 64 in the paper) concatenated on the channel axis. Input (N, in, L); output (N, Σw, ⌊L/2⌋).
    /// </summary>
    internal sealed class InceptionBlock : nn.Module<Tensor, Tensor>
    {
        [ComponentName(Name = "branches")]
        private readonly ModuleList<InceptionBranch> _branches;

        // With odd kernel sizes, 'same' padding is symmetric and the branches' first convolutions can run as one
        // convolution with the largest kernel: each smaller kernel is zero-padded to the centre of the larger one,
        // which gives the same sums (and exact gradients for the real weights). One (1025 → 112, k = 7) convolution
        // runs faster than three narrow ones although it does 19 % more multiply-adds (NetworkBenchmark --layers).
        private readonly bool _fused;
        private readonly long _maxKernel;
        private readonly long[] _widths;

        public InceptionBlock(long inChannels, int[] kernelSizes, int[] widths)
            : base(nameof(InceptionBlock))
        {
            if (kernelSizes.Length != widths.Length)
                throw new ArgumentException(
                    $"kernelSizes has {kernelSizes.Length} entries but widths has {widths.Length}; they must match.", nameof(widths));
            _branches = nn.ModuleList(kernelSizes.Select((k, i) => new InceptionBranch(inChannels, widths[i], k)).ToArray());
            _fused = kernelSizes.Length > 1 && kernelSizes.All(k => k % 2 == 1);
            _maxKernel = kernelSizes.Max();
            _widths = widths.Select(w => (long)w).ToArray();
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var outputs = new Tensor[_branches.Count];
            if (!_fused)
            {
                for (int i = 0; i < outputs.Length; i++)
                    outputs[i] = _branches[i].call(input);
                return torch.cat(outputs, 1).MoveToOuterDisposeScope();
            }
            var weights = new Tensor[outputs.Length];
            var biases = new Tensor[outputs.Length];
            for (int i = 0; i < outputs.Length; i++)
            {
                var branch = _branches[i];
                long pad = (_maxKernel - branch.KernelSize) / 2;
                weights[i] = pad == 0 ? branch.ConvInWeight : nn.functional.pad(branch.ConvInWeight, new[] { pad, pad });
                biases[i] = branch.ConvInBias;
            }
            var convIn = nn.functional.conv1d(input, torch.cat(weights, 0), torch.cat(biases, 0), padding: _maxKernel / 2);
            var parts = convIn.split(_widths, 1);
            for (int i = 0; i < outputs.Length; i++)
                outputs[i] = _branches[i].ForwardAfterConvIn(parts[i]);
            return torch.cat(outputs, 1).MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _branches.Dispose();
            base.Dispose(disposing);
        }
    }
}
