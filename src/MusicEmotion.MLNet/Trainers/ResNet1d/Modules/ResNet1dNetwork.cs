using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// ResNet-18 in 1D over (N, bins, frames): Conv1d(bins → 64, 7, stride 2) → BN → ReLU → MaxPool1d(3, 2) → four
    /// stages of two <see cref="BasicBlock1d"/> (64, 128, 256, 512 channels; stages 2-4 start with stride 2) → global
    /// average pooling over time → Linear(512 → classes) logits.
    /// </summary>
    internal sealed class ResNet1dNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "conv1")]
        private readonly Conv1d _conv1;
        [ComponentName(Name = "bn1")]
        private readonly BatchNorm1d _bn1;
        [ComponentName(Name = "maxpool")]
        private readonly MaxPool1d _maxPool;
        [ComponentName(Name = "blocks")]
        private readonly ModuleList<BasicBlock1d> _blocks;
        [ComponentName(Name = "fc")]
        private readonly Linear _fc;
        private readonly long _stemKernelSize;

        public ResNet1dNetwork(ResNet1dArchitecture architecture, NetworkShape shape)
            : base(nameof(ResNet1dNetwork))
        {
            var widths = architecture.StageWidths;
            _stemKernelSize = architecture.StemKernelSize;
            _conv1 = nn.Conv1d(shape.Channels, widths[0], architecture.StemKernelSize, stride: 2,
                padding: architecture.StemKernelSize / 2, bias: false);
            _bn1 = nn.BatchNorm1d(widths[0]);
            _maxPool = nn.MaxPool1d(3, stride: 2, padding: 1);
            var blocks = new List<BasicBlock1d>();
            long inChannels = widths[0];
            for (int stage = 0; stage < widths.Length; stage++)
            {
                for (int b = 0; b < architecture.BlocksPerStage; b++)
                {
                    long stride = stage > 0 && b == 0 ? 2 : 1;
                    blocks.Add(new BasicBlock1d(inChannels, widths[stage], stride));
                    inChannels = widths[stage];
                }
            }
            _blocks = nn.ModuleList(blocks.ToArray());
            _fc = nn.Linear(inChannels, shape.Classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = _maxPool.call(nn.functional.relu(_bn1.call(MixedPrecision.Conv1d(_conv1, input, _stemKernelSize / 2, 2))));
            foreach (var block in _blocks)
                x = block.call(x);
            return _fc.call(x.mean(new long[] { 2 })).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = graph.MaxPool(_maxPool, graph.Relu(graph.BatchNorm(_bn1, graph.Conv(_conv1, input))));
            foreach (var block in _blocks)
                x = block.ExportOnnx(graph, x);
            return graph.Linear(_fc, graph.MeanOverTime(x));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _conv1.Dispose();
                _bn1.Dispose();
                _maxPool.Dispose();
                _blocks.Dispose();
                _fc.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
