using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Hyper-parameters of the Inception-GRU residual network (Han, Chen and Ban 2023, Table 1 and §3.2) and its
    /// analytic cost.
    /// </summary>
    /// <remarks>
    /// <para>
    /// For the paper's input [1025 bins, 1292 frames] and 4 classes this network has 1,588,583 trainable parameters
    /// (inception 674,387; 12 residual blocks 911,232; GRU 2,928; dense 36) and 2,116,450,752 forward FLOPs per sample
    /// (2 per multiply-accumulate: inception 1,740,871,808; residual blocks 375,567,360; GRU 11,520; dense 64). This
    /// agrees with the independent PyTorch reading quoted in issue 3 (1,588,583 parameters, 2.116 GFLOP) to the quoted
    /// precision: the convolutions alone give 2,116,439,168 FLOPs, the GRU and dense layers add 11,584. BatchNorm running
    /// statistics are buffers, not trainable parameters. The GRU uses PyTorch's (and Keras' <c>reset_after</c>) two
    /// bias vectors per gate.
    /// </para>
    /// <para>
    /// Pooling rule: the inception block halves the frames (⌊frames/2⌋, so at least 4 frames are needed); then each of
    /// the 8 residual stages is followed by AvgPool1d(2) only while that leaves at least 2 steps (⌊L/2⌋ ≥ 2). With 1292
    /// frames every stage pools (646 → 323 → 161 → 80 → 40 → 20 → 10 → 5 → 2 steps, as Table 1); with 128 frames
    /// the first 5 stages pool (64 → 2) and the last 3 keep 2 steps. All 12 residual blocks are always present, so the
    /// parameter count depends only on the number of bins and classes.
    /// </para>
    /// </remarks>
    internal sealed class InceptionGruResidualArchitecture : NetworkDefinition
    {
        public const string ArchitectureId = "InceptionGruResidual";

        private const int MinimumGruSteps = 2;

        /// <summary>The paper's configuration.</summary>
        public static InceptionGruResidualArchitecture Paper { get; } = new InceptionGruResidualArchitecture(
            branchKernelSizes: new[] { 3, 5, 7 }, branchWidths: new[] { 16, 32, 64 }, residualKernelSize: 3,
            stageBlocks: new[] { 2, 2, 2, 2, 1, 1, 1, 1 }, gruHiddenSize: 8);

        public InceptionGruResidualArchitecture(int[] branchKernelSizes, int[] branchWidths, int residualKernelSize,
            int[] stageBlocks, int gruHiddenSize)
        {
            BranchKernelSizes = branchKernelSizes;
            BranchWidths = branchWidths;
            ResidualKernelSize = residualKernelSize;
            StageBlocks = stageBlocks;
            GruHiddenSize = gruHiddenSize;
        }

        public override string Id => ArchitectureId;

        public int[] BranchKernelSizes { get; }

        public int[] BranchWidths { get; }

        /// <summary>Residual filters: the concatenated inception width (16 + 32 + 64 = 112).</summary>
        public int Filters => BranchWidths.Sum();

        public int ResidualKernelSize { get; }

        public int[] StageBlocks { get; }

        public int GruHiddenSize { get; }

        /// <summary>The smallest number of frames the network accepts.</summary>
        public static int MinimumFrames => 2 * MinimumGruSteps;

        /// <summary>For each residual stage, whether AvgPool1d(2) follows it (see the class remarks).</summary>
        public bool[] GetStagePooling(int frames)
        {
            var pools = new bool[StageBlocks.Length];
            long length = frames / 2;
            for (int s = 0; s < pools.Length; s++)
            {
                pools[s] = length / 2 >= MinimumGruSteps;
                if (pools[s])
                    length /= 2;
            }
            return pools;
        }

        public override void ValidateShape(NetworkShape shape, string paramName)
        {
            if (shape.Channels < 1)
                throw new ArgumentOutOfRangeException(paramName, $"Bins={shape.Channels} must be positive.");
            if (shape.Frames < MinimumFrames)
                throw new ArgumentOutOfRangeException(paramName,
                    $"Frames={shape.Frames} must be at least {MinimumFrames} so the GRU sees at least {MinimumGruSteps} steps.");
            if (shape.Classes < 2)
                throw new ArgumentOutOfRangeException(paramName, $"Classes={shape.Classes} must be at least 2.");
        }

        public override nn.Module<Tensor, Tensor> CreateNetwork(NetworkShape shape)
        {
            ValidateShape(shape, nameof(shape));
            return new InceptionGruResidualNetwork(this, shape);
        }

        public override IReadOnlyList<LayerCost> GetLayerCosts(NetworkShape shape)
        {
            var costs = new List<LayerCost>();
            long length = shape.Frames;
            for (int i = 0; i < BranchKernelSizes.Length; i++)
            {
                int k = BranchKernelSizes[i], w = BranchWidths[i];
                var prefix = $"inception.branches.{i}.";
                costs.Add(Conv1dCost(prefix + "conv_in", shape.Channels, w, k, length));
                costs.Add(BatchNormCost(prefix + "bn_in", w));
                costs.Add(Conv1dCost(prefix + "compress", w, 1, k, length));
                costs.Add(Conv1dCost(prefix + "expand", 1, w, k, length));
                costs.Add(BatchNormCost(prefix + "bn_out", w));
            }
            length /= 2;
            var pools = GetStagePooling(shape.Frames);
            int block = 0;
            for (int s = 0; s < StageBlocks.Length; s++)
            {
                for (int b = 0; b < StageBlocks[s]; b++, block++)
                {
                    var prefix = $"blocks.{block}.";
                    costs.Add(Conv1dCost(prefix + "conv1", Filters, Filters, ResidualKernelSize, length));
                    costs.Add(BatchNormCost(prefix + "bn1", Filters));
                    costs.Add(Conv1dCost(prefix + "conv2", Filters, Filters, ResidualKernelSize, length));
                    costs.Add(BatchNormCost(prefix + "bn2", Filters));
                }
                if (pools[s])
                    length /= 2;
            }
            costs.Add(GruCost("gru", Filters, GruHiddenSize, length));
            costs.Add(LinearCost("head", GruHiddenSize, shape.Classes));
            return costs;
        }

        protected override void WriteCore(BinaryWriter writer)
        {
            WriteInts(writer, BranchKernelSizes);
            WriteInts(writer, BranchWidths);
            writer.Write(ResidualKernelSize);
            WriteInts(writer, StageBlocks);
            writer.Write(GruHiddenSize);
        }

        internal static InceptionGruResidualArchitecture ReadCore(BinaryReader reader)
        {
            var kernels = ReadInts(reader);
            var widths = ReadInts(reader);
            int residualKernel = reader.ReadInt32();
            var stages = ReadInts(reader);
            int hidden = reader.ReadInt32();
            if (kernels.Length != widths.Length || kernels.Length == 0 || residualKernel < 1 || hidden < 1
                || kernels.Concat(widths).Concat(stages).Any(v => v < 1))
                throw new InvalidDataException($"The {ArchitectureId} hyper-parameters in the model are invalid.");
            return new InceptionGruResidualArchitecture(kernels, widths, residualKernel, stages, hidden);
        }

        private static void WriteInts(BinaryWriter writer, int[] values)
        {
            writer.Write(values.Length);
            foreach (var v in values)
                writer.Write(v);
        }

        private static int[] ReadInts(BinaryReader reader)
        {
            int count = reader.ReadInt32();
            if (count < 0 || count > 64)
                throw new InvalidDataException($"The {ArchitectureId} hyper-parameters in the model are invalid.");
            var values = new int[count];
            for (int i = 0; i < count; i++)
                values[i] = reader.ReadInt32();
            return values;
        }
    }
}
