using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>One <see cref="InceptionV3Branch"/>: its layers in sequence, then its fork's layers side by side,
    /// concatenated. Input (N, in, L); output (N, out, L) or (N, out, ⌊(L − 1)/2⌋ + 1) when it reduces.</summary>
    internal sealed class InceptionV3BranchModule : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "layers")]
        private readonly ModuleList<nn.Module<Tensor, Tensor>> _layers;
        [ComponentName(Name = "fork")]
        private readonly ModuleList<nn.Module<Tensor, Tensor>> _fork;

        public InceptionV3BranchModule(InceptionV3Branch branch, int inChannels, bool reduce, bool readsSpectrogram = false)
            : base(nameof(InceptionV3BranchModule))
        {
            var layers = new List<nn.Module<Tensor, Tensor>>();
            int channels = inChannels;
            bool beforeFirstConvolution = true;
            foreach (var layer in branch.Layers)
            {
                // The branch's first convolution reads the network input (possibly pooled) in the first block.
                layers.Add(Create(layer, channels, reduce, readsSpectrogram && beforeFirstConvolution));
                beforeFirstConvolution &= layer.Kind != InceptionV3LayerKind.Convolution;
                channels = layer.Kind == InceptionV3LayerKind.Convolution ? layer.Width : channels;
            }
            _layers = nn.ModuleList(layers.ToArray());
            _fork = nn.ModuleList(branch.Fork.Select(layer => Create(layer, channels, reduce, readsSpectrogram && beforeFirstConvolution)).ToArray());
            RegisterComponents();
        }

        private static nn.Module<Tensor, Tensor> Create(InceptionV3Layer layer, int inChannels, bool reduce, bool readsSpectrogram)
        {
            long stride = layer.Reduces && reduce ? 2 : 1;
            return layer.Kind switch
            {
                InceptionV3LayerKind.Convolution => new ConvBnRelu1d(inChannels, layer.Width, layer.Kernel, stride, readsSpectrogram),
                InceptionV3LayerKind.AveragePool => nn.AvgPool1d(3, stride: 1, padding: 1),
                _ => nn.MaxPool1d(3, stride: stride, padding: 1),
            };
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = input;
            foreach (var layer in _layers)
                x = layer.call(x);
            if (_fork.Count > 0)
                x = torch.cat(_fork.Select(f => f.call(x)).ToArray(), 1);
            return x.MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = input;
            foreach (var layer in _layers)
                x = graph.Layer(layer, x);
            if (_fork.Count > 0)
                x = graph.ConcatChannels(_fork.Select(f => graph.Layer(f, x)).ToArray());
            return x;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _layers.Dispose();
                _fork.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
