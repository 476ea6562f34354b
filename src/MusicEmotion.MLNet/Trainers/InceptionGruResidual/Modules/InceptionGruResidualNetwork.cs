using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The network of Han, Chen and Ban (2023), Table 1: <see cref="InceptionBlock"/> → stages of
    /// <see cref="ResidualBlock1d"/> each followed by AvgPool1d(2) → GRU over the remaining time steps (last hidden
    /// state) → Linear to class logits. Input (N, bins, frames) read as Conv1d (N, C = bins, L = frames); output
    /// (N, classes) logits (softmax is applied at scoring).
    /// </summary>
    /// <remarks>
    /// Which stages pool is fixed at construction from <c>frames</c> by
    /// <see cref="InceptionGruResidualArchitecture.GetStagePooling"/>, so that the GRU always sees at least two steps.
    /// </remarks>
    internal sealed class InceptionGruResidualNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "inception")]
        private readonly InceptionBlock _inception;
        [ComponentName(Name = "blocks")]
        private readonly ModuleList<ResidualBlock1d> _blocks;
        [ComponentName(Name = "pool")]
        private readonly AvgPool1d _pool;
        [ComponentName(Name = "gru")]
        private readonly GRU _gru;
        [ComponentName(Name = "head")]
        private readonly Linear _head;

        // For each residual block: whether AvgPool1d(2) follows it (the last block of a pooling stage).
        private readonly bool[] _poolAfterBlock;

        public InceptionGruResidualNetwork(InceptionGruResidualArchitecture architecture, NetworkShape shape)
            : base(nameof(InceptionGruResidualNetwork))
        {
            _inception = new InceptionBlock(shape.Channels, architecture.BranchKernelSizes, architecture.BranchWidths);
            var stagePools = architecture.GetStagePooling(shape.Frames);
            var blocks = new List<ResidualBlock1d>();
            var poolAfter = new List<bool>();
            for (int stage = 0; stage < architecture.StageBlocks.Length; stage++)
            {
                for (int b = 0; b < architecture.StageBlocks[stage]; b++)
                {
                    blocks.Add(new ResidualBlock1d(architecture.Filters, architecture.ResidualKernelSize));
                    poolAfter.Add(stagePools[stage] && b == architecture.StageBlocks[stage] - 1);
                }
            }
            _blocks = nn.ModuleList(blocks.ToArray());
            _poolAfterBlock = poolAfter.ToArray();
            _pool = nn.AvgPool1d(2);
            _gru = nn.GRU(architecture.Filters, architecture.GruHiddenSize, batchFirst: true);
            _head = nn.Linear(architecture.GruHiddenSize, shape.Classes);
            RegisterComponents();
        }

        /// <summary>How the Inception block computes its first convolutions; speed only (see <see cref="InceptionBlock.ConvolutionPath"/>).</summary>
        public InceptionConvolutionPath ConvolutionPath
        {
            get => _inception.ConvolutionPath;
            set => _inception.ConvolutionPath = value;
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = _inception.call(input);
            for (int i = 0; i < _blocks.Count; i++)
            {
                x = _blocks[i].call(x);
                if (_poolAfterBlock[i])
                    x = _pool.call(x);
            }
            // (N, C, L) → (N, L, C): the GRU reads the L remaining steps with C features each.
            var (_, hidden) = _gru.call(x.permute(0, 2, 1), null);
            var logits = _head.call(hidden[hidden.shape[0] - 1]);
            return logits.MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
        {
            var x = _inception.ExportOnnx(graph, input);
            for (int i = 0; i < _blocks.Count; i++)
            {
                x = _blocks[i].ExportOnnx(graph, x);
                if (_poolAfterBlock[i])
                    x = graph.AvgPool(_pool, x);
            }
            return graph.Linear(_head, graph.GruLastHidden(_gru, x));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inception.Dispose();
                _blocks.Dispose();
                _pool.Dispose();
                _gru.Dispose();
                _head.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
