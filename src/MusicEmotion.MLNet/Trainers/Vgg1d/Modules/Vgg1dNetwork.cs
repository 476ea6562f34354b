using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A VGG-style network over (N, bins, frames) as <see cref="Vgg1dArchitecture"/> describes: <see cref="ConvBnRelu1d"/>
    /// units (k = 3) in stages, MaxPool1d(2) after each stage that may pool, global average pooling over time, then
    /// Linear → ReLU → Dropout → Linear logits.
    /// </summary>
    internal sealed class Vgg1dNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "convs")]
        private readonly ModuleList<ConvBnRelu1d> _convs;
        [ComponentName(Name = "pool")]
        private readonly MaxPool1d _pool;
        [ComponentName(Name = "fc1")]
        private readonly Linear _fc1;
        [ComponentName(Name = "dropout")]
        private readonly Dropout _dropout;
        [ComponentName(Name = "fc2")]
        private readonly Linear _fc2;

        // For each convolution, whether the pool follows it (the last unit of a stage that pools).
        private readonly bool[] _poolAfter;

        public Vgg1dNetwork(Vgg1dArchitecture architecture, NetworkShape shape)
            : base(nameof(Vgg1dNetwork))
        {
            var stagePools = architecture.GetStagePooling(shape.Frames);
            var units = new List<ConvBnRelu1d>();
            var poolAfter = new List<bool>();
            long inChannels = shape.Channels;
            for (int s = 0; s < architecture.StageWidths.Length; s++)
            {
                for (int c = 0; c < architecture.ConvolutionsPerStage[s]; c++)
                {
                    units.Add(new ConvBnRelu1d(inChannels, architecture.StageWidths[s], 3, readsSpectrogram: units.Count == 0));
                    poolAfter.Add(stagePools[s] && c == architecture.ConvolutionsPerStage[s] - 1);
                    inChannels = architecture.StageWidths[s];
                }
            }
            _convs = nn.ModuleList(units.ToArray());
            _poolAfter = poolAfter.ToArray();
            _pool = nn.MaxPool1d(2);
            _fc1 = nn.Linear(inChannels, architecture.HiddenUnits);
            _dropout = nn.Dropout(architecture.Dropout);
            _fc2 = nn.Linear(architecture.HiddenUnits, shape.Classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = input;
            for (int i = 0; i < _convs.Count; i++)
            {
                x = _convs[i].call(x);
                if (_poolAfter[i])
                    x = _pool.call(x);
            }
            x = _dropout.call(nn.functional.relu(_fc1.call(x.mean(new long[] { 2 }))));
            return _fc2.call(x).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = input;
            for (int i = 0; i < _convs.Count; i++)
            {
                x = _convs[i].ExportOnnx(graph, x);
                if (_poolAfter[i])
                    x = graph.MaxPool(_pool, x);
            }
            x = graph.Relu(graph.Linear(_fc1, graph.MeanOverTime(x)));
            return graph.Linear(_fc2, graph.Layer(_dropout, x));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _convs.Dispose();
                _pool.Dispose();
                _fc1.Dispose();
                _dropout.Dispose();
                _fc2.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
