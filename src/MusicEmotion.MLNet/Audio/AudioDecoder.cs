using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet.Audio
{
    /// <summary>
    /// librosa's <c>load(path, sr, mono=True, offset, duration)</c> in process: libsndfile decodes (FFmpeg for what it
    /// cannot open), channels are averaged (<c>to_mono</c>), libsoxr resamples at <c>soxr_hq</c> when the rates differ,
    /// then the clip policy of the paper's §3.1 fits the result to the requested length.
    /// </summary>
    /// <remarks>
    /// Non-finite samples (possible only in float-encoded files) are rejected with an
    /// <see cref="InvalidDataException"/> rather than silently replaced: a NaN in the input is corrupt data, and
    /// zero-filling it would hide the problem from the user.
    /// </remarks>
    internal static unsafe class AudioDecoder
    {
        private const int ChunkFrames = 1 << 16;
        private static readonly Regex s_truncatedChunk = new Regex(@"data\s*:\s*(\d+)\s*\(should be (\d+)\)", RegexOptions.Compiled);

        /// <summary>
        /// Fills <paramref name="destination"/> with the mono clip at <paramref name="sampleRate"/> Hz: cut from
        /// <paramref name="offsetSeconds"/> (or centred), looped when the audio is shorter than the clip.
        /// </summary>
        public static void ReadClip(string path, int sampleRate, double offsetSeconds, ClipAlignment alignment, Span<float> destination)
        {
            if (destination.Length == 0)
                return;
            double clipSeconds = (double)destination.Length / sampleRate;
            var mono = DecodeMono(path, sampleRate, (total, rate) =>
            {
                long need = (long)Math.Ceiling(clipSeconds * rate);
                if (alignment == ClipAlignment.Centre)
                    return (total > need ? (total - need) / 2 : 0, need);
                long start = (long)Math.Round(offsetSeconds * rate);
                if (start > 0 && start >= total)
                    throw new ArgumentOutOfRangeException(nameof(offsetSeconds),
                        $"Offset={offsetSeconds} s is at or beyond the end of audio file '{path}' ({(double)total / rate:0.###} s long).");
                return (start, need);
            }, out int length);
            try
            {
                FitClip(mono.AsSpan(0, length), destination);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(mono);
            }
        }

        /// <summary>The whole file as mono at <paramref name="sampleRate"/> Hz (librosa <c>load(path, sr=sampleRate)</c>).</summary>
        public static float[] ReadAll(string path, int sampleRate)
        {
            var mono = DecodeMono(path, sampleRate, (total, rate) => (0, long.MaxValue), out int length);
            try
            {
                return mono.AsSpan(0, length).ToArray();
            }
            finally
            {
                ArrayPool<float>.Shared.Return(mono);
            }
        }

        /// <summary>Header information (frames, rate, channels) without decoding the audio.</summary>
        public static AudioFileInfo Probe(string path)
        {
            CheckFile(path);
            var info = new SndFile.Info();
            var handle = SndFile.Open(path, SndFile.ModeRead, ref info);
            if (handle != IntPtr.Zero)
            {
                SndFile.Close(handle);
                if (info.Frames > 0 && info.Frames < long.MaxValue / 2)
                    return new AudioFileInfo(info.Frames, info.SampleRate, info.Channels, AudioBackend.SndFile);
            }
            var sndfileError = handle == IntPtr.Zero ? SndFile.LastOpenError() : "length unknown";
            RequireFfmpeg(path, sndfileError);
            try
            {
                return FfmpegDecoder.Probe(path);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw NotDecodable(path, sndfileError, e);
            }
        }

        /// <summary>Repeats <paramref name="source"/> until <paramref name="destination"/> is full, or cuts it.</summary>
        internal static void FitClip(ReadOnlySpan<float> source, Span<float> destination)
        {
            while (destination.Length > 0)
            {
                int n = Math.Min(source.Length, destination.Length);
                source.Slice(0, n).CopyTo(destination);
                destination = destination.Slice(n);
            }
        }

        /// <summary>Averages interleaved <paramref name="channels"/> into the first <paramref name="frames"/> floats
        /// of the same buffer (frame i is read before index i is written, so in place is safe).</summary>
        internal static void DownmixInPlace(float[] interleaved, long frames, int channels)
        {
            if (channels == 1)
                return;
            fixed (float* p = interleaved)
            {
                if (channels == 2)
                {
                    for (long i = 0; i < frames; i++)
                        p[i] = (p[2 * i] + p[2 * i + 1]) * 0.5f;
                    return;
                }
                for (long i = 0; i < frames; i++)
                {
                    float* f = p + i * channels;
                    float sum = f[0];
                    for (int c = 1; c < channels; c++)
                        sum += f[c];
                    p[i] = sum / channels;
                }
            }
        }

        /// <summary>
        /// Decodes the source frames chosen by <paramref name="select"/> (given total frames and source rate, returns
        /// start and count; the count is clamped to the file), downmixes, resamples. Returns a pooled buffer whose
        /// first <paramref name="length"/> samples are the result.
        /// </summary>
        private static float[] DecodeMono(string path, int sampleRate, Func<long, int, (long Start, long Count)> select, out int length)
        {
            CheckFile(path);
            Soxr.EnsureLoaded();
            var buffer = ReadInterleaved(path, select, out long frames, out int channels, out int sourceRate);
            try
            {
                if (frames == 0)
                    throw new InvalidDataException($"Audio file '{path}' decoded to zero samples.");
                DownmixInPlace(buffer, frames, channels);
                CheckFinite(path, buffer.AsSpan(0, checked((int)frames)));
                if (sourceRate == sampleRate)
                {
                    length = (int)frames;
                    var result = buffer;
                    buffer = null;
                    return result;
                }
                length = Soxr.OutputLength(frames, sourceRate, sampleRate);
                var resampled = ArrayPool<float>.Shared.Rent(length);
                try
                {
                    Soxr.ResampleMono(buffer.AsSpan(0, (int)frames), sourceRate, sampleRate, resampled.AsSpan(0, length));
                }
                catch
                {
                    ArrayPool<float>.Shared.Return(resampled);
                    throw;
                }
                return resampled;
            }
            finally
            {
                if (buffer != null)
                    ArrayPool<float>.Shared.Return(buffer);
            }
        }

        private static float[] ReadInterleaved(string path, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate)
        {
            var info = new SndFile.Info();
            var handle = SndFile.Open(path, SndFile.ModeRead, ref info);
            if (handle == IntPtr.Zero)
                return ReadWithFfmpeg(path, SndFile.LastOpenError(), select, out frames, out channels, out sourceRate);
            try
            {
                channels = info.Channels;
                sourceRate = info.SampleRate;
                if (channels <= 0 || sourceRate <= 0)
                    throw new InvalidDataException($"Audio file '{path}' reports {sourceRate} Hz and {channels} channels.");
                bool lengthKnown = info.Frames > 0 && info.Frames < long.MaxValue / 2;
                CheckDataChunk(path, handle);
                var (start, count) = select(lengthKnown ? info.Frames : long.MaxValue, sourceRate);
                if (start > 0 && SndFile.SeekFrames(handle, start) != start)
                    throw new InvalidDataException(
                        $"Audio file '{path}' could not seek to frame {start}: {SndFile.ErrorText(handle)}");
                long want = lengthKnown ? Math.Min(count, info.Frames - start) : count;
                var buffer = ReadFrames(path, handle, channels, want, out frames);
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

        private static float[] ReadFrames(string path, IntPtr handle, int channels, long want, out long frames)
        {
            long capacity = Math.Min(want, ChunkFrames * 16L);
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

        private static float[] ReadWithFfmpeg(string path, string sndfileError, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate)
        {
            RequireFfmpeg(path, sndfileError);
            float[] all;
            long total;
            try
            {
                all = FfmpegDecoder.DecodeInterleaved(path, out sourceRate, out channels, out total);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw NotDecodable(path, sndfileError, e);
            }
            var (start, count) = select(total, sourceRate);
            frames = Math.Max(0, Math.Min(count, total - start));
            var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, checked((int)(frames * channels))));
            all.AsSpan(checked((int)(start * channels)), (int)(frames * channels)).CopyTo(buffer);
            return buffer;
        }

        private static void CheckFile(string path)
        {
            if (string.IsNullOrEmpty(path))
                throw new ArgumentException("Audio file path is empty.", nameof(path));
            var file = new FileInfo(path);
            if (!file.Exists)
                throw new FileNotFoundException($"Audio file '{path}' does not exist.", path);
            if (file.Length == 0)
                throw new InvalidDataException($"Audio file '{path}' is empty (0 bytes).");
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

        private static void CheckFinite(string path, ReadOnlySpan<float> samples)
        {
            int bad = 0, first = -1;
            for (int i = 0; i < samples.Length; i++)
            {
                if (!float.IsFinite(samples[i]))
                {
                    if (first < 0)
                        first = i;
                    bad++;
                }
            }
            if (bad > 0)
                throw new InvalidDataException(
                    $"Audio file '{path}' contains {bad} non-finite (NaN or infinite) samples, the first at sample {first}; " +
                    "the file is corrupt.");
        }

        private static void RequireFfmpeg(string path, string sndfileError)
        {
            if (!FfmpegDecoder.IsAvailable)
                throw new NotSupportedException(
                    $"Audio file '{path}' cannot be opened by libsndfile ({sndfileError.TrimEnd('.')}) and no ffmpeg/ffprobe " +
                    $"executable was found on PATH for the fallback. Install the {FfmpegDecoder.DebianPackage} package " +
                    $"(sudo apt-get install {FfmpegDecoder.DebianPackage}) or run build/setup.sh.");
        }

        private static InvalidDataException NotDecodable(string path, string sndfileError, Exception ffmpegError)
        {
            var reason = ffmpegError.Message.Trim();
            int newline = reason.LastIndexOf('\n');
            if (newline >= 0 && newline < reason.Length - 1)
                reason = reason.Substring(newline + 1).Trim();
            return new InvalidDataException(
                $"Audio file '{path}' is not a readable audio file: libsndfile could not open it " +
                $"({sndfileError.TrimEnd('.')}) and ffmpeg could not decode it ({reason}).", ffmpegError);
        }
    }
}
