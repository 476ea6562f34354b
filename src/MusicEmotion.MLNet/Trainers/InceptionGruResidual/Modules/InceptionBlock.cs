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

        public InceptionBlock(long inChannels, int[] kernelSizes, int[] widths)
            : base(nameof(InceptionBlock))
        {
            if (kernelSizes.Length != widths.Length)
                throw new ArgumentException(
                    $"kernelSizes has {kernelSizes.Length} entries but widths has {widths.Length}; they must match.", nameof(widths));
            _branches = nn.ModuleList(kernelSizes.Select((k, i) => new InceptionBranch(inChannels, widths[i], k)).ToArray());
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var outputs = new Tensor[_branches.Count];
            for (int i = 0; i < outputs.Length; i++)
                outputs[i] = _branches[i].call(input);
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
