using System;
using System.Buffers;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicEmotion.MLNet
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
        /// <summary>
        /// Fills <paramref name="destination"/> with the mono clip at <paramref name="sampleRate"/> Hz: cut from
        /// <paramref name="offsetSeconds"/> (or centred), looped when the audio is shorter than the clip.
        /// </summary>
        public static void ReadClip(string path, int sampleRate, double offsetSeconds, ClipAlignment alignment, Span<float> destination,
            AudioDecoderBackend backend = AudioDecoderBackend.Auto)
        {
            if (destination.Length == 0)
                return;
            double clipSeconds = (double)destination.Length / sampleRate;
            var mono = DecodeMono(path, sampleRate, backend,
                (total, rate) => SelectClip($"audio file '{path}'", total, rate, clipSeconds, offsetSeconds, alignment), out int length);
            try
            {
                FitClip(mono.AsSpan(0, length), destination);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(mono);
            }
        }

        /// <summary>
        /// The frames of a clip of <paramref name="clipSeconds"/> in <paramref name="total"/> frames at
        /// <paramref name="rate"/> Hz: from <paramref name="offsetSeconds"/>, or centred; the count may run past the end
        /// (the reader stops there and <see cref="FitClip"/> loops what it got). One rule for files and sample buffers;
        /// <paramref name="source"/> names the audio in the error, e.g. <c>audio file 'x.wav'</c>.
        /// </summary>
        internal static (long Start, long Count) SelectClip(string source, long total, int rate, double clipSeconds,
            double offsetSeconds, ClipAlignment alignment)
        {
            // librosa.load: s_end = s_start + int(np.round(sr_native * duration)), both rounded half to even.
            long need = (long)Math.Round(clipSeconds * rate, MidpointRounding.ToEven);
            if (alignment == ClipAlignment.Center)
                return (total > need ? (total - need) / 2 : 0, need);
            long start = (long)Math.Round(offsetSeconds * rate, MidpointRounding.ToEven);
            if (start > 0 && start >= total)
                throw new ArgumentOutOfRangeException(nameof(offsetSeconds),
                    $"Offset={offsetSeconds} s is at or beyond the end of {source} ({(double)total / rate:0.###} s long).");
            return (start, need);
        }

        /// <summary>
        /// <see cref="ReadClip"/> for audio already in memory: the clip of mono <paramref name="samples"/> at
        /// <paramref name="sourceRate"/> Hz is cut by <see cref="SelectClip"/>, resampled to <paramref name="sampleRate"/>
        /// when the rates differ by the resampler <paramref name="backend"/> resolves to (libsoxr, or the managed sinc where
        /// libsoxr is missing or not wanted) and fitted to <paramref name="destination"/>, as a file's clip is.
        /// </summary>
        internal static void ClipFromSamples(ReadOnlySpan<float> samples, int sourceRate, int sampleRate, double offsetSeconds,
            ClipAlignment alignment, Span<float> destination, AudioDecoderBackend backend = AudioDecoderBackend.Auto)
        {
            if (destination.Length == 0)
                return;
            double clipSeconds = (double)destination.Length / sampleRate;
            var (start, count) = SelectClip("the samples", samples.Length, sourceRate, clipSeconds, offsetSeconds, alignment);
            var slice = samples.Slice((int)start, (int)Math.Min(count, samples.Length - start));
            if (sourceRate == sampleRate)
            {
                FitClip(slice, destination);
                return;
            }
            int length = Soxr.OutputLength(slice.Length, sourceRate, sampleRate);
            var resampled = ArrayPool<float>.Shared.Rent(length);
            try
            {
                Resample(slice, sourceRate, sampleRate, resampled.AsSpan(0, length), Resolve(backend).NativeResampler);
                FitClip(resampled.AsSpan(0, length), destination);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(resampled);
            }
        }

        /// <summary>The whole file as mono at <paramref name="sampleRate"/> Hz (librosa <c>load(path, sr=sampleRate)</c>).</summary>
        public static float[] ReadAll(string path, int sampleRate, AudioDecoderBackend backend = AudioDecoderBackend.Auto)
        {
            var mono = DecodeMono(path, sampleRate, backend, (total, rate) => (0, long.MaxValue), out int length);
            try
            {
                return mono.AsSpan(0, length).ToArray();
            }
            finally
            {
                ArrayPool<float>.Shared.Return(mono);
            }
        }

        /// <summary>Lowest source rate accepted, in Hz: below telephone speech's 8000 Hz no audio format is in use,
        /// and 1000 Hz (a 500-Hz bandwidth) leaves room for odd legacy files while a header claiming 1 Hz is corrupt.</summary>
        internal const int MinSourceRate = 1000;

        /// <summary>Highest source rate accepted, in Hz: 768 kHz, the highest rate of PCM formats and converters in
        /// use (4 × 192 kHz, 2 × 352.8/384 kHz DXD).</summary>
        internal const int MaxSourceRate = 768_000;

        /// <summary>Header information (rate, channels and the frames that decode) without decoding the audio, except
        /// for mp3 read by libsndfile when libmpg123 is not loadable by itself, whose length must be counted, and for
        /// mp3 read by the managed decoder, whose frame headers are all read (NLayer counts them).</summary>
        public static AudioFileInfo Probe(string path, AudioDecoderBackend backend = AudioDecoderBackend.Auto)
        {
            CheckFile(path);
            var plan = Resolve(backend);
            string firstError = null;
            if (plan.Decoder == DecoderChoice.Native)
                return ProbeNative(path);
            if (plan.Decoder == DecoderChoice.Managed)
            {
                var container = ManagedDecoder.Identify(path);
                if (container != ManagedDecoder.Container.None || !plan.FfmpegFallback)
                {
                    var info = ManagedDecoder.Probe(path, out firstError);
                    if (info.HasValue)
                        return info.Value;
                    if (!plan.FfmpegFallback)
                        throw NotManaged(path, firstError);
                }
                firstError ??= "not a WAV, AIFF or MPEG audio file";
            }
            RequireFfmpeg(path, plan.FirstDecoderName, firstError);
            return ProbeWithFfmpeg(path, plan.FirstDecoderName, firstError);
        }

        private static AudioFileInfo ProbeNative(string path)
        {
            string sndfileError;
            if (Mpg123Reader.Handles(path))
            {
                var mpeg = Mpg123Reader.Probe(path, out sndfileError);
                if (mpeg.HasValue)
                    return mpeg.Value;
            }
            else
            {
                var info = new SndFile.Info();
                var handle = SndFile.Open(path, SndFile.ModeRead, ref info);
                if (handle != IntPtr.Zero)
                {
                    SndFile.Close(handle);
                    CheckSourceFormat(path, info.SampleRate, info.Channels);
                    if ((info.Format & SndFile.FormatTypeMask) == SndFile.FormatMpeg)
                    {
                        // libsndfile's mp3 length is mpg123's estimate from the bitrate: count what decodes.
                        long decoded = 0;
                        var buffer = SndFileReader.TryRead(path, (total, rate) => { decoded = total; return (0, 0); },
                            out _, out _, out _, out _);
                        if (buffer != null)
                            ArrayPool<float>.Shared.Return(buffer);
                        return new AudioFileInfo(decoded, info.SampleRate, info.Channels, AudioBackend.SndFile);
                    }
                    if (info.Frames > 0 && info.Frames < long.MaxValue / 2)
                        return new AudioFileInfo(info.Frames, info.SampleRate, info.Channels, AudioBackend.SndFile);
                }
                sndfileError = handle == IntPtr.Zero ? SndFile.LastOpenError() : "length unknown";
            }
            RequireFfmpeg(path, NativeDecoderName, sndfileError);
            return ProbeWithFfmpeg(path, NativeDecoderName, sndfileError);
        }

        /// <summary>Rejects a header whose rate or channel count no real audio has.</summary>
        internal static void CheckSourceFormat(string path, int sampleRate, int channels)
        {
            if (sampleRate < MinSourceRate || sampleRate > MaxSourceRate)
                throw new InvalidDataException(
                    $"Audio file '{path}' declares a sample rate of {sampleRate} Hz; a source rate must be between " +
                    $"{MinSourceRate} and {MaxSourceRate} Hz, so its header is corrupt.");
            if (channels <= 0)
                throw new InvalidDataException($"Audio file '{path}' declares {channels} channels; its header is corrupt.");
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
                    long i = 0;
                    if (Avx2.IsSupported)
                    {
                        // hadd([L0 R0 L1 R1 | L2 R2 L3 R3], [L4 R4 L5 R5 | L6 R6 L7 R7]) = [S0 S1 S4 S5 | S2 S3 S6 S7];
                        // swapping the middle 64-bit pairs restores S0..S7. Both loads precede the store, which lands
                        // at or before the data already read, so in place is safe. Same float operations as below.
                        var half = Vector256.Create(0.5f);
                        for (; i + 8 <= frames; i += 8)
                        {
                            var sums = Avx.HorizontalAdd(Avx.LoadVector256(p + 2 * i), Avx.LoadVector256(p + 2 * i + 8));
                            var ordered = Avx2.Permute4x64(sums.AsDouble(), 0b11_01_10_00).AsSingle();
                            Avx.Store(p + i, Avx.Multiply(ordered, half));
                        }
                    }
                    for (; i < frames; i++)
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
        private static float[] DecodeMono(string path, int sampleRate, AudioDecoderBackend backend,
            Func<long, int, (long Start, long Count)> select, out int length)
        {
            CheckFile(path);
            var plan = Resolve(backend);
            long frames = 0;
            int channels = 0, sourceRate = 0;
            string firstError = null;
            float[] buffer = null;
            switch (plan.Decoder)
            {
                case DecoderChoice.Native:
                    buffer = Mpg123Reader.Handles(path)
                        ? Mpg123Reader.TryRead(path, select, out frames, out channels, out sourceRate, out firstError)
                        : SndFileReader.TryRead(path, select, out frames, out channels, out sourceRate, out firstError);
                    break;
                case DecoderChoice.Managed:
                    if (ManagedDecoder.Identify(path) != ManagedDecoder.Container.None || !plan.FfmpegFallback)
                        buffer = ManagedDecoder.TryRead(path, select, out frames, out channels, out sourceRate, out firstError);
                    else
                        firstError = "not a WAV, AIFF or MPEG audio file";
                    if (buffer == null && !plan.FfmpegFallback)
                        throw NotManaged(path, firstError);
                    break;
            }
            buffer ??= ReadWithFfmpeg(path, plan.FirstDecoderName, firstError, select, out frames, out channels, out sourceRate);
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
                    Resample(buffer.AsSpan(0, (int)frames), sourceRate, sampleRate, resampled.AsSpan(0, length), plan.NativeResampler);
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

        /// <summary>How the decoder that reads first is named in messages when libsndfile is it.</summary>
        private const string NativeDecoderName = "libsndfile";

        /// <summary>The decoder tried first for a file.</summary>
        internal enum DecoderChoice
        {
            /// <summary>libsndfile, or libmpg123 for MPEG audio.</summary>
            Native,
            /// <summary>NAudio or NLayer.</summary>
            Managed,
            /// <summary>None: ffmpeg directly.</summary>
            Ffmpeg,
        }

        /// <summary>Mono <paramref name="input"/> at <paramref name="sourceRate"/> Hz to <paramref name="output"/> at
        /// <paramref name="sampleRate"/> Hz with libsoxr (<paramref name="native"/>) or the managed sinc of the same response.</summary>
        private static void Resample(ReadOnlySpan<float> input, int sourceRate, int sampleRate, Span<float> output, bool native)
        {
            if (native)
                Soxr.ResampleMono(input, sourceRate, sampleRate, output);
            else
                SincResampler.ResampleMono(input, sourceRate, sampleRate, output);
        }

        /// <summary>What a backend choice comes to on this machine.</summary>
        internal readonly record struct DecodePlan(DecoderChoice Decoder, bool FfmpegFallback, bool NativeResampler)
        {
            /// <summary>The first decoder's name for messages, or null when ffmpeg is the only one.</summary>
            public string FirstDecoderName => Decoder switch
            {
                DecoderChoice.Native => NativeDecoderName,
                DecoderChoice.Managed => ManagedDecoder.Name,
                _ => null,
            };
        }

        /// <summary>Whether libsndfile and libsoxr both load, so that <see cref="AudioDecoderBackend.Auto"/> means
        /// <see cref="AudioDecoderBackend.Native"/>.</summary>
        internal static bool NativeAvailable => SndFile.IsAvailable && Soxr.IsAvailable;

        /// <summary>The decoders and resampler of <paramref name="backend"/> on this machine.</summary>
        /// <exception cref="DllNotFoundException"><see cref="AudioDecoderBackend.Native"/> and libsndfile or libsoxr
        /// does not load (the message names the library and its package).</exception>
        internal static DecodePlan Resolve(AudioDecoderBackend backend) => Resolve(backend, NativeAvailable);

        internal static DecodePlan Resolve(AudioDecoderBackend backend, bool nativeAvailable)
        {
            switch (backend)
            {
                case AudioDecoderBackend.Auto:
                    return nativeAvailable
                        ? new DecodePlan(DecoderChoice.Native, true, true)
                        : new DecodePlan(DecoderChoice.Managed, true, false);
                case AudioDecoderBackend.Native:
                    if (!nativeAvailable)
                    {
                        // The loaders' own DllNotFoundException names the library, its file names and its package.
                        SndFile.EnsureLoaded();
                        Soxr.EnsureLoaded();
                    }
                    return new DecodePlan(DecoderChoice.Native, true, true);
                case AudioDecoderBackend.Managed:
                    return new DecodePlan(DecoderChoice.Managed, false, false);
                case AudioDecoderBackend.Ffmpeg:
                    return new DecodePlan(DecoderChoice.Ffmpeg, true, nativeAvailable);
                default:
                    throw new ArgumentOutOfRangeException(nameof(backend), backend, $"DecoderBackend={backend} is not an AudioDecoderBackend value.");
            }
        }

        /// <summary>The error of a file the managed backend, chosen on its own, cannot read: a format it does not
        /// decode at all is <see cref="NotSupportedException"/>, a WAV/AIFF/MPEG file it cannot parse is corrupt.</summary>
        private static Exception NotManaged(string path, string reason)
        {
            reason = OneLine(reason);
            var container = ManagedDecoder.Identify(path);
            if (container == ManagedDecoder.Container.None || reason.Contains("is not PCM or IEEE float", StringComparison.Ordinal))
                return new NotSupportedException(
                    $"Audio file '{path}' cannot be read by {ManagedDecoder.Name} ({reason}), which reads WAV/AIFF PCM and " +
                    "float and MPEG audio only; choose the Auto, Native or Ffmpeg decoder backend for other formats.");
            return new InvalidDataException($"Audio file '{path}' is not an audio file {ManagedDecoder.Name} can read ({reason}).");
        }

        private static float[] ReadWithFfmpeg(string path, string firstDecoder, string sndfileError, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate)
        {
            RequireFfmpeg(path, firstDecoder, sndfileError);
            var info = ProbeWithFfmpeg(path, firstDecoder, sndfileError);
            channels = info.Channels;
            sourceRate = info.SampleRate;
            // ffprobe's length comes from container metadata; trust the decoder for where the audio really ends.
            var (start, count) = select(info.Frames > 0 ? info.Frames : long.MaxValue, sourceRate);
            float[] decoded;
            try
            {
                decoded = FfmpegDecoder.DecodeInterleaved(path, info, start, count, out frames);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw NotDecodable(path, firstDecoder, sndfileError, FfmpegDecoder.LastErrorLine(e));
            }
            var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, decoded.Length));
            decoded.AsSpan().CopyTo(buffer);
            return buffer;
        }

        private static AudioFileInfo ProbeWithFfmpeg(string path, string firstDecoder, string sndfileError)
        {
            AudioFileInfo info;
            try
            {
                info = FfmpegDecoder.Probe(path);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw NotDecodable(path, firstDecoder, sndfileError, FfmpegDecoder.LastErrorLine(e));
            }
            if (info.SampleRate <= 0 || info.Channels <= 0)
                throw NotDecodable(path, firstDecoder, sndfileError, "ffprobe finds no audio stream with a sample rate and channels");
            CheckSourceFormat(path, info.SampleRate, info.Channels);
            return info;
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

        private static void CheckFinite(string path, ReadOnlySpan<float> samples)
        {
            // Fast path: x - x is 0 for every finite x and NaN for NaN and ±∞.
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
            var zero = Vector<float>.Zero;
            bool allFinite = true;
            for (int v = 0; v < vectors.Length && allFinite; v++)
                allFinite = Vector.EqualsAll(vectors[v] - vectors[v], zero);
            for (int i = vectors.Length * Vector<float>.Count; i < samples.Length && allFinite; i++)
                allFinite = float.IsFinite(samples[i]);
            if (allFinite)
                return;
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

        private static void RequireFfmpeg(string path, string firstDecoder, string firstError)
        {
            if (FfmpegDecoder.IsAvailable)
                return;
            if (firstDecoder == null)
                throw new NotSupportedException(
                    $"Audio file '{path}' cannot be decoded: the Ffmpeg decoder backend was chosen and no ffmpeg/ffprobe " +
                    $"executable was found on PATH. Install the {FfmpegDecoder.DebianPackage} package " +
                    $"(sudo apt-get install {FfmpegDecoder.DebianPackage}) or choose another decoder backend.");
            throw new NotSupportedException(
                $"Audio file '{path}' cannot be opened by {firstDecoder} ({firstError.TrimEnd('.')}) and no ffmpeg/ffprobe " +
                $"executable was found on PATH for the fallback. Install the {FfmpegDecoder.DebianPackage} package " +
                $"(sudo apt-get install {FfmpegDecoder.DebianPackage}) or run build/setup.sh.");
        }

        private static InvalidDataException NotDecodable(string path, string firstDecoder, string firstError, string ffmpegError)
        {
            var decoders = firstDecoder == null ? "ffmpeg" : $"{firstDecoder} or ffmpeg";
            if (TryReadWavFormatTag(path, out int tag) && !IsWavTagDecoded(tag))
                return new InvalidDataException(
                    $"Audio file '{path}' has an unsupported WAV format tag 0x{tag:X4}: neither {(firstDecoder ?? "libsndfile")} nor ffmpeg decodes it.");
            if (firstDecoder == null)
                return new InvalidDataException($"Audio file '{path}' is not an audio file ffmpeg can read ({OneLine(ffmpegError)}).");
            var shortName = firstDecoder == NativeDecoderName ? NativeDecoderName : "managed decoder";
            return new InvalidDataException(
                $"Audio file '{path}' is not an audio file {decoders} can read ({shortName}: " +
                $"{OneLine(firstError)}; ffmpeg: {OneLine(ffmpegError)}).");
        }

        private static string OneLine(string text)
        {
            text = (text ?? "").Replace('\n', ' ').Replace('\r', ' ').Trim().TrimEnd('.');
            // libsndfile's sf_open text for a file it cannot identify suggests a pipe; say what it means.
            if (text.Contains("possibly a pipe", StringComparison.Ordinal) || text.StartsWith("File contains data in an unknown format", StringComparison.Ordinal))
                return "not a format it knows";
            return text.Length == 0 ? "no reason given" : text;
        }

        /// <summary>The <c>wFormatTag</c> of a RIFF/WAVE file's <c>fmt </c> chunk, if the file starts like one.</summary>
        private static bool TryReadWavFormatTag(string path, out int tag)
        {
            tag = 0;
            try
            {
                using var stream = File.OpenRead(path);
                var head = new byte[4096];
                int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                if (n < 12 || System.Text.Encoding.ASCII.GetString(head, 0, 4) != "RIFF" || System.Text.Encoding.ASCII.GetString(head, 8, 4) != "WAVE")
                    return false;
                for (int at = 12; at + 10 <= n;)
                {
                    var id = System.Text.Encoding.ASCII.GetString(head, at, 4);
                    long size = BitConverter.ToUInt32(head, at + 4);
                    if (id == "fmt ")
                    {
                        tag = BitConverter.ToUInt16(head, at + 8);
                        return true;
                    }
                    at = checked((int)Math.Min(int.MaxValue, at + 8 + size + (size & 1)));
                }
            }
            catch (Exception e) when (e is IOException or OverflowException)
            {
            }
            return false;
        }

        /// <summary>WAV codecs that libsndfile or ffmpeg decode: PCM, ADPCM (MS, IMA), IEEE float, A-law, µ-law,
        /// GSM 6.10, G.721/G.723 ADPCM, MPEG layer 2/3 and WAVE_FORMAT_EXTENSIBLE.</summary>
        private static bool IsWavTagDecoded(int tag) => tag switch
        {
            0x0001 or 0x0002 or 0x0003 or 0x0006 or 0x0007 or 0x0011 or 0x0031 or 0x0040 or 0x0014 or 0x0050 or 0x0055
                or 0xFFFE => true,
            _ => false,
        };
    }
}
