using System;
using System.IO;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Writes float samples to an audio file through libsndfile (Debian package <c>libsndfile1</c>), choosing the
    /// container from the file extension: <c>.wav</c> (16-bit PCM, or 32-bit float with
    /// <c>floatingPoint: true</c>), <c>.flac</c> (16-bit), <c>.ogg</c> (Vorbis), <c>.opus</c> (Opus in Ogg) and
    /// <c>.mp3</c> (MPEG layer III, libsndfile 1.1 or newer). Used by the tests, the benchmarks and the synthetic
    /// demo corpus to make real files.
    /// </summary>
    /// <remarks>
    /// Samples are interleaved (<c>L R L R …</c> for stereo) and nominally in [-1, 1]; integer encodings clip values
    /// outside that range instead of wrapping. Lossy encodings (Vorbis, Opus, MP3) change the samples and, for MP3,
    /// the decoder may add or drop a few hundred samples at the edges.
    /// </remarks>
    public static class AudioWriter
    {
        /// <summary>Writes interleaved <paramref name="samples"/> with <paramref name="channels"/> channels at
        /// <paramref name="sampleRate"/> Hz to <paramref name="path"/>, replacing an existing file.</summary>
        /// <param name="path">Output file; its extension selects the format (.wav, .flac, .ogg, .opus, .mp3).</param>
        /// <param name="samples">Interleaved samples; the length must be a multiple of <paramref name="channels"/>.</param>
        /// <param name="channels">Channel count, 1 or more.</param>
        /// <param name="sampleRate">Sample rate in Hz, greater than 0.</param>
        /// <param name="floatingPoint">For .wav only: write 32-bit float instead of 16-bit PCM, so that the samples
        /// read back exactly.</param>
        /// <exception cref="ArgumentException">An argument breaks the rules above or the extension is not supported.</exception>
        /// <exception cref="IOException">libsndfile could not create or write the file.</exception>
        public static unsafe void Write(string path, ReadOnlySpan<float> samples, int channels, int sampleRate, bool floatingPoint = false)
        {
            if (string.IsNullOrEmpty(path))
                throw new ArgumentException("Output path is empty.", nameof(path));
            if (channels < 1)
                throw new ArgumentOutOfRangeException(nameof(channels), $"Channels={channels} must be at least 1.");
            if (sampleRate < 1)
                throw new ArgumentOutOfRangeException(nameof(sampleRate), $"SampleRate={sampleRate} must be greater than 0.");
            if (samples.Length % channels != 0)
                throw new ArgumentException(
                    $"The sample count {samples.Length} is not a multiple of Channels={channels}.", nameof(samples));

            var info = new SndFile.Info { SampleRate = sampleRate, Channels = channels, Format = FormatFor(path, floatingPoint) };
            if (!SndFile.FormatCheck(ref info))
                throw new ArgumentException(
                    $"libsndfile cannot write {Path.GetExtension(path)} with {channels} channels at {sampleRate} Hz.", nameof(path));
            var handle = SndFile.Open(path, SndFile.ModeWrite, ref info);
            if (handle == IntPtr.Zero)
                throw new IOException($"Could not create audio file '{path}': {SndFile.LastOpenError()}");
            try
            {
                int on = 1;
                SndFile.Command(handle, SndFile.CommandSetClipping, null, on);
                long frames = samples.Length / channels;
                long written;
                fixed (float* p = samples)
                    written = frames == 0 ? 0 : SndFile.WriteFrames(handle, p, frames);
                if (written != frames)
                    throw new IOException($"Could not write audio file '{path}': {SndFile.ErrorText(handle)}");
            }
            finally
            {
                SndFile.Close(handle);
            }
        }

        private static int FormatFor(string path, bool floatingPoint)
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (floatingPoint && extension != ".wav")
                throw new ArgumentException($"floatingPoint is only supported for .wav, not {extension}.", nameof(floatingPoint));
            return extension switch
            {
                ".wav" => SndFile.FormatWav | (floatingPoint ? SndFile.SubtypeFloat : SndFile.SubtypePcm16),
                ".flac" => SndFile.FormatFlac | SndFile.SubtypePcm16,
                ".ogg" => SndFile.FormatOgg | SndFile.SubtypeVorbis,
                ".opus" => SndFile.FormatOgg | SndFile.SubtypeOpus,
                ".mp3" => SndFile.FormatMpeg | SndFile.SubtypeMpegLayer3,
                _ => throw new ArgumentException(
                    $"Audio file extension '{extension}' of '{path}' is not supported for writing; use .wav, .flac, .ogg, .opus or .mp3.",
                    nameof(path)),
            };
        }
    }
}
