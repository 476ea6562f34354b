using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Parallel <see cref="ConvBnRelu1d"/> branches with different (odd) kernel sizes and the same width, concatenated on
    /// the channel axis. Input (N, in, L); output (N, branches × width, L).
    /// </summary>
    internal sealed class MultiKernelBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "branches")]
        private readonly ModuleList<ConvBnRelu1d> _branches;

        public MultiKernelBlock(long inChannels, int[] kernelSizes, long width, bool readsSpectrogram = false)
            : base(nameof(MultiKernelBlock))
        {
            _branches = nn.ModuleList(kernelSizes.Select(k => new ConvBnRelu1d(inChannels, width, k, readsSpectrogram: readsSpectrogram)).ToArray());
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
