using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// ResNet-18 read as a 1D network over time (the paper's Table 3 "ResNet-18" baseline): torchvision's layout with
    /// Conv1d kernels (stem 7, blocks 3), stage widths 64/128/256/512, two basic blocks per stage.
    /// </summary>
    /// <remarks>
    /// For [1025, 1292] inputs and 4 classes this has 4,304,708 trainable parameters and 1,036,674,304 FLOPs (1.037 GFLOP) forward per sample
    /// (2 per multiply-accumulate). The paper's Table 3 lists 2,487,978 parameters and 1.23 GFLOP for its ResNet-18
    /// without giving its layout (input reading, widths); those figures cannot be reproduced from the text, so this is
    /// the standard ResNet-18 in 1D, not a reconstruction of the paper's variant.
    /// </remarks>
    internal sealed class ResNet1dArchitecture : NetworkDefinition
    {
        public const string ArchitectureId = "ResNet18-1d";

        public static ResNet1dArchitecture ResNet18 { get; } = new ResNet1dArchitecture(7, new[] { 64, 128, 256, 512 }, 2);

        public ResNet1dArchitecture(int stemKernelSize, int[] stageWidths, int blocksPerStage)
        {
            StemKernelSize = stemKernelSize;
            StageWidths = stageWidths;
            BlocksPerStage = blocksPerStage;
        }

        public override string Id => ArchitectureId;

        public int StemKernelSize { get; }

        public int[] StageWidths { get; }

        public int BlocksPerStage { get; }

        public override void ValidateShape(NetworkShape shape, string paramName) => ValidatePositiveShape(shape, paramName);

        public override nn.Module<Tensor, Tensor> CreateNetwork(NetworkShape shape)
        {
            ValidateShape(shape, nameof(shape));
            return new ResNet1dNetwork(this, shape);
        }

        public override IReadOnlyList<LayerCost> GetLayerCosts(NetworkShape shape)
        {
            var costs = new List<LayerCost>();
            long length = Strided(shape.Frames);
            costs.Add(Conv1dCost("conv1", shape.Channels, StageWidths[0], StemKernelSize, length, bias: false));
            costs.Add(BatchNormCost("bn1", StageWidths[0]));
            length = Strided(length);
            long inChannels = StageWidths[0];
            int block = 0;
            for (int stage = 0; stage < StageWidths.Length; stage++)
            {
                for (int b = 0; b < BlocksPerStage; b++, block++)
                {
                    long outChannels = StageWidths[stage];
                    bool strided = stage > 0 && b == 0;
                    long outLength = strided ? Strided(length) : length;
                    var prefix = $"blocks.{block}.";
                    costs.Add(Conv1dCost(prefix + "conv1", inChannels, outChannels, 3, outLength, bias: false));
                    costs.Add(BatchNormCost(prefix + "bn1", outChannels));
                    costs.Add(Conv1dCost(prefix + "conv2", outChannels, outChannels, 3, outLength, bias: false));
                    costs.Add(BatchNormCost(prefix + "bn2", outChannels));
                    if (strided || inChannels != outChannels)
                    {
                        costs.Add(Conv1dCost(prefix + "downsample.0", inChannels, outChannels, 1, outLength, bias: false));
                        costs.Add(BatchNormCost(prefix + "downsample.1", outChannels));
                    }
                    inChannels = outChannels;
                    length = outLength;
                }
            }
            costs.Add(LinearCost("fc", inChannels, shape.Classes));
            return costs;
        }

        // Output length of a stride-2 layer with 'half' padding (the stem k=7/p=3, max pool k=3/p=1, k=3/p=1 and k=1/p=0 convolutions).
        private static long Strided(long length) => (length - 1) / 2 + 1;

        protected override void WriteCore(BinaryWriter writer)
        {
            writer.Write(StemKernelSize);
            writer.Write(StageWidths.Length);
            foreach (var w in StageWidths)
                writer.Write(w);
            writer.Write(BlocksPerStage);
        }

        internal static ResNet1dArchitecture ReadCore(BinaryReader reader)
        {
            int stem = reader.ReadInt32();
            int count = reader.ReadInt32();
            if (count < 1 || count > 16)
                throw new InvalidDataException($"The {ArchitectureId} hyper-parameters in the model are invalid.");
            var widths = new int[count];
            for (int i = 0; i < count; i++)
                widths[i] = reader.ReadInt32();
            int blocks = reader.ReadInt32();
            if (stem < 1 || stem % 2 == 0 || blocks < 1 || widths.Any(w => w < 1))
                throw new InvalidDataException($"The {ArchitectureId} hyper-parameters in the model are invalid.");
            return new ResNet1dArchitecture(stem, widths, blocks);
        }
    }
}
