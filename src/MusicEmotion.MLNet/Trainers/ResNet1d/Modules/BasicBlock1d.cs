using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// ResNet's basic block in 1D (He et al. 2016, as torchvision's <c>BasicBlock</c>): Conv1d(in → out, 3, stride) →
    /// BN → ReLU → Conv1d(out → out, 3) → BN, plus the identity or a Conv1d(in → out, 1, stride) → BN shortcut, ReLU.
    /// </summary>
    internal sealed class BasicBlock1d : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "conv1")]
        private readonly Conv1d _conv1;
        [ComponentName(Name = "bn1")]
        private readonly BatchNorm1d _bn1;
        [ComponentName(Name = "conv2")]
        private readonly Conv1d _conv2;
        [ComponentName(Name = "bn2")]
        private readonly BatchNorm1d _bn2;
        [ComponentName(Name = "downsample")]
        private readonly Sequential _downsample;

        public BasicBlock1d(long inChannels, long outChannels, long stride)
            : base(nameof(BasicBlock1d))
        {
            _conv1 = nn.Conv1d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
            _bn1 = nn.BatchNorm1d(outChannels);
            _conv2 = nn.Conv1d(outChannels, outChannels, 3, padding: 1, bias: false);
            _bn2 = nn.BatchNorm1d(outChannels);
            if (stride != 1 || inChannels != outChannels)
                _downsample = nn.Sequential(
                    ("0", nn.Conv1d(inChannels, outChannels, 1, stride: stride, bias: false)),
                    ("1", nn.BatchNorm1d(outChannels)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = nn.functional.relu(_bn1.call(_conv1.call(input)));
            x = _bn2.call(_conv2.call(x));
            var shortcut = _downsample == null ? input : _downsample.call(input);
            return nn.functional.relu(x.add_(shortcut)).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = graph.Relu(graph.BatchNorm(_bn1, graph.Conv(_conv1, input)));
            x = graph.BatchNorm(_bn2, graph.Conv(_conv2, x));
            var shortcut = input;
            if (_downsample != null)
            {
                foreach (var layer in _downsample.children())
                    shortcut = graph.Layer((nn.Module<Tensor, Tensor>)layer, shortcut);
            }
            return graph.Relu(graph.Add(x, shortcut));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _conv1.Dispose();
                _bn1.Dispose();
                _conv2.Dispose();
                _bn2.Dispose();
                _downsample?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
