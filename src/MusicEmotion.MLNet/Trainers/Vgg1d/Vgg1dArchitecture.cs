using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A VGG-style 1D network over time (Simonyan and Zisserman 2015, configuration D with batch normalisation, as
    /// torchvision's <c>vgg16_bn</c>): stages of Conv1d(k = 3) → BN → ReLU units, each stage followed by MaxPool1d(2),
    /// global average pooling over time, then Linear(last width → hidden) → ReLU → Dropout → Linear(hidden → classes).
    /// Two configurations serve the paper's Table 3: <see cref="Vgg16"/> and <see cref="Sarkar"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The input is read as Conv1d (N, C = bins, L = frames), so the first convolution is bins → width (1025 → 64 for
    /// VGG-16). A stage's pool runs only while it leaves at least 2 steps (⌊L/2⌋ ≥ 2; see
    /// <see cref="NetworkDefinition.GetHalvingPools"/>): with 1292 frames VGG-16's 5 pools give 646, 323, 161, 80 and
    /// 40 steps; with 16 frames only the first 3 pools run. Global average pooling replaces VGG's 7×7×512 flattening so
    /// the classifier does not depend on the number of frames.
    /// </para>
    /// <para>
    /// For [1025, 1292] inputs and 4 classes (2 FLOPs per multiply-accumulate): VGG-16 has 5,240,516 trainable
    /// parameters and 1,963,891,200 forward FLOPs per sample; the Sarkar reading has 557,284 parameters and 428,740,864
    /// FLOPs. Convolutions carry no bias (batch normalisation follows), so the counts are a little below torchvision's.
    /// </para>
    /// </remarks>
    internal sealed class Vgg1dArchitecture : NetworkDefinition
    {
        public const string Vgg16Id = "Vgg16-1d";

        public const string SarkarId = "SarkarVgg-1d";

        private const int KernelSize = 3;

        /// <summary>
        /// VGG-16's 13 convolutions (64, 64, M, 128, 128, M, 256 × 3, M, 512 × 3, M, 512 × 3, M) with a
        /// 512 → 256 → classes classifier and dropout 0.5.
        /// </summary>
        public static Vgg1dArchitecture Vgg16 { get; } = new Vgg1dArchitecture(Vgg16Id,
            new[] { 64, 128, 256, 512, 512 }, new[] { 2, 2, 3, 3, 3 }, hiddenUnits: 256, dropout: 0.5f);

        /// <summary>
        /// The reduced VGG read for Sarkar et al. (2020): 4 stages of 2 convolutions with 32, 64, 128 and 256 filters,
        /// a 256 → 256 → classes classifier and dropout 0.5. The paper's layer table could not be consulted here, so the
        /// widths are this package's reading of "a VGG with fewer layers", not a reconstruction.
        /// </summary>
        public static Vgg1dArchitecture Sarkar { get; } = new Vgg1dArchitecture(SarkarId,
            new[] { 32, 64, 128, 256 }, new[] { 2, 2, 2, 2 }, hiddenUnits: 256, dropout: 0.5f);

        public Vgg1dArchitecture(string id, int[] stageWidths, int[] convolutionsPerStage, int hiddenUnits, float dropout)
        {
            if (stageWidths.Length != convolutionsPerStage.Length)
                throw new ArgumentException($"stageWidths has {stageWidths.Length} entries but convolutionsPerStage has " +
                    $"{convolutionsPerStage.Length}; they must match.", nameof(convolutionsPerStage));
            Id = id;
            StageWidths = stageWidths;
            ConvolutionsPerStage = convolutionsPerStage;
            HiddenUnits = hiddenUnits;
            Dropout = dropout;
        }

        public override string Id { get; }

        public int[] StageWidths { get; }

        public int[] ConvolutionsPerStage { get; }

        public int HiddenUnits { get; }

        public float Dropout { get; }

        /// <summary>The width of every convolution, in order (stage widths repeated per stage).</summary>
        public int[] ConvolutionWidths => StageWidths.SelectMany((w, s) => Enumerable.Repeat(w, ConvolutionsPerStage[s])).ToArray();

        /// <summary>For each stage, whether MaxPool1d(2) follows it for <paramref name="frames"/> input frames.</summary>
        public bool[] GetStagePooling(int frames) => GetHalvingPools(frames, StageWidths.Length);

        public override void ValidateShape(NetworkShape shape, string paramName) => ValidatePositiveShape(shape, paramName);

        public override nn.Module<Tensor, Tensor> CreateNetwork(NetworkShape shape)
        {
            ValidateShape(shape, nameof(shape));
            return new Vgg1dNetwork(this, shape);
        }

        public override IReadOnlyList<LayerCost> GetLayerCosts(NetworkShape shape)
        {
            var costs = new List<LayerCost>();
            var pools = GetStagePooling(shape.Frames);
            long length = shape.Frames;
            long inChannels = shape.Channels;
            int unit = 0;
            for (int s = 0; s < StageWidths.Length; s++)
            {
                for (int c = 0; c < ConvolutionsPerStage[s]; c++, unit++)
                {
                    costs.Add(Conv1dCost($"convs.{unit}.conv", inChannels, StageWidths[s], KernelSize, length, bias: false));
                    costs.Add(BatchNormCost($"convs.{unit}.bn", StageWidths[s]));
                    inChannels = StageWidths[s];
                }
                if (pools[s])
                    length /= 2;
            }
            costs.Add(LinearCost("fc1", inChannels, HiddenUnits));
            costs.Add(LinearCost("fc2", HiddenUnits, shape.Classes));
            return costs;
        }

        protected override void WriteCore(BinaryWriter writer)
        {
            WriteInt32Array(writer, StageWidths);
            WriteInt32Array(writer, ConvolutionsPerStage);
            writer.Write(HiddenUnits);
            writer.Write(Dropout);
        }

        internal static Vgg1dArchitecture ReadCore(string id, BinaryReader reader)
        {
            var widths = ReadPositiveInt32Array(reader, id);
            var convolutions = ReadPositiveInt32Array(reader, id);
            int hidden = reader.ReadInt32();
            float dropout = reader.ReadSingle();
            if (widths.Length != convolutions.Length || hidden < 1 || !(dropout >= 0 && dropout < 1))
                throw new InvalidDataException($"The {id} hyper-parameters in the model are invalid.");
            return new Vgg1dArchitecture(id, widths, convolutions, hidden, dropout);
        }
    }
}
