using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using FFMpegCore;
using FFMpegCore.Pipes;

namespace MusicEmotion.MLNet.Audio
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
        /// reading (no full decode).</summary>
        public static AudioFileInfo Probe(string path)
        {
            var analysis = FFProbe.Analyse(path);
            var stream = analysis.PrimaryAudioStream
                ?? throw new InvalidDataException($"Audio file '{path}' has no audio stream (ffprobe).");
            int rate = stream.SampleRateHz ?? 0, channels = stream.Channels ?? 0;
            if (rate <= 0 || channels <= 0)
                throw new InvalidDataException(
                    $"Audio file '{path}' reports {rate} Hz and {channels} channels (ffprobe).");
            var duration = stream.Duration > TimeSpan.Zero ? stream.Duration : analysis.Duration;
            var frames = (long)Math.Round(duration.TotalSeconds * rate);
            return new AudioFileInfo(frames, rate, channels, AudioBackend.Ffmpeg);
        }

        /// <summary>Decodes the whole first audio stream to interleaved float samples at the source layout.</summary>
        public static float[] DecodeInterleaved(string path, out int sampleRate, out int channels, out long frames)
        {
            var info = Probe(path);
            int rate = info.SampleRate, count = info.Channels;
            sampleRate = rate;
            channels = count;
            using var pcm = new MemoryStream();
            FFMpegArguments
                .FromFileInput(path)
                .OutputToPipe(new StreamPipeSink(pcm), options => options
                    .WithCustomArgument($"-map 0:a:0 -vn -ac {count} -ar {rate}")
                    .ForceFormat("f32le"))
                .ProcessSynchronously();
            var bytes = pcm.GetBuffer().AsSpan(0, (int)pcm.Length);
            var samples = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            frames = samples.Length / count;
            return samples;
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
