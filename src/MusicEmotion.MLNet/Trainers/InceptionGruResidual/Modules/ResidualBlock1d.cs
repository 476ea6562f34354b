using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A 1D residual block (paper Figure 6): Conv1d(c → c, k, same) → BatchNorm1d → ReLU → Conv1d(c → c, k, same) →
    /// BatchNorm1d, plus the identity, then ReLU. Input and output (N, c, L).
    /// </summary>
    internal sealed class ResidualBlock1d : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "conv1")]
        private readonly Conv1d _conv1;
        [ComponentName(Name = "bn1")]
        private readonly BatchNorm1d _bn1;
        [ComponentName(Name = "conv2")]
        private readonly Conv1d _conv2;
        [ComponentName(Name = "bn2")]
        private readonly BatchNorm1d _bn2;

        public ResidualBlock1d(long filters, long kernelSize)
            : base(nameof(ResidualBlock1d))
        {
            _conv1 = nn.Conv1d(filters, filters, kernelSize, padding: Padding.Same);
            _bn1 = nn.BatchNorm1d(filters);
            _conv2 = nn.Conv1d(filters, filters, kernelSize, padding: Padding.Same);
            _bn2 = nn.BatchNorm1d(filters);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = nn.functional.relu(_bn1.call(_conv1.call(input)));
            x = _bn2.call(_conv2.call(x));
            return nn.functional.relu(x.add_(input)).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = graph.Relu(graph.BatchNorm(_bn1, graph.Conv(_conv1, input)));
            x = graph.BatchNorm(_bn2, graph.Conv(_conv2, x));
            return graph.Relu(graph.Add(x, input));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _conv1.Dispose();
                _bn1.Dispose();
                _conv2.Dispose();
                _bn2.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
