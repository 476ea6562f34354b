using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A multi-kernel 1D CNN in the spirit of Chaudhary, Singh and Singh (2021), whose gain the paper attributes to the
    /// "superposition of convolution kernels with different sizes": blocks of parallel Conv1d → BN → ReLU branches with
    /// kernel sizes 3, 5, 7 and 9, concatenated on the channel axis and followed by MaxPool1d(2), then global average
    /// pooling over time, Dropout and Linear(→ classes).
    /// </summary>
    /// <remarks>
    /// The layer table of Chaudhary et al. could not be consulted here (the abstract only says that three combinations
    /// of CNN layers were tried on 2D spectrograms), so the branch widths (8, 16, 32 per branch in blocks 1-3, giving
    /// 32, 64 and 128 channels) are this package's reading, chosen to stay in the paper's Table 3 parameter range. A
    /// block's pool runs only while it leaves at least 2 steps (<see cref="NetworkDefinition.GetHalvingPools"/>). For
    /// [1025, 1292] inputs and 4 classes: 259,204 trainable parameters and 556,160,512 forward FLOPs per sample (the
    /// paper quotes 375,012 and 5.9 GFLOP for the 2D original).
    /// </remarks>
    internal sealed class MultiKernelCnnArchitecture : NetworkDefinition
    {
        public const string ArchitectureId = "MultiKernelCnn-1d";

        /// <summary>Kernels 3, 5, 7, 9; three blocks of 8, 16, 32 filters per branch; dropout 0.5.</summary>
        public static MultiKernelCnnArchitecture Default { get; } = new MultiKernelCnnArchitecture(
            new[] { 3, 5, 7, 9 }, new[] { 8, 16, 32 }, dropout: 0.5f);

        public MultiKernelCnnArchitecture(int[] kernelSizes, int[] branchWidths, float dropout)
        {
            if (kernelSizes.Any(k => k < 1 || k % 2 == 0))
                throw new ArgumentOutOfRangeException(nameof(kernelSizes),
                    $"KernelSizes={string.Join(",", kernelSizes)} must all be positive odd numbers ('same' padding).");
            KernelSizes = kernelSizes;
            BranchWidths = branchWidths;
            Dropout = dropout;
        }

        public override string Id => ArchitectureId;

        /// <summary>The kernel size of each parallel branch.</summary>
        public int[] KernelSizes { get; }

        /// <summary>For each block, the filters of each branch (the block outputs branches × width channels).</summary>
        public int[] BranchWidths { get; }

        public float Dropout { get; }

        /// <summary>For each block, whether MaxPool1d(2) follows it for <paramref name="frames"/> input frames.</summary>
        public bool[] GetBlockPooling(int frames) => GetHalvingPools(frames, BranchWidths.Length);

        public override void ValidateShape(NetworkShape shape, string paramName) => ValidatePositiveShape(shape, paramName);

        public override nn.Module<Tensor, Tensor> CreateNetwork(NetworkShape shape)
        {
            ValidateShape(shape, nameof(shape));
            return new MultiKernelCnnNetwork(this, shape);
        }

        public override IReadOnlyList<LayerCost> GetLayerCosts(NetworkShape shape)
        {
            var costs = new List<LayerCost>();
            var pools = GetBlockPooling(shape.Frames);
            long length = shape.Frames;
            long inChannels = shape.Channels;
            for (int b = 0; b < BranchWidths.Length; b++)
            {
                for (int i = 0; i < KernelSizes.Length; i++)
                {
                    var prefix = $"blocks.{b}.branches.{i}.";
                    costs.Add(Conv1dCost(prefix + "conv", inChannels, BranchWidths[b], KernelSizes[i], length, bias: false));
                    costs.Add(BatchNormCost(prefix + "bn", BranchWidths[b]));
                }
                inChannels = (long)BranchWidths[b] * KernelSizes.Length;
                if (pools[b])
                    length /= 2;
            }
            costs.Add(LinearCost("fc", inChannels, shape.Classes));
            return costs;
        }

        protected override void WriteCore(BinaryWriter writer)
        {
            WriteInt32Array(writer, KernelSizes);
            WriteInt32Array(writer, BranchWidths);
            writer.Write(Dropout);
        }

        internal static MultiKernelCnnArchitecture ReadCore(BinaryReader reader)
        {
            var kernels = ReadPositiveInt32Array(reader, ArchitectureId);
            var widths = ReadPositiveInt32Array(reader, ArchitectureId);
            float dropout = reader.ReadSingle();
            if (kernels.Any(k => k % 2 == 0) || !(dropout >= 0 && dropout < 1))
                throw new InvalidDataException($"The {ArchitectureId} hyper-parameters in the model are invalid.");
            return new MultiKernelCnnArchitecture(kernels, widths, dropout);
        }
    }
}
