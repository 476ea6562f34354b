using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using NAudio.Wave;
using NLayer;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The decoder with no native library: WAV (PCM 8/16/24/32-bit, IEEE float 32/64-bit, WAVE_FORMAT_EXTENSIBLE of
    /// those) and AIFF (PCM) through NAudio.Core's readers, MPEG audio (mp1/mp2/mp3) through NLayer. Samples are
    /// scaled to floats as libsndfile scales them (integer / 2^(bits−1); 8-bit WAV is unsigned).
    /// </summary>
    internal static unsafe class ManagedDecoder
    {
        /// <summary>How the decoder is named in messages.</summary>
        public const string Name = "the managed decoder (NAudio/NLayer)";

        /// <summary>The containers this decoder reads.</summary>
        public enum Container
        {
            /// <summary>Not one of the formats below.</summary>
            None,
            /// <summary>RIFF/WAVE.</summary>
            Wave,
            /// <summary>AIFF or AIFF-C.</summary>
            Aiff,
            /// <summary>MPEG audio, optionally behind an ID3v2 tag.</summary>
            Mpeg,
        }

        private static readonly string[] s_mpegExtensions = { ".mp3", ".mp2", ".mp1", ".mpa", ".mpga" };
        private static readonly string[] s_otherContainers = { "fLaC", "OggS", "caff", "wvpk", ".snd" };

        /// <summary>The container <paramref name="path"/> starts as (its first bytes, or for MPEG audio without an
        /// ID3 tag or frame sync at offset 0 its extension when it does not start as another container).</summary>
        public static Container Identify(string path)
        {
            var head = new byte[12];
            int n;
            try
            {
                using var stream = File.OpenRead(path);
                n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }
            catch (IOException e)
            {
                // A symlink loop, a device error: the file exists but cannot be read.
                throw new InvalidDataException($"Audio file '{path}' cannot be opened ({e.Message.TrimEnd('.')}).", e);
            }
            string Ascii(int at, int count) => n >= at + count ? System.Text.Encoding.ASCII.GetString(head, at, count) : "";
            if ((Ascii(0, 4) == "RIFF" || Ascii(0, 4) == "RF64") && Ascii(8, 4) == "WAVE")
                return Container.Wave;
            if (Ascii(0, 4) == "FORM" && (Ascii(8, 4) == "AIFF" || Ascii(8, 4) == "AIFC"))
                return Container.Aiff;
            if (n >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3')
                return Container.Mpeg;
            if (n >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0)
                return Container.Mpeg;
            var extension = Path.GetExtension(path);
            if (Array.FindIndex(s_mpegExtensions, e => e.Equals(extension, StringComparison.OrdinalIgnoreCase)) >= 0
                && Array.IndexOf(s_otherContainers, Ascii(0, 4)) < 0 && Ascii(0, 4) != "RIFF" && Ascii(0, 4) != "FORM")
                return Container.Mpeg;
            return Container.None;
        }

        /// <summary>Rate, channels and frames; <see langword="null"/> with <paramref name="openError"/> set when the
        /// file is not in a format this decoder reads.</summary>
        public static AudioFileInfo? Probe(string path, out string openError)
        {
            openError = null;
            switch (Identify(path))
            {
                case Container.Mpeg:
                {
                    using var mpeg = OpenMpeg(path, out openError);
                    if (mpeg == null)
                        return null;
                    return new AudioFileInfo(MpegFrames(path, mpeg), mpeg.SampleRate, mpeg.Channels, AudioBackend.Managed);
                }
                case Container.Wave:
                case Container.Aiff:
                {
                    using var reader = OpenPcm(path, out var format, out openError);
                    if (reader == null)
                        return null;
                    return new AudioFileInfo(reader.Length / format.BlockAlign, format.SampleRate, format.Channels, AudioBackend.Managed);
                }
                default:
                    openError = "not a WAV, AIFF or MPEG audio file";
                    return null;
            }
        }

        /// <summary>Like <see cref="SndFileReader.TryRead"/>: the frames chosen by <paramref name="select"/> (given the
        /// length and source rate) as interleaved floats in a pooled buffer; <see langword="null"/> with
        /// <paramref name="openError"/> set when the file is not in a format this decoder reads.</summary>
        public static float[] TryRead(string path, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate, out string openError)
        {
            frames = 0;
            channels = sourceRate = 0;
            openError = null;
            switch (Identify(path))
            {
                case Container.Mpeg:
                    return ReadMpeg(path, select, out frames, out channels, out sourceRate, out openError);
                case Container.Wave:
                case Container.Aiff:
                    return ReadPcm(path, select, out frames, out channels, out sourceRate, out openError);
                default:
                    openError = "not a WAV, AIFF or MPEG audio file";
                    return null;
            }
        }

        private static MpegFile OpenMpeg(string path, out string openError)
        {
            openError = null;
            MpegFile mpeg = null;
            try
            {
                mpeg = new MpegFile(path);
                if (mpeg.SampleRate <= 0 || mpeg.Channels <= 0)
                {
                    openError = "no MPEG audio frames found";
                    mpeg.Dispose();
                    return null;
                }
                AudioDecoder.CheckSourceFormat(path, mpeg.SampleRate, mpeg.Channels);
                return mpeg;
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException
                or ArgumentException or IndexOutOfRangeException or InvalidOperationException or NullReferenceException)
            {
                mpeg?.Dispose();
                if (e is InvalidDataException && e.Message.StartsWith("Audio file '", StringComparison.Ordinal))
                    throw;
                openError = "no MPEG audio frames found (NLayer: " + e.Message.TrimEnd('.') + ")";
                return null;
            }
        }

        /// <summary>NLayer's length: every frame header counted (an mp3 without a Xing/Info header has no other).</summary>
        private static long MpegFrames(string path, MpegFile mpeg)
        {
            long bytes = mpeg.Length;
            if (bytes <= 0)
                throw new InvalidDataException($"Audio file '{path}' decoded to zero samples.");
            return bytes / (sizeof(float) * mpeg.Channels);
        }

        private static float[] ReadMpeg(string path, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate, out string openError)
        {
            frames = 0;
            channels = sourceRate = 0;
            using var mpeg = OpenMpeg(path, out openError);
            if (mpeg == null)
                return null;
            channels = mpeg.Channels;
            sourceRate = mpeg.SampleRate;
            long length = MpegFrames(path, mpeg);
            var (start, count) = select(length, sourceRate);
            long want = Math.Max(0, Math.Min(count, length - start));
            // A read at an offset decodes from the start and discards what comes before it. NLayer's seek (to the frame
            // before the target, then one frame decoded to prime the decoder) was measured on the 400 Emotify files: with
            // the bit reservoir primed by four more frames, 365 gave the samples of a read from the start and 33 were
            // one frame (1,152 samples) off, with no sign in the file of which; exact beats fast here.
            long skip = start;
            var buffer = ArrayPool<float>.Shared.Rent(checked((int)Math.Max(1, want * channels)));
            try
            {
                if (skip > 0)
                {
                    var scratch = ArrayPool<float>.Shared.Rent(MpegFrameSamples * 2 * channels);
                    try
                    {
                        while (skip > 0)
                        {
                            int got = mpeg.ReadSamples(scratch, 0, (int)Math.Min(skip * channels, scratch.Length / channels * channels));
                            if (got <= 0)
                                throw new InvalidDataException(
                                    $"Audio file '{path}' is corrupt: its MPEG stream ends before frame {start} of {length}.");
                            skip -= got / channels;
                        }
                    }
                    finally
                    {
                        ArrayPool<float>.Shared.Return(scratch);
                    }
                }
                long samples = 0, total = want * channels;
                while (samples < total)
                {
                    int got = mpeg.ReadSamples(buffer, (int)samples, (int)Math.Min(total - samples, 1 << 20));
                    if (got <= 0)
                        break; // the frames counted but not decoded: what decoded is the file
                    samples += got;
                }
                frames = samples / channels;
                return buffer;
            }
            catch
            {
                ArrayPool<float>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>Samples per channel in an MPEG-1 layer II/III frame.</summary>
        private const int MpegFrameSamples = 1152;

        private static WaveStream OpenPcm(string path, out WaveFormat format, out string openError)
        {
            format = null;
            openError = null;
            WaveStream reader = null;
            bool aiff = Identify(path) == Container.Aiff;
            try
            {
                reader = aiff ? new AiffFileReader(path) : new WaveFileReader(path);
                format = reader.WaveFormat;
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException
                or ArgumentException or NotSupportedException or IndexOutOfRangeException or OverflowException)
            {
                reader?.Dispose();
                openError = $"its {(aiff ? "AIFF" : "WAV")} header cannot be read (NAudio: {e.Message.TrimEnd('.')})";
                return null;
            }
            int tag = aiff ? 1 : Layout(path, aiff: false).Tag;
            if (!IsReadable(format, tag))
            {
                openError = $"{(aiff ? "AIFF" : "WAV")} format tag 0x{tag:X4} with {format.BitsPerSample} bits per " +
                    "sample is not PCM or IEEE float";
                reader.Dispose();
                return null;
            }
            AudioDecoder.CheckSourceFormat(path, format.SampleRate, format.Channels);
            return reader;
        }

        /// <summary>PCM (tag 1) of 8, 16, 24 or 32 bits or IEEE float (tag 3) of 32 or 64 bits, in whole bytes.</summary>
        private static bool IsReadable(WaveFormat format, int tag)
        {
            if (format.Channels <= 0 || format.BlockAlign != format.Channels * (format.BitsPerSample / 8))
                return false;
            if (tag == 3)
                return format.BitsPerSample is 32 or 64;
            return tag == 1 && format.BitsPerSample is 8 or 16 or 24 or 32;
        }

        private static float[] ReadPcm(string path, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate, out string openError)
        {
            frames = 0;
            channels = sourceRate = 0;
            using var reader = OpenPcm(path, out var format, out openError);
            if (reader == null)
                return null;
            bool aiff = reader is AiffFileReader;
            channels = format.Channels;
            sourceRate = format.SampleRate;
            int block = format.BlockAlign;
            var layout = Layout(path, aiff);
            long presentBytes = Math.Max(0, new FileInfo(path).Length - layout.Start);
            // 0 and 0xFFFFFFFF mark streamed files whose writer could not know the length: valid, not truncated.
            if (layout.DeclaredBytes > presentBytes && layout.DeclaredBytes != 0xFFFFFFFFL && layout.DeclaredBytes != 0x7FFFFFFFL)
                throw new InvalidDataException(
                    $"Audio file '{path}' is truncated: its data chunk declares {layout.DeclaredBytes} bytes but only {presentBytes} are present.");
            long declared = reader.Length / block;
            var (start, count) = select(declared, sourceRate);
            if (start > 0 && start >= declared)
                throw new InvalidDataException(
                    $"Audio file '{path}' is truncated or corrupt: its header declares {declared} frames but it ends before frame {start}.");
            long want = Math.Max(0, Math.Min(count, declared - start));
            reader.Position = start * block;
            var bytes = ArrayPool<byte>.Shared.Rent(checked((int)Math.Max(1, want * block)));
            var buffer = ArrayPool<float>.Shared.Rent(checked((int)Math.Max(1, want * channels)));
            try
            {
                int total = (int)(want * block), read = 0;
                while (read < total)
                {
                    int got = reader.Read(bytes, read, total - read);
                    if (got <= 0)
                        break;
                    read += got;
                }
                if (read < total)
                    throw new InvalidDataException(
                        $"Audio file '{path}' is truncated or corrupt: its header declares {declared} frames but decoding stopped after {start + read / block}.");
                frames = want;
                Convert(bytes.AsSpan(0, total), format.BitsPerSample, !aiff && layout.Tag == 3, aiff, buffer.AsSpan(0, (int)(want * channels)));
                return buffer;
            }
            catch
            {
                ArrayPool<float>.Shared.Return(buffer);
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }

        /// <summary>Where the sample data starts, how many bytes its chunk declares, and for WAV the format tag with
        /// WAVE_FORMAT_EXTENSIBLE resolved to its sub-format (1 PCM, 3 float): NAudio's readers clamp a data chunk that
        /// runs past the end of the file and report the extensible tag only, so the header is read again here
        /// (NAudio's AIFF header reader, or a walk of the RIFF chunks).</summary>
        private static (long Start, long DeclaredBytes, int Tag) Layout(string path, bool aiff)
        {
            using var stream = File.OpenRead(path);
            if (aiff)
            {
                AiffFileReader.ReadAiffHeader(stream, out _, out long position, out int length, new System.Collections.Generic.List<AiffFileReader.AiffChunk>());
                return (position, (uint)length, 1);
            }
            // RIFF chunks from byte 12: a four-letter id, a little-endian size, the body padded to an even length.
            var chunk = new byte[8];
            var fmt = new byte[40];
            int tag = 0;
            stream.Position = 12;
            while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
            {
                long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
                if (chunk[0] == 'd' && chunk[1] == 'a' && chunk[2] == 't' && chunk[3] == 'a')
                    return (stream.Position, size, tag);
                if (chunk[0] == 'f' && chunk[1] == 'm' && chunk[2] == 't' && chunk[3] == ' ')
                {
                    long body = stream.Position;
                    int n = stream.ReadAtLeast(fmt, (int)Math.Min(size, fmt.Length), throwOnEndOfStream: false);
                    tag = n >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(fmt) : 0;
                    // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID's first two bytes are the plain tag.
                    if (tag == 0xFFFE && n >= 26)
                        tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
                    stream.Position = body;
                }
                stream.Position += size + (size & 1);
            }
            return (stream.Length, 0, tag);
        }

        /// <summary>Little-endian PCM or float (AIFF's big-endian bytes already swapped by NAudio) to floats scaled as
        /// libsndfile scales them.</summary>
        private static void Convert(ReadOnlySpan<byte> bytes, int bits, bool floatingPoint, bool aiff, Span<float> output)
        {
            if (floatingPoint)
            {
                if (bits == 32)
                {
                    for (int i = 0; i < output.Length; i++)
                        output[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i));
                }
                else
                {
                    for (int i = 0; i < output.Length; i++)
                        output[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * i));
                }
                return;
            }
            switch (bits)
            {
                case 8:
                    // WAV stores 8-bit samples unsigned (offset 128), AIFF signed.
                    for (int i = 0; i < output.Length; i++)
                        output[i] = (aiff ? (sbyte)bytes[i] : bytes[i] - 128) / 128f;
                    break;
                case 16:
                    for (int i = 0; i < output.Length; i++)
                        output[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(2 * i)) / 32768f;
                    break;
                case 24:
                    for (int i = 0; i < output.Length; i++)
                    {
                        int v = bytes[3 * i] | bytes[3 * i + 1] << 8 | (sbyte)bytes[3 * i + 2] << 16;
                        output[i] = v / 8388608f;
                    }
                    break;
                default:
                    for (int i = 0; i < output.Length; i++)
                        output[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * i)) / 2147483648.0);
                    break;
            }
        }
    }
}
