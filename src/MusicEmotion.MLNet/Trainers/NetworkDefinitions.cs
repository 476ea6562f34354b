using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The one table of networks: each <see cref="NetworkArchitecture"/> with its definition, the id a saved model
    /// names it by, and how its hyper-parameters are read back.
    /// </summary>
    internal static class NetworkDefinitions
    {
        private sealed record Entry(NetworkArchitecture Architecture, NetworkDefinition Definition,
            Func<BinaryReader, NetworkDefinition> Read);

        private static readonly Entry[] s_entries =
        {
            new(NetworkArchitecture.InceptionGruResidual, InceptionGruResidualArchitecture.Paper, InceptionGruResidualArchitecture.ReadCore),
            new(NetworkArchitecture.ResNet18, ResNet1dArchitecture.ResNet18, ResNet1dArchitecture.ReadCore),
            new(NetworkArchitecture.Vgg16, Vgg1dArchitecture.Vgg16, r => Vgg1dArchitecture.ReadCore(Vgg1dArchitecture.Vgg16Id, r)),
            new(NetworkArchitecture.SarkarVgg, Vgg1dArchitecture.Sarkar, r => Vgg1dArchitecture.ReadCore(Vgg1dArchitecture.SarkarId, r)),
            new(NetworkArchitecture.MultiKernelCnn, MultiKernelCnnArchitecture.Default, MultiKernelCnnArchitecture.ReadCore),
            new(NetworkArchitecture.InceptionV3, InceptionV3Architecture.Default, InceptionV3Architecture.ReadCore),
        };

        /// <summary>Every architecture, in the order of <see cref="NetworkArchitecture"/>.</summary>
        public static IReadOnlyList<NetworkArchitecture> All { get; } = s_entries.Select(e => e.Architecture).ToArray();

        /// <summary>The definition that <paramref name="architecture"/> trains.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="architecture"/> is not a defined value.</exception>
        public static NetworkDefinition For(NetworkArchitecture architecture, string paramName = "architecture")
            => s_entries.FirstOrDefault(e => e.Architecture == architecture)?.Definition
                ?? throw new ArgumentOutOfRangeException(paramName, architecture,
                    $"Architecture={architecture} is not a NetworkArchitecture value ({string.Join(", ", All)}).");

        /// <summary>The architecture whose definitions carry the id <paramref name="id"/>.</summary>
        public static NetworkArchitecture ArchitectureOf(string id)
            => s_entries.First(e => e.Definition.Id == id).Architecture;

        /// <summary>Reads a definition written by <see cref="NetworkDefinition.Write"/>: the id, then that network's
        /// hyper-parameters.</summary>
        /// <exception cref="InvalidDataException">The id is not known to this version.</exception>
        public static NetworkDefinition Read(BinaryReader reader)
        {
            var id = reader.ReadString();
            var entry = s_entries.FirstOrDefault(e => e.Definition.Id == id)
                ?? throw new InvalidDataException($"Network architecture '{id}' is not known to this version of MusicEmotion.MLNet.");
            return entry.Read(reader);
        }
    }
}
