using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Reads MPEG audio (mp3, mp2) with libmpg123 directly: quiet, and with the length that decodes rather than the
    /// one estimated from the bitrate. <c>mpg123_scan</c> walks every frame header without decoding (about 2 ms for a
    /// minute of 128 kb/s audio), which makes the length exact and tells whether the stream breaks off before the end.
    /// The verdict is remembered per file (path, size, write time), so the segments of a long file are not each
    /// preceded by a scan of all of it.
    /// </summary>
    /// <remarks>
    /// The rule, decided on what librosa/soundfile and ffmpeg accept: the frames that decode are the file. A stream
    /// without a Xing/Info header that simply ends (even in the middle of its last frame; trailing ID3v1/APE tags or
    /// zero padding) is read to its last whole frame, as soundfile does (ffmpeg also decodes the partial frame). A
    /// stream the decoder cannot follow (it loses sync in bytes that are not MPEG audio, or its format changes
    /// mid-file) is corrupt and rejected for every read, because everything after the break would be silently lost;
    /// and a Xing/Info frame count that the frames do not reach is a truncated file, as a short WAV data chunk is.
    /// </remarks>
    internal static unsafe class Mpg123Reader
    {
        private const int ChunkFrames = 1 << 16;
        private const int FrameSlack = 1152;
        private const int CheckedCapacity = 4096;

        /// <summary>Files whose scan found a whole stream: size and write time when scanned, and the exact length.
        /// Only good verdicts are kept; a broken file is scanned (and rejected) on every read.</summary>
        private static readonly ConcurrentDictionary<string, (long Size, DateTime Written, long Frames)> s_checked =
            new ConcurrentDictionary<string, (long, DateTime, long)>(StringComparer.Ordinal);

        private static readonly string[] s_extensions = { ".mp3", ".mp2", ".mp1", ".mpa", ".mpga" };
        private static readonly string[] s_otherContainers = { "RIFF", "RF64", "FORM", "fLaC", "OggS", "caff", "wvpk", ".snd" };

        /// <summary>Whether <paramref name="path"/> should be read here rather than by libsndfile: libmpg123 loads
        /// and the file starts as MPEG audio does (an ID3v2 tag or a frame sync), or is named like it and does not
        /// start as another container libsndfile knows.</summary>
        public static bool Handles(string path)
        {
            if (!Mpg123.IsAvailable || UseLibsndfileOnly)
                return false;
            Span<byte> head = stackalloc byte[4];
            int n;
            try
            {
                using var stream = File.OpenRead(path);
                n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }
            catch (IOException)
            {
                return false;
            }
            if (n >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3')
                return true;
            // Frame sync (11 bits), a layer other than the reserved 00.
            if (n >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0)
                return true;
            var extension = Path.GetExtension(path);
            if (Array.FindIndex(s_extensions, e => e.Equals(extension, StringComparison.OrdinalIgnoreCase)) < 0)
                return false;
            var magic = n == 4 ? System.Text.Encoding.ASCII.GetString(head) : "";
            return Array.IndexOf(s_otherContainers, magic) < 0;
        }

        /// <summary>Reads MPEG audio with libsndfile as when libmpg123 cannot be loaded by itself (tests of that path).</summary>
        internal static bool UseLibsndfileOnly { get; set; }

        /// <summary>Forgets the scanned files (tests compare reads with and without a scan).</summary>
        internal static void ForgetScannedFiles() => s_checked.Clear();

        /// <summary>Rate, channels and the exact frame count.</summary>
        public static AudioFileInfo? Probe(string path, out string openError)
        {
            var handle = Open(path, out int rate, out int channels, out long length, out openError);
            if (handle == IntPtr.Zero)
                return null;
            Mpg123.Delete(handle);
            return new AudioFileInfo(length, rate, channels, AudioBackend.Mpg123);
        }

        /// <summary>Like <see cref="SndFileReader.TryRead"/>: the frames chosen by <paramref name="select"/> (given the
        /// exact length) as interleaved floats in a pooled buffer; <see langword="null"/> with
        /// <paramref name="openError"/> set when the file holds no MPEG audio.</summary>
        public static float[] TryRead(string path, Func<long, int, (long Start, long Count)> select,
            out long frames, out int channels, out int sourceRate, out string openError)
        {
            frames = 0;
            var handle = Open(path, out sourceRate, out channels, out long length, out openError);
            if (handle == IntPtr.Zero)
                return null;
            try
            {
                var (start, count) = select(length, sourceRate);
                if (start > 0 && Mpg123.Seek(handle, start) < 0)
                    throw new InvalidDataException(
                        $"Audio file '{path}' is corrupt: seeking to frame {start} of {length} failed " +
                        $"({Mpg123.ErrorText(Mpg123.ErrorCode(handle))}).");
                long want = Math.Max(0, Math.Min(count, length - start));
                var buffer = ArrayPool<float>.Shared.Rent(checked((int)Math.Max(1, want * channels)));
                try
                {
                    while (frames < want)
                    {
                        int result;
                        long done;
                        fixed (float* p = buffer)
                            result = Mpg123.Read(handle, p + frames * channels, (want - frames) * channels * sizeof(float), out done);
                        frames += done / (channels * sizeof(float));
                        if (result == Mpg123.Done || (result == Mpg123.Ok && done == 0))
                            break; // a joined stream can end a frame before the scan said: what decoded is the file
                        if (result != Mpg123.Ok)
                            throw Corrupt(path, sourceRate, start + frames, handle, result);
                    }
                    return buffer;
                }
                catch
                {
                    ArrayPool<float>.Shared.Return(buffer);
                    throw;
                }
            }
            finally
            {
                Mpg123.Delete(handle);
            }
        }

        /// <summary>Opens and reads the format; the exact length comes from a scan (or the remembered one), which
        /// also rejects a stream that breaks off. <see cref="IntPtr.Zero"/> with <paramref name="openError"/> when
        /// there is no MPEG audio at all. The handle returned has not been scanned: a scanned handle decodes the same
        /// stream with differences of about 1e-8 (its state after the scan's rewind is not a fresh decoder's), and
        /// reads must not depend on whether the file was scanned before.</summary>
        private static IntPtr Open(string path, out int rate, out int channels, out long length, out string openError)
        {
            length = 0;
            var handle = OpenUnscanned(path, out rate, out channels, out openError);
            if (handle == IntPtr.Zero)
                return IntPtr.Zero;
            try
            {
                var file = new FileInfo(path);
                if (s_checked.TryGetValue(file.FullName, out var known) && known.Size == file.Length
                    && known.Written == file.LastWriteTimeUtc)
                {
                    // Scanned before and unchanged: the exact length without reading the file again (a read of one
                    // segment of a long file would otherwise scan all of it).
                    length = known.Frames;
                    return handle;
                }
                length = Scan(path, file);
                return handle;
            }
            catch
            {
                Mpg123.Delete(handle);
                throw;
            }
        }

        private static IntPtr OpenUnscanned(string path, out int rate, out int channels, out string openError)
        {
            rate = channels = 0;
            openError = null;
            var handle = Mpg123.New();
            if (handle == IntPtr.Zero)
                throw new InvalidOperationException($"libmpg123 could not create a decoder for audio file '{path}'.");
            try
            {
                if (Mpg123.Open(handle, path) != Mpg123.Ok
                    || Mpg123.GetFormat(handle, out rate, out channels, out int encoding) != Mpg123.Ok)
                {
                    openError = "no MPEG audio frames found";
                    Mpg123.Delete(handle);
                    return IntPtr.Zero;
                }
                if (encoding != Mpg123.EncodingFloat32)
                    throw new InvalidOperationException($"libmpg123 decodes audio file '{path}' to encoding 0x{encoding:X}, not 32-bit float.");
                AudioDecoder.CheckSourceFormat(path, rate, channels);
                return handle;
            }
            catch
            {
                Mpg123.Delete(handle);
                throw;
            }
        }

        /// <summary>The exact length from <c>mpg123_scan</c> on a handle of its own; rejects a stream that breaks off
        /// or does not reach its Xing/Info frame count, and remembers a good verdict.</summary>
        private static long Scan(string path, FileInfo file)
        {
            var handle = OpenUnscanned(path, out _, out _, out _);
            if (handle == IntPtr.Zero)
                throw new InvalidDataException($"Audio file '{path}' changed while it was being read.");
            try
            {
                // Before the scan this is the Xing/Info/VBRI frame count when the file has one, else the estimate.
                long declared = Mpg123.Length(handle);
                if (Mpg123.Scan(handle) != Mpg123.Ok)
                    throw new InvalidDataException(
                        $"Audio file '{path}' is corrupt: its MPEG frames cannot be scanned ({Mpg123.ErrorText(Mpg123.ErrorCode(handle))}).");
                long length = Mpg123.Length(handle);
                if (Mpg123.ErrorCode(handle) == Mpg123.ResyncFail)
                    CheckBreak(path);
                if (length <= 0)
                    throw new InvalidDataException($"Audio file '{path}' decoded to zero samples.");
                // An exact header length that the stream does not reach is a truncated file, as for WAV or FLAC (a
                // frame of slack for encoders that count the header frame).
                if (length + FrameSlack < declared && HasFrameCountHeader(path))
                    throw new InvalidDataException(
                        $"Audio file '{path}' is truncated: its Xing/Info header declares {declared} frames but only {length} are present.");
                if (s_checked.Count >= CheckedCapacity)
                    s_checked.Clear();
                s_checked[file.FullName] = (file.Length, file.LastWriteTimeUtc, length);
                return length;
            }
            finally
            {
                Mpg123.Delete(handle);
            }
        }

        /// <summary>The scan lost sync before the end. Decodes the file from the start (without the scan, so the
        /// decoder meets the break) to find where and why; bytes that are all zero after it are padding, not a break.</summary>
        private static void CheckBreak(string path)
        {
            var handle = Mpg123.New();
            if (handle == IntPtr.Zero)
                throw new InvalidOperationException($"libmpg123 could not create a decoder for audio file '{path}'.");
            var scratch = ArrayPool<float>.Shared.Rent(ChunkFrames * 2);
            try
            {
                if (Mpg123.Open(handle, path) != Mpg123.Ok || Mpg123.GetFormat(handle, out int rate, out int channels, out _) != Mpg123.Ok)
                    return;
                long frames = 0;
                while (true)
                {
                    int result;
                    long done;
                    fixed (float* p = scratch)
                        result = Mpg123.Read(handle, p, (scratch.Length / channels) * channels * sizeof(float), out done);
                    frames += done / (channels * sizeof(float));
                    if (result == Mpg123.Done || (result == Mpg123.Ok && done == 0))
                        return;
                    if (result != Mpg123.Ok)
                    {
                        if (result == Mpg123.Err && RestIsZero(path, Mpg123.TellStream(handle)))
                            return;
                        throw Corrupt(path, rate, frames, handle, result);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
                Mpg123.Delete(handle);
            }
        }

        private static InvalidDataException Corrupt(string path, int rate, long frame, IntPtr handle, int result)
        {
            long position = Mpg123.TellStream(handle), size = new FileInfo(path).Length;
            var why = result == Mpg123.NewFormat
                ? "the stream changes format there: the bytes after it are not the same MPEG audio"
                : "mpg123: " + Mpg123.ErrorText(Mpg123.ErrorCode(handle));
            var where = position >= 0 && position < size ? $", {(size - position) / 1024.0:0.#} KB before the end of the file" : "";
            return new InvalidDataException(
                $"Audio file '{path}' is corrupt: its MPEG stream breaks off at {(double)frame / rate:0.###} s{where} ({why}).");
        }

        /// <summary>Whether the first MPEG frame is a Xing/Info or VBRI header with a frame count, which makes the
        /// length mpg123 reports before a scan exact rather than estimated from the bitrate.</summary>
        internal static bool HasFrameCountHeader(string path)
        {
            var head = new byte[1 << 16];
            int n;
            using (var stream = File.OpenRead(path))
                n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            int at = 0;
            if (n >= 10 && head[0] == 'I' && head[1] == 'D' && head[2] == '3')
            {
                // ID3v2: a 10-byte header, a syncsafe size, and a 10-byte footer when flag 0x10 is set.
                at = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F));
                if ((head[5] & 0x10) != 0)
                    at += 10;
            }
            for (int limit = Math.Min(n - 4, at + 4096); at < limit; at++)
            {
                if (head[at] == 0xFF && (head[at + 1] & 0xE0) == 0xE0 && (head[at + 1] & 0x06) != 0)
                    break;
            }
            if (at + 40 + 8 > n)
                return false;
            bool mpeg1 = (head[at + 1] & 0x18) == 0x18, mono = (head[at + 3] & 0xC0) == 0xC0;
            int xing = at + 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
            if (xing + 8 <= n && (Tag(head, xing, "Xing") || Tag(head, xing, "Info")))
                return (head[xing + 7] & 0x01) != 0;
            int vbri = at + 4 + 32;
            return vbri + 18 <= n && Tag(head, vbri, "VBRI");
        }

        private static bool Tag(byte[] bytes, int at, string tag) =>
            bytes[at] == tag[0] && bytes[at + 1] == tag[1] && bytes[at + 2] == tag[2] && bytes[at + 3] == tag[3];

        private static bool RestIsZero(string path, long position)
        {
            if (position < 0)
                return false;
            using var stream = File.OpenRead(path);
            if (position >= stream.Length)
                return true;
            stream.Position = position;
            var chunk = new byte[1 << 16];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (chunk.AsSpan(0, n).IndexOfAnyExcept((byte)0) >= 0)
                    return false;
            }
            return true;
        }
    }
}
