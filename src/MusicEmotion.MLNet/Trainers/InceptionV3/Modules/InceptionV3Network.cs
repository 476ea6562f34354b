using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Inception-v3 in 1D over (N, bins, frames) (see <see cref="InceptionV3Architecture"/>): the blocks in order →
    /// global average pooling over time → Dropout → Linear(2048 → classes) logits.
    /// </summary>
    internal sealed class InceptionV3Network : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "blocks")]
        private readonly ModuleList<InceptionV3BlockModule> _blocks;
        [ComponentName(Name = "dropout")]
        private readonly Dropout _dropout;
        [ComponentName(Name = "fc")]
        private readonly Linear _fc;

        public InceptionV3Network(InceptionV3Architecture architecture, NetworkShape shape)
            : base(nameof(InceptionV3Network))
        {
            var reductions = architecture.GetBlockReductions(shape.Frames);
            var blocks = new List<InceptionV3BlockModule>();
            int channels = shape.Channels;
            for (int b = 0; b < architecture.Blocks.Count; b++)
            {
                var branches = architecture.Blocks[b];
                blocks.Add(new InceptionV3BlockModule(branches, channels, reductions[b], readsSpectrogram: b == 0));
                channels = branches.Sum(branch => branch.OutputChannels(channels));
            }
            _blocks = nn.ModuleList(blocks.ToArray());
            _dropout = nn.Dropout(architecture.Dropout);
            _fc = nn.Linear(channels, shape.Classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = input;
            foreach (var block in _blocks)
                x = block.call(x);
            return _fc.call(_dropout.call(x.mean(new long[] { 2 }))).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = input;
            foreach (var block in _blocks)
                x = block.ExportOnnx(graph, x);
            return graph.Linear(_fc, graph.Layer(_dropout, graph.MeanOverTime(x)));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _blocks.Dispose();
                _dropout.Dispose();
                _fc.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
