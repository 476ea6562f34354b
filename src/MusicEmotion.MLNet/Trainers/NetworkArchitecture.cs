using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Trainers.InceptionGruResidual;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Trainers
{
    /// <summary>
    /// A network family that <see cref="TorchSharpMulticlassTrainerBase{TModel}"/> can train: it builds the TorchSharp
    /// module for a <see cref="NetworkShape"/>, counts its cost analytically and serialises its hyper-parameters
    /// under a stable <see cref="Id"/>, so a saved model rebuilds exactly the network whose weights it holds.
    /// Further architectures (the paper's Table 3 baselines) derive from this class and register in <see cref="Read"/>.
    /// </summary>
    internal abstract class NetworkArchitecture
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

        /// <summary>Writes the id then the hyper-parameters.</summary>
        public void Write(BinaryWriter writer)
        {
            writer.Write(Id);
            WriteCore(writer);
        }

        /// <summary>Reads an architecture written by <see cref="Write"/>.</summary>
        public static NetworkArchitecture Read(BinaryReader reader)
        {
            var id = reader.ReadString();
            return id switch
            {
                InceptionGruResidualArchitecture.ArchitectureId => InceptionGruResidualArchitecture.ReadCore(reader),
                _ => throw new InvalidDataException($"Network architecture '{id}' is not known to this version of MusicEmotion.MLNet."),
            };
        }

        /// <summary>Analytic cost of Conv1d(in → out, k, same) over <paramref name="length"/> steps.</summary>
        protected static LayerCost Conv1dCost(string name, long inChannels, long outChannels, long kernelSize, long length)
            => new LayerCost(name, inChannels * outChannels * kernelSize + outChannels,
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
