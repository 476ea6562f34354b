using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The multi-kernel CNN over (N, bins, frames) as <see cref="MultiKernelCnnArchitecture"/> describes:
    /// <see cref="MultiKernelBlock"/>s each followed by MaxPool1d(2) where it may pool, global average pooling over time,
    /// Dropout and Linear logits.
    /// </summary>
    internal sealed class MultiKernelCnnNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "blocks")]
        private readonly ModuleList<MultiKernelBlock> _blocks;
        [ComponentName(Name = "pool")]
        private readonly MaxPool1d _pool;
        [ComponentName(Name = "dropout")]
        private readonly Dropout _dropout;
        [ComponentName(Name = "fc")]
        private readonly Linear _fc;

        private readonly bool[] _poolAfter;

        public MultiKernelCnnNetwork(MultiKernelCnnArchitecture architecture, NetworkShape shape)
            : base(nameof(MultiKernelCnnNetwork))
        {
            var blocks = new List<MultiKernelBlock>();
            long inChannels = shape.Channels;
            foreach (int width in architecture.BranchWidths)
            {
                blocks.Add(new MultiKernelBlock(inChannels, architecture.KernelSizes, width, readsSpectrogram: blocks.Count == 0));
                inChannels = (long)width * architecture.KernelSizes.Length;
            }
            _blocks = nn.ModuleList(blocks.ToArray());
            _poolAfter = architecture.GetBlockPooling(shape.Frames);
            _pool = nn.MaxPool1d(2);
            _dropout = nn.Dropout(architecture.Dropout);
            _fc = nn.Linear(inChannels, shape.Classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = input;
            for (int i = 0; i < _blocks.Count; i++)
            {
                x = _blocks[i].call(x);
                if (_poolAfter[i])
                    x = _pool.call(x);
            }
            return _fc.call(_dropout.call(x.mean(new long[] { 2 }))).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = input;
            for (int i = 0; i < _blocks.Count; i++)
            {
                x = _blocks[i].ExportOnnx(graph, x);
                if (_poolAfter[i])
                    x = graph.MaxPool(_pool, x);
            }
            return graph.Linear(_fc, graph.Layer(_dropout, graph.MeanOverTime(x)));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _blocks.Dispose();
                _pool.Dispose();
                _dropout.Dispose();
                _fc.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
