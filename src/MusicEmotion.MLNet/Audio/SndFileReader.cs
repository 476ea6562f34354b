using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Reads a segment of a file with libsndfile into a pooled buffer, in one <c>sf_readf_float</c> call when the
    /// length is known, and turns libsndfile's silent clamping and decoder errors into exceptions naming the file.
    /// </summary>
    internal static unsafe class SndFileReader
    {
        private const int ChunkFrames = 1 << 16;
        private static readonly Regex s_truncatedChunk = new Regex(@"data\s*:\s*(\d+)\s*\(should be (\d+)\)", RegexOptions.Compiled);

        /// <summary>
        /// Reads the frames chosen by <paramref name="select"/> (given the total frame count, or
        /// <see cref="long.MaxValue"/> when unknown, and the source rate; returns start and count) as interleaved floats
        /// into a pooled buffer. Returns <see langword="null"/> with <paramref name="openError"/> set when libsndfile
        /// cannot open the file.
        /// </summary>
        public static float[] TryRead(string path, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate, out string openError)
        {
            var info = new SndFile.Info();
            var handle = SndFile.Open(path, SndFile.ModeRead, ref info);
            frames = 0;
            channels = 0;
            sourceRate = 0;
            openError = null;
            if (handle == IntPtr.Zero)
            {
                openError = SndFile.LastOpenError();
                return null;
            }
            try
            {
                channels = info.Channels;
                sourceRate = info.SampleRate;
                AudioDecoder.CheckSourceFormat(path, sourceRate, channels);
                if ((info.Format & SndFile.FormatTypeMask) == SndFile.FormatMpeg)
                    return ReadMpeg(path, handle, channels, sourceRate, select, out frames);
                bool lengthKnown = info.Frames > 0 && info.Frames < long.MaxValue / 2;
                // libsndfile takes an Ogg file's length from its last page; with no end-of-stream page it reports an
                // unknown length and decodes what is there: the file was cut short.
                if (!lengthKnown && (info.Format & SndFile.FormatTypeMask) == SndFile.FormatOgg)
                    throw new InvalidDataException(
                        $"Audio file '{path}' is truncated: its Ogg stream ends without an end-of-stream page.");
                CheckDataChunk(path, handle);
                var (start, count) = select(lengthKnown ? info.Frames : long.MaxValue, sourceRate);
                if (start > 0 && SndFile.SeekFrames(handle, start) != start)
                    throw new InvalidDataException(lengthKnown
                        ? $"Audio file '{path}' is truncated or corrupt: its header declares {info.Frames} frames but it ends " +
                          $"before frame {start}."
                        : $"Audio file '{path}' could not seek to frame {start} ({SndFile.ErrorText(handle).TrimEnd('.')}).");
                long want = lengthKnown ? Math.Min(count, info.Frames - start) : count;
                var buffer = ReadFrames(path, handle, channels, want, lengthKnown, out frames);
                if (lengthKnown && frames < want)
                {
                    ArrayPool<float>.Shared.Return(buffer);
                    throw new InvalidDataException(
                        $"Audio file '{path}' is truncated or corrupt: its header declares {info.Frames} frames but decoding " +
                        $"stopped after {start + frames}.");
                }
                return buffer;
            }
            finally
            {
                SndFile.Close(handle);
            }
        }

        /// <summary>libsndfile's frame count for an mp3 without a Xing/Info header is mpg123's estimate from the
        /// bitrate, so the whole stream is decoded and the selection taken from what decodes. Used only when libmpg123
        /// cannot be loaded by itself (see <see cref="Mpg123Reader"/>, which gets the exact length without decoding).</summary>
        private static float[] ReadMpeg(string path, IntPtr handle, int channels, int sourceRate,
            Func<long, int, (long Start, long Count)> select, out long frames)
        {
            var buffer = ReadFrames(path, handle, channels, long.MaxValue, lengthKnown: false, out long decoded);
            try
            {
                var (start, count) = select(decoded, sourceRate);
                frames = Math.Max(0, Math.Min(count, decoded - start));
                if (start > 0 && frames > 0)
                    buffer.AsSpan(checked((int)(start * channels)), (int)(frames * channels)).CopyTo(buffer);
                return buffer;
            }
            catch
            {
                ArrayPool<float>.Shared.Return(buffer);
                throw;
            }
        }

        private static float[] ReadFrames(string path, IntPtr handle, int channels, long want, bool lengthKnown, out long frames)
        {
            // With a known length the whole segment is read by one sf_readf_float call; otherwise the buffer grows.
            long capacity = lengthKnown ? Math.Max(1, want) : Math.Min(want, ChunkFrames * 16L);
            var buffer = ArrayPool<float>.Shared.Rent(checked((int)(capacity * channels)));
            frames = 0;
            try
            {
                while (frames < want)
                {
                    if (frames == capacity)
                    {
                        capacity = Math.Min(want, capacity * 2);
                        var larger = ArrayPool<float>.Shared.Rent(checked((int)(capacity * channels)));
                        buffer.AsSpan(0, (int)(frames * channels)).CopyTo(larger);
                        ArrayPool<float>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    long got;
                    fixed (float* p = buffer)
                        got = SndFile.ReadFrames(handle, p + frames * channels, capacity - frames);
                    if (got <= 0)
                        break;
                    frames += got;
                }
                if (SndFile.Error(handle) != 0)
                    throw new InvalidDataException(
                        $"Audio file '{path}' is corrupt or truncated: {SndFile.ErrorText(handle)} (after {frames} frames).");
                return buffer;
            }
            catch
            {
                ArrayPool<float>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>libsndfile clamps a WAV/AIFF data chunk that runs past the end of the file and only logs it
        /// ("data : N (should be M)"); that is a truncated file.</summary>
        private static void CheckDataChunk(string path, IntPtr handle)
        {
            var log = new byte[4096];
            int n;
            fixed (byte* p = log)
                n = SndFile.Command(handle, 0x1001 /* SFC_GET_LOG_INFO */, p, log.Length);
            if (n <= 0)
                return;
            var match = s_truncatedChunk.Match(Encoding.ASCII.GetString(log, 0, Math.Min(n, log.Length)));
            if (!match.Success)
                return;
            long declared = long.Parse(match.Groups[1].Value), actual = long.Parse(match.Groups[2].Value);
            // 0 and 0xFFFFFFFF mark streamed files whose writer could not know the length: valid, not truncated.
            if (actual < declared && declared != 0xFFFFFFFFL && declared != 0x7FFFFFFFL && declared != 0)
                throw new InvalidDataException(
                    $"Audio file '{path}' is truncated: its data chunk declares {declared} bytes but only {actual} are present.");
        }
    }
}
