using System;
using System.IO;
using System.Text;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>Writes WAV files byte by byte (no native library), so the managed backend's tests run on any machine:
    /// PCM 8 (unsigned), 16, 24, 32-bit, IEEE float 32-bit, optionally as WAVE_FORMAT_EXTENSIBLE, or any format tag.</summary>
    internal static class WavFile
    {
        public static string Write(string path, float[] interleaved, int rate, int channels, int bits, bool floatingPoint = false,
            bool extensible = false, int? formatTag = null, int? declaredDataBytes = null)
        {
            int bytesPerSample = bits / 8;
            using var stream = new MemoryStream();
            using var w = new BinaryWriter(stream, Encoding.ASCII);
            int dataBytes = interleaved.Length * bytesPerSample;
            int fmtSize = extensible ? 40 : 16;
            w.Write(Encoding.ASCII.GetBytes("RIFF"));
            w.Write(4 + 8 + fmtSize + 8 + dataBytes);
            w.Write(Encoding.ASCII.GetBytes("WAVE"));
            w.Write(Encoding.ASCII.GetBytes("fmt "));
            w.Write(fmtSize);
            w.Write((ushort)(formatTag ?? (extensible ? 0xFFFE : floatingPoint ? 3 : 1)));
            w.Write((ushort)channels);
            w.Write(rate);
            w.Write(rate * channels * bytesPerSample);
            w.Write((ushort)(channels * bytesPerSample));
            w.Write((ushort)bits);
            if (extensible)
            {
                w.Write((ushort)22);
                w.Write((ushort)bits);
                w.Write(channels == 2 ? 3 : 4); // front left + right, or front centre
                // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: 0000000X-0000-0010-8000-00aa00389b71.
                w.Write(new Guid(floatingPoint ? 3 : 1, 0, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71).ToByteArray());
            }
            w.Write(Encoding.ASCII.GetBytes("data"));
            w.Write(declaredDataBytes ?? dataBytes);
            foreach (var x in interleaved)
            {
                if (floatingPoint)
                {
                    w.Write(x);
                    continue;
                }
                switch (bits)
                {
                    case 8:
                        w.Write((byte)Math.Clamp((int)Math.Round(x * 128) + 128, 0, 255));
                        break;
                    case 16:
                        w.Write((short)Math.Clamp((int)Math.Round(x * 32768), short.MinValue, short.MaxValue));
                        break;
                    case 24:
                        int v = (int)Math.Clamp(Math.Round(x * 8388608.0), -8388608, 8388607);
                        w.Write((byte)v);
                        w.Write((byte)(v >> 8));
                        w.Write((byte)(v >> 16));
                        break;
                    default:
                        w.Write((int)Math.Clamp(Math.Round(x * 2147483648.0), int.MinValue, int.MaxValue));
                        break;
                }
            }
            w.Flush();
            File.WriteAllBytes(path, stream.ToArray());
            return path;
        }

        /// <summary>The value a reader must produce for <paramref name="x"/> stored at <paramref name="bits"/> (as
        /// libsndfile scales integers: <c>n / 2^(bits-1)</c>).</summary>
        public static float Quantized(float x, int bits) => bits switch
        {
            8 => (Math.Clamp((int)Math.Round(x * 128) + 128, 0, 255) - 128) / 128f,
            16 => Math.Clamp((int)Math.Round(x * 32768), short.MinValue, short.MaxValue) / 32768f,
            24 => (float)(Math.Clamp(Math.Round(x * 8388608.0), -8388608, 8388607) / 8388608.0),
            _ => (float)(Math.Clamp(Math.Round(x * 2147483648.0), int.MinValue, int.MaxValue) / 2147483648.0),
        };
    }
}
