using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using FFMpegCore;
using FFMpegCore.Pipes;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The fallback for containers libsndfile cannot open (m4a/AAC, wma, …): the <c>ffmpeg</c> executable on PATH,
    /// driven through FFMpegCore. It decodes to raw 32-bit float at the source channel count and rate; the caller
    /// does the mean downmix and the soxr resampling, so both paths give the same numbers for the same PCM
    /// (<c>ffmpeg -ac 1</c> would scale a stereo sum by 1/√2 instead of taking the mean).
    /// </summary>
    internal static class FfmpegDecoder
    {
        public const string DebianPackage = "ffmpeg";

        /// <summary>Whether both <c>ffmpeg</c> and <c>ffprobe</c> can be found (FFMpegCore's configured folder or PATH).</summary>
        public static bool IsAvailable => FindExecutable("ffmpeg") != null && FindExecutable("ffprobe") != null;

        /// <summary>Source rate, channel count and duration of the first audio stream, from ffprobe's header
        /// reading (no full decode); a rate or channel count of 0 when ffprobe finds none.</summary>
        public static AudioFileInfo Probe(string path)
        {
            var analysis = FFProbe.Analyse(path);
            var stream = analysis.PrimaryAudioStream
                ?? throw new InvalidDataException($"Audio file '{path}' has no audio stream (ffprobe).");
            int rate = stream.SampleRateHz ?? 0, channels = stream.Channels ?? 0;
            if (rate <= 0 || channels <= 0)
                return new AudioFileInfo(0, rate, channels, AudioBackend.Ffmpeg);
            var duration = stream.Duration > TimeSpan.Zero ? stream.Duration : analysis.Duration;
            var frames = (long)Math.Round(duration.TotalSeconds * rate);
            return new AudioFileInfo(frames, rate, channels, AudioBackend.Ffmpeg);
        }

        /// <summary>Decodes frames [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of
        /// the first audio stream (sample-exact, with ffmpeg's <c>atrim</c>) to interleaved float samples at the source
        /// layout described by <paramref name="info"/>; <paramref name="count"/> = <see cref="long.MaxValue"/> reads to
        /// the end.</summary>
        public static float[] DecodeInterleaved(string path, AudioFileInfo info, long start, long count, out long frames)
        {
            var trim = count == long.MaxValue
                ? (start > 0 ? $" -af atrim=start_sample={start}" : "")
                : $" -af atrim=start_sample={start}:end_sample={start + count}";
            using var pcm = new MemoryStream();
            FFMpegArguments
                .FromFileInput(path, verifyExists: true, options => options.WithCustomArgument("-hide_banner -v error"))
                .OutputToPipe(new StreamPipeSink(pcm), options => options
                    .WithCustomArgument($"-map 0:a:0 -vn -ac {info.Channels} -ar {info.SampleRate}{trim}")
                    .ForceFormat("f32le"))
                .ProcessSynchronously();
            var bytes = pcm.GetBuffer().AsSpan(0, (int)pcm.Length);
            var samples = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            frames = samples.Length / info.Channels;
            return samples;
        }

        /// <summary>The last meaningful line ffmpeg or ffprobe wrote to standard error, from an FFMpegCore exception
        /// (whose message is "ffmpeg exited with non-zero exit-code (1 - &lt;all of stderr&gt;)"), without the
        /// <c>[mp3 @ 0x…]</c> context, the input path and the generic closing lines.</summary>
        public static string LastErrorLine(Exception error)
        {
            var text = error.Message ?? "";
            int dash = text.IndexOf(" - ", StringComparison.Ordinal);
            if (text.Contains("exited with non-zero exit-code", StringComparison.Ordinal) && dash >= 0)
                text = text.Substring(dash + 3).TrimEnd().TrimEnd(')');
            string best = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith('['))
                {
                    int close = line.IndexOf("] ", StringComparison.Ordinal);
                    if (close > 0)
                        line = line.Substring(close + 2).Trim();
                }
                if (line.Length == 0 || line.StartsWith("Conversion failed", StringComparison.Ordinal)
                    || line.StartsWith("Error opening input file", StringComparison.Ordinal)
                    || line.StartsWith("Error opening output file", StringComparison.Ordinal)
                    || line.StartsWith("ffmpeg version", StringComparison.Ordinal)
                    || line.StartsWith("ffprobe version", StringComparison.Ordinal)
                    || line.StartsWith("Exiting with exit code", StringComparison.Ordinal))
                    continue;
                best = line;
            }
            best ??= error.GetType().Name;
            // "<path>: Invalid data found when processing input" names the file the caller names already.
            int colon = best.LastIndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && (best.Contains(Path.DirectorySeparatorChar) || best.Contains('.')) && best.Substring(0, colon).IndexOf(' ') < 0)
                best = best.Substring(colon + 2);
            return best.TrimEnd('.');
        }

        private static string FindExecutable(string name)
        {
            var folder = GlobalFFOptions.Current.BinaryFolder;
            var folders = string.IsNullOrEmpty(folder)
                ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                : new[] { folder };
            var names = OperatingSystem.IsWindows() ? new[] { name + ".exe" } : new[] { name };
            return folders.Where(f => f.Length > 0)
                .SelectMany(f => names.Select(n => Path.Combine(f, n)))
                .FirstOrDefault(File.Exists);
        }
    }
}
