using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>decode [files=20] [folder]</c>: writes N real 30-s 44.1 kHz stereo mp3 files of a synthetic music-like signal
    /// (chords with envelopes, a bass line, noise percussion; different left/right mixes), then reports ms per clip for
    /// libsndfile decode + mean downmix + soxr_hq resampling to 22,050 Hz (what <c>LoadAudio</c> does), its parts, and
    /// the cost of one ffmpeg process per file for comparison.
    /// </summary>
    internal static class DecodeBenchmark
    {
        private const int TargetRate = 22050;
        private const int Seconds = MusicFiles.Seconds;

        public static int Run(string[] args)
        {
            int count = args.Length > 0 ? int.Parse(args[0]) : 20;
            var folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "mer-decode-bench");
            var files = MusicFiles.Ensure(count, folder);

            var clip = new float[TargetRate * Seconds];
            AudioDecoder.ReadClip(files[0], TargetRate, 0, ClipAlignment.Start, clip); // warm-up: load libraries, JIT
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var total = Measure(files, f => AudioDecoder.ReadClip(f, TargetRate, 0, ClipAlignment.Start, clip));
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Report("LoadAudio path: decode + mono + resample to 22050 (ReadClip)", total);
            Console.WriteLine($"{"  the same, CPU time of this process (less sensitive to other load)",-76} mean {cpu.TotalMilliseconds / files.Length,7:0.0} ms per clip");

            var decode = new List<double>();
            var downmix = new List<double>();
            var resample = new List<double>();
            foreach (var file in files)
                Parts(file, decode, downmix, resample);
            Report("  libsndfile/mpg123 decode (sf_readf_float, whole file)", decode);
            Report("  mean downmix", downmix);
            Report("  soxr_hq 44100 -> 22050", resample);

            Pipeline(files);

            if (FfmpegDecoder.IsAvailable)
            {
                Report("ffmpeg process per file, f32le at source layout (fallback path)", Measure(files, f => Ffmpeg(f, "-f f32le -")));
                Report("ffmpeg process per file, -ac 1 -ar 22050 f32le (not librosa-equivalent)", Measure(files, f => Ffmpeg(f, "-ac 1 -ar 22050 -f f32le -")));
                Report("ffmpeg process start-up only (-version)", Measure(files, _ => FfmpegVersion()));
            }
            else
            {
                Console.WriteLine("ffmpeg not found on PATH: process-per-file comparison skipped");
            }
            return 0;
        }

        /// <summary>Clips per second through <c>LoadAudio</c> in an ML.NET pipeline, reading the column as a consumer
        /// would (ML.NET may split the work over parallel cursors).</summary>
        private static void Pipeline(string[] files)
        {
            var ml = new MLContext(seed: 0);
            var data = ml.Data.LoadFromEnumerable(files.Select(f => new PathRow { Path = f }));
            var output = ml.Transforms.LoadAudio("Audio", "Path").Fit(data).Transform(data);
            var watch = Stopwatch.StartNew();
            int rows = 0;
            foreach (var clip in output.GetColumn<VBuffer<float>>("Audio"))
            {
                if (clip.Length != TargetRate * Seconds)
                    throw new InvalidOperationException($"clip of {clip.Length} samples");
                rows++;
            }
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{"LoadAudio in an ML.NET pipeline (GetColumn, " + Environment.ProcessorCount + " cores)",-76} " +
                $"{rows / seconds,7:0.0} clips/s ({1000 * seconds / rows:0.0} ms per clip wall)");
        }

        private sealed class PathRow
        {
            public string Path { get; set; }
        }

        private static List<double> Measure(string[] files, Action<string> action)
        {
            var times = new List<double>();
            foreach (var file in files)
            {
                var watch = Stopwatch.StartNew();
                action(file);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times;
        }

        private static void Parts(string file, List<double> decode, List<double> downmix, List<double> resample)
        {
            var watch = Stopwatch.StartNew();
            var info = new SndFile.Info();
            var handle = SndFile.Open(file, SndFile.ModeRead, ref info);
            var buffer = ArrayPool<float>.Shared.Rent((int)info.Frames * info.Channels);
            long frames = SndFile.ReadFrames(handle, buffer, info.Frames);
            SndFile.Close(handle);
            decode.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            AudioDecoder.DownmixInPlace(buffer, frames, info.Channels);
            downmix.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            var output = ArrayPool<float>.Shared.Rent(Soxr.OutputLength(frames, info.SampleRate, TargetRate));
            Soxr.ResampleMono(buffer.AsSpan(0, (int)frames), info.SampleRate, TargetRate,
                output.AsSpan(0, Soxr.OutputLength(frames, info.SampleRate, TargetRate)));
            resample.Add(watch.Elapsed.TotalMilliseconds);
            ArrayPool<float>.Shared.Return(output);
            ArrayPool<float>.Shared.Return(buffer);
        }

        private static void Ffmpeg(string file, string output)
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in $"-nostdin -v error -i {file} {output}".Split(' '))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start);
            var stderr = process.StandardError.ReadToEndAsync();
            using var sink = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(sink);
            process.WaitForExit();
            if (process.ExitCode != 0 || sink.Length == 0)
                throw new InvalidOperationException($"ffmpeg failed on {file}: {stderr.Result}");
        }

        private static void FfmpegVersion()
        {
            var start = new ProcessStartInfo("ffmpeg", "-version") { RedirectStandardOutput = true };
            using var process = Process.Start(start);
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }

        private static void Report(string what, List<double> times)
        {
            var sorted = times.OrderBy(t => t).ToArray();
            double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            Console.WriteLine($"{what,-76} mean {times.Average(),7:0.0} ms  median {median,7:0.0} ms  min {sorted[0],7:0.0} ms per clip");
        }
    }
}
