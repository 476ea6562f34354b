using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A network's weights as bytes (TorchSharp's <c>save(BinaryWriter)</c> format), and the framed form stored in model
    /// zips: magic, length, SHA-256, bytes, so a damaged entry is reported before TorchSharp parses it.
    /// </summary>
    internal static class NetworkState
    {
        private const string Magic = "MERNET1";

        public static byte[] Save(nn.Module<Tensor, Tensor> network)
        {
            using var stream = new MemoryStream();
            // save(Stream) would close the stream; save(BinaryWriter) leaves it to us.
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                network.save(writer);
            return stream.ToArray();
        }

        public static void Load(nn.Module<Tensor, Tensor> network, byte[] state)
        {
            using var reader = new BinaryReader(new MemoryStream(state, writable: false));
            network.load(reader, strict: true);
        }

        public static void WriteFramed(BinaryWriter writer, byte[] state)
        {
            writer.Write(Magic);
            writer.Write(state.Length);
            writer.Write(SHA256.HashData(state));
            writer.Write(state);
        }

        /// <summary>Reads a framed state; <paramref name="part"/> names the model part in error messages.</summary>
        public static byte[] ReadFramed(BinaryReader reader, string part)
        {
            try
            {
                if (reader.ReadString() != Magic)
                    throw new InvalidDataException($"The model part '{part}' is damaged: unknown header.");
                int length = reader.ReadInt32();
                if (length < 0 || length > reader.BaseStream.Length)
                    throw new InvalidDataException($"The model part '{part}' is damaged: invalid length {length}.");
                var hash = reader.ReadBytes(32);
                var state = reader.ReadBytes(length);
                if (state.Length != length)
                    throw new InvalidDataException($"The model part '{part}' is damaged: {state.Length} of {length} bytes present.");
                if (!SHA256.HashData(state).AsSpan().SequenceEqual(hash))
                    throw new InvalidDataException($"The model part '{part}' is damaged: checksum mismatch.");
                return state;
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"The model part '{part}' is damaged: it ends early.", e);
            }
        }
    }
}
