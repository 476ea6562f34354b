using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The definition of a network that <see cref="SpectrogramClassificationTrainer"/> can train: it builds the TorchSharp
    /// module for a <see cref="NetworkShape"/>, counts its cost analytically and serialises its hyper-parameters
    /// under a stable <see cref="Id"/>, so a saved model rebuilds exactly the network whose weights it holds.
    /// Each <see cref="NetworkArchitecture"/> value has one definition, listed in <see cref="NetworkDefinitions"/>.
    /// </summary>
    internal abstract class NetworkDefinition
    {
        /// <summary>Stable identifier written into saved models.</summary>
        public abstract string Id { get; }

        /// <summary>Builds a freshly initialised network (logits out) for <paramref name="shape"/>.</summary>
        public abstract nn.Module<Tensor, Tensor> CreateNetwork(NetworkShape shape);

        /// <summary>
        /// Per-layer analytic cost for one sample. FLOPs count 2 per multiply-accumulate of convolutions, GRU and
        /// linear layers; biases, batch normalisation, activations and pooling are not counted (the usual convention
        /// of fvcore/thop-style counters, doubled from MACs).
        /// </summary>
        public abstract IReadOnlyList<LayerCost> GetLayerCosts(NetworkShape shape);

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the network cannot be built for the shape.</summary>
        public abstract void ValidateShape(NetworkShape shape, string paramName);

        /// <summary>Writes the hyper-parameters (not the id).</summary>
        protected abstract void WriteCore(BinaryWriter writer);

        /// <summary>Total trainable parameters for <paramref name="shape"/>.</summary>
        public long CountParameters(NetworkShape shape) => GetLayerCosts(shape).Sum(c => c.Parameters);

        /// <summary>Total forward FLOPs per sample for <paramref name="shape"/>.</summary>
        public long CountForwardFlops(NetworkShape shape) => GetLayerCosts(shape).Sum(c => c.Flops);

        /// <summary>Writes the id then the hyper-parameters (read back by <see cref="NetworkDefinitions.Read"/>).</summary>
        public void Write(BinaryWriter writer)
        {
            writer.Write(Id);
            WriteCore(writer);
        }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless bins and frames are positive and there are at
        /// least 2 classes (the rule of the purely convolutional baselines, which end in global pooling).</summary>
        protected static void ValidatePositiveShape(NetworkShape shape, string paramName)
        {
            if (shape.Channels < 1)
                throw new ArgumentOutOfRangeException(paramName, $"Bins={shape.Channels} must be positive.");
            if (shape.Frames < 1)
                throw new ArgumentOutOfRangeException(paramName, $"Frames={shape.Frames} must be positive.");
            if (shape.Classes < 2)
                throw new ArgumentOutOfRangeException(paramName, $"Classes={shape.Classes} must be at least 2.");
        }

        /// <summary>
        /// Which of <paramref name="stages"/> successive halving pools (⌊L/2⌋) run on <paramref name="length"/> steps: a
        /// pool runs only while it leaves at least <paramref name="minimumSteps"/> steps, so short inputs keep every
        /// layer and simply pool less (the rule of <see cref="InceptionGruResidual.InceptionGruResidualArchitecture.GetStagePooling"/>).
        /// </summary>
        internal static bool[] GetHalvingPools(long length, int stages, long minimumSteps = 2)
        {
            var pools = new bool[stages];
            for (int s = 0; s < stages; s++)
            {
                pools[s] = length / 2 >= minimumSteps;
                if (pools[s])
                    length /= 2;
            }
            return pools;
        }

        /// <summary>Writes a length-prefixed array of hyper-parameters.</summary>
        protected static void WriteInt32Array(BinaryWriter writer, int[] values)
        {
            writer.Write(values.Length);
            foreach (var v in values)
                writer.Write(v);
        }

        /// <summary>Reads an array written by <see cref="WriteInt32Array"/>; at most 64 entries, all positive.</summary>
        /// <exception cref="InvalidDataException">The array is too long or holds a non-positive value.</exception>
        protected static int[] ReadPositiveInt32Array(BinaryReader reader, string architectureId)
        {
            int count = reader.ReadInt32();
            if (count < 1 || count > 64)
                throw new InvalidDataException($"The {architectureId} hyper-parameters in the model are invalid.");
            var values = new int[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = reader.ReadInt32();
                if (values[i] < 1)
                    throw new InvalidDataException($"The {architectureId} hyper-parameters in the model are invalid.");
            }
            return values;
        }

        /// <summary>Analytic cost of Conv1d(in → out, k) producing <paramref name="length"/> steps.</summary>
        protected static LayerCost Conv1dCost(string name, long inChannels, long outChannels, long kernelSize, long length,
            bool bias = true)
            => new LayerCost(name, inChannels * outChannels * kernelSize + (bias ? outChannels : 0),
                2 * inChannels * outChannels * kernelSize * length);

        /// <summary>Analytic cost of BatchNorm1d(c): 2c trainable parameters (γ, β), no counted FLOPs.</summary>
        protected static LayerCost BatchNormCost(string name, long channels) => new LayerCost(name, 2 * channels, 0);

        /// <summary>Analytic cost of a one-layer GRU (PyTorch's two bias vectors per gate) over <paramref name="steps"/>.</summary>
        protected static LayerCost GruCost(string name, long inputSize, long hiddenSize, long steps)
            => new LayerCost(name, 3 * (hiddenSize * inputSize + hiddenSize * hiddenSize + 2 * hiddenSize),
                2 * 3 * (hiddenSize * inputSize + hiddenSize * hiddenSize) * steps);

        /// <summary>Analytic cost of Linear(in → out).</summary>
        protected static LayerCost LinearCost(string name, long inFeatures, long outFeatures)
            => new LayerCost(name, inFeatures * outFeatures + outFeatures, 2 * inFeatures * outFeatures);
    }
}
