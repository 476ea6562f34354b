using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;
using static MusicEmotion.MLNet.InceptionV3Layer;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Inception-v3 (Szegedy et al. 2016; torchvision's <c>inception_v3</c> layer table) in 1D over time, the paper's
    /// Table 3 baseline: a stem, 3 Inception-A, a reduction (B), 4 Inception-C, a reduction (D), 2 Inception-E, global
    /// average pooling, Dropout(0.5) and Linear(2048 → classes). Every convolution is Conv1d → BN → ReLU without bias.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The spectrogram's frequency axis is the channel axis here, so each 2D kernel keeps only its time extent: n×n and
    /// 1×n become k = n, n×1 becomes k = 1 (the factorised 1×7 → 7×1 pairs of Inception-C become k = 7 → k = 1, and
    /// Inception-E's 1×3 ‖ 3×1 split becomes k = 3 ‖ k = 1). Widths are torchvision's. Convolutions are padded by k/2
    /// and stride-2 steps (stem, Inception-B and -D) run only while the frames they leave are at least 2 (the rule
    /// of <see cref="NetworkDefinition.GetHalvingPools"/>), so short inputs keep every layer.
    /// </para>
    /// <para>
    /// For [1025, 1292] inputs and 4 classes: 14,518,500 trainable parameters and 1,902,208,128 forward FLOPs per
    /// sample (the paper quotes 14,992,068 parameters and 85.7 GFLOP for its 2D network on its input size).
    /// </para>
    /// </remarks>
    internal sealed class InceptionV3Architecture : NetworkDefinition
    {
        public const string ArchitectureId = "InceptionV3-1d";

        private const int TableVersion = 1;

        public static InceptionV3Architecture Default { get; } = new InceptionV3Architecture();

        private InceptionV3Architecture()
        {
            var blocks = new List<InceptionV3Branch[]>
            {
                // Stem: 3×3/2 (32), 3×3 (32), 3×3 (64) | max pool/2, 1×1 (80), 3×3 (192) | max pool/2.
                new[] { new InceptionV3Branch(Conv(32, 3, reduces: true), Conv(32, 3), Conv(64, 3)) },
                new[] { new InceptionV3Branch(MaxPool, Conv(80, 1), Conv(192, 3)) },
                new[] { new InceptionV3Branch(MaxPool) },
            };
            foreach (int poolFeatures in new[] { 32, 64, 64 })
                blocks.Add(InceptionA(poolFeatures));
            blocks.Add(new[]
            {
                new InceptionV3Branch(Conv(384, 3, reduces: true)),
                new InceptionV3Branch(Conv(64), Conv(96, 3), Conv(96, 3, reduces: true)),
                new InceptionV3Branch(MaxPool),
            });
            foreach (int c7 in new[] { 128, 160, 160, 192 })
                blocks.Add(InceptionC(c7));
            blocks.Add(new[]
            {
                new InceptionV3Branch(Conv(192), Conv(320, 3, reduces: true)),
                new InceptionV3Branch(Conv(192), Conv(192, 7), Conv(192, 1), Conv(192, 3, reduces: true)),
                new InceptionV3Branch(MaxPool),
            });
            blocks.Add(InceptionE());
            blocks.Add(InceptionE());
            Blocks = blocks;
        }

        public override string Id => ArchitectureId;

        /// <summary>The blocks in order, each a set of branches whose outputs are concatenated on the channel axis.</summary>
        public IReadOnlyList<InceptionV3Branch[]> Blocks { get; }

        public float Dropout => 0.5f;

        /// <summary>For each block, whether its stride-2 steps halve the frames (false also for blocks without such steps).</summary>
        public bool[] GetBlockReductions(long frames)
        {
            var reducing = Blocks.Select(b => b.Any(branch => branch.Reduces)).ToArray();
            var halvings = GetHalvingPools(frames, reducing.Count(r => r));
            var result = new bool[Blocks.Count];
            for (int b = 0, r = 0; b < Blocks.Count; b++)
                result[b] = reducing[b] && halvings[r++];
            return result;
        }

        public override void ValidateShape(NetworkShape shape, string paramName) => ValidatePositiveShape(shape, paramName);

        public override nn.Module<Tensor, Tensor> CreateNetwork(NetworkShape shape)
        {
            ValidateShape(shape, nameof(shape));
            return new InceptionV3Network(this, shape);
        }

        public override IReadOnlyList<LayerCost> GetLayerCosts(NetworkShape shape)
        {
            var costs = new List<LayerCost>();
            var reductions = GetBlockReductions(shape.Frames);
            long length = shape.Frames;
            int channels = shape.Channels;
            for (int b = 0; b < Blocks.Count; b++)
            {
                long outLength = reductions[b] ? (length - 1) / 2 + 1 : length;
                for (int r = 0; r < Blocks[b].Length; r++)
                {
                    var branch = Blocks[b][r];
                    var prefix = $"blocks.{b}.branches.{r}.";
                    int inChannels = AddLayerCosts(costs, prefix + "layers.", branch.Layers, channels, length, reductions[b]);
                    long forkLength = branch.Layers.Any(l => l.Reduces) && reductions[b] ? outLength : length;
                    for (int f = 0; f < branch.Fork.Length; f++)
                        AddLayerCosts(costs, prefix + $"fork.{f}.", new[] { branch.Fork[f] }, inChannels, forkLength, reductions[b]);
                }
                channels = Blocks[b].Sum(branch => branch.OutputChannels(channels));
                length = outLength;
            }
            costs.Add(LinearCost("fc", channels, shape.Classes));
            return costs;
        }

        // Adds the costs of consecutive layers read from 'length' frames; returns the channels out.
        private static int AddLayerCosts(List<LayerCost> costs, string prefix, InceptionV3Layer[] layers, int channels,
            long length, bool reduce)
        {
            for (int i = 0; i < layers.Length; i++)
            {
                var layer = layers[i];
                if (layer.Reduces && reduce)
                    length = (length - 1) / 2 + 1;
                if (layer.Kind != InceptionV3LayerKind.Convolution)
                    continue;
                costs.Add(Conv1dCost(prefix + $"{i}.conv", channels, layer.Width, layer.Kernel, length, bias: false));
                costs.Add(BatchNormCost(prefix + $"{i}.bn", layer.Width));
                channels = layer.Width;
            }
            return channels;
        }

        private static InceptionV3Branch[] InceptionA(int poolFeatures) => new[]
        {
            new InceptionV3Branch(Conv(64)),
            new InceptionV3Branch(Conv(48), Conv(64, 5)),
            new InceptionV3Branch(Conv(64), Conv(96, 3), Conv(96, 3)),
            new InceptionV3Branch(AveragePool, Conv(poolFeatures)),
        };

        // 1×7 → k = 7 and 7×1 → k = 1 (see the class remarks).
        private static InceptionV3Branch[] InceptionC(int c7) => new[]
        {
            new InceptionV3Branch(Conv(192)),
            new InceptionV3Branch(Conv(c7), Conv(c7, 7), Conv(192, 1)),
            new InceptionV3Branch(Conv(c7), Conv(c7, 1), Conv(c7, 7), Conv(c7, 1), Conv(192, 7)),
            new InceptionV3Branch(AveragePool, Conv(192)),
        };

        // 1×3 ‖ 3×1 → k = 3 ‖ k = 1 (see the class remarks).
        private static InceptionV3Branch[] InceptionE() => new[]
        {
            new InceptionV3Branch(Conv(320)),
            new InceptionV3Branch(new[] { Conv(384) }, new[] { Conv(384, 3), Conv(384, 1) }),
            new InceptionV3Branch(new[] { Conv(448), Conv(384, 3) }, new[] { Conv(384, 3), Conv(384, 1) }),
            new InceptionV3Branch(AveragePool, Conv(192)),
        };

        protected override void WriteCore(BinaryWriter writer) => writer.Write(TableVersion);

        internal static InceptionV3Architecture ReadCore(BinaryReader reader)
        {
            int version = reader.ReadInt32();
            if (version != TableVersion)
                throw new InvalidDataException($"The {ArchitectureId} layer table version {version} is not known to this version of MusicEmotion.MLNet.");
            return Default;
        }
    }
}
