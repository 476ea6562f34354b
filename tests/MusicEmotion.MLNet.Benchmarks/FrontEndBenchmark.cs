using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>frontend [clips=48] [folder]</c>: on real 30-s 44.1 kHz stereo mp3 files (<see cref="MusicFiles"/>), prints
    /// decode + mono + resample ms per clip, log-STFT ms per clip, and clips per second through
    /// <c>LoadAudio("Audio", "Path").Append(LogStft("Spectrogram", "Audio"))</c> read as users read it: one cursor
    /// over the spectrogram column, <c>ml.Data.Cache</c>, and <c>SaveAsBinary</c> to a stream. Wall figures depend on
    /// the other load of the machine, so CPU milliseconds of this process per clip are printed beside them, with the share of
    /// the consumer thread (the one reading the cursor; the rest is the read-ahead's workers and the runtime's threads).
    /// </summary>
    internal static class FrontEndBenchmark
    {
        private const int SampleRate = AudioLoadingEstimator.Defaults.SampleRate;

        public static int Run(string[] args)
        {
            int count = args.Length > 0 ? int.Parse(args[0]) : 48;
            var folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "mer-decode-bench");
            Console.Write("frontend: ");
            var files = MusicFiles.Ensure(count, folder);
            Console.WriteLine($"{Environment.ProcessorCount} cores, read-ahead depth {AudioReadAheadDataView.ReadAheadDepth}, " +
                $"load average {LoadAverage()}");

            var clips = Decode(files);
            Stft(clips);

            var ml = new MLContext(seed: 0);
            var data = ml.Data.LoadFromEnumerable(files.Select(f => new PathRow { Path = f }));
            var model = ml.Transforms.LoadAudio("Audio", "Path")
                .Append(ml.Transforms.LogStft("Spectrogram", "Audio"))
                .Fit(data);
            var output = model.Transform(data);
            ReadSpectrogram(output, Math.Min(8, files.Length)); // warm-up: JIT, native libraries, thread pool

            // Alternated, so that neither variant gains from running later (tiered JIT, a warmer thread pool).
            for (int round = 0; round < 2; round++)
            {
                LogStftTransformer.ParallelFrames = null;
                EndToEnd("cursor over Spectrogram (read-ahead, default STFT)", files.Length, () => ReadSpectrogram(output, files.Length));
                LogStftTransformer.ParallelFrames = false;
                EndToEnd("  the same, each clip's STFT on one core", files.Length, () => ReadSpectrogram(output, files.Length));
                LogStftTransformer.ParallelFrames = true;
                EndToEnd("  the same, each clip's STFT frames split over the cores", files.Length, () => ReadSpectrogram(output, files.Length));
            }
            LogStftTransformer.ParallelFrames = null;
            EndToEnd("ml.Data.Cache, first pass (read-ahead)", files.Length,
                () => ReadSpectrogram(ml.Data.Cache(output, "Spectrogram"), files.Length));
            EndToEnd("SaveAsBinary of Spectrogram to a stream", files.Length, () =>
            {
                using var sink = new CountingStream();
                ml.Data.SaveAsBinary(ml.Transforms.SelectColumns("Spectrogram").Fit(output).Transform(output), sink);
            });
            int depth = AudioReadAheadDataView.ReadAheadDepth;
            AudioReadAheadDataView.ReadAheadDepth = 0;
            EndToEnd("cursor, no read-ahead (ML.NET split + consolidate)", files.Length,
                () => ReadSpectrogram(output, files.Length));
            AudioReadAheadDataView.ReadAheadDepth = depth;
            return 0;
        }

        /// <summary>Decode + mono + resample of each file on this thread (what LoadAudio does per row).</summary>
        private static float[][] Decode(string[] files)
        {
            int length = SampleRate * MusicFiles.Seconds;
            AudioDecoder.ReadClip(files[0], SampleRate, 0, ClipAlignment.Start, new float[length]); // warm-up
            var clips = files.Select(_ => new float[length]).ToArray();
            var times = new List<double>();
            var cpu = CpuMs();
            for (int i = 0; i < files.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                AudioDecoder.ReadClip(files[i], SampleRate, 0, ClipAlignment.Start, clips[i]);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Report("decode + mono + resample to 22050, one core (target <= 35)", times, (CpuMs() - cpu) / files.Length);
            return clips;
        }

        /// <summary>The LogStft engine with the default options on the decoded clips, frames over all cores and on one.</summary>
        private static void Stft(float[][] clips)
        {
            var engine = new StftEngine(LogStftEstimator.Defaults.FftSize, LogStftEstimator.Defaults.HopLength,
                LogStftEstimator.Defaults.FftSize, LogStftEstimator.Defaults.Window, LogStftEstimator.Defaults.Center,
                PaddingMode.Constant);
            var scaling = new SpectrumScaling(LogStftEstimator.Defaults.Scale, DecibelReference.One,
                LogStftEstimator.Defaults.Amin, LogStftEstimator.Defaults.TopDb);
            var output = new float[engine.BinCount * engine.FrameCount(clips[0].Length)];
            foreach (bool parallel in new[] { true, false })
            {
                engine.Compute(clips[0], output, scaling, parallel); // warm-up
                var times = new List<double>();
                var cpu = CpuMs();
                foreach (var clip in clips)
                {
                    var watch = Stopwatch.StartNew();
                    engine.Compute(clip, output, scaling, parallel);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                Report(parallel ? "log-STFT [1025, 1292] dB, frames over all cores (target <= 3)" : "log-STFT, one core",
                    times, (CpuMs() - cpu) / clips.Length);
            }
        }

        private static void ReadSpectrogram(IDataView data, int rows)
        {
            var column = data.Schema["Spectrogram"];
            using var cursor = data.GetRowCursor(new[] { column });
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            int read = 0;
            while (read < rows && cursor.MoveNext())
            {
                getter(ref value);
                if (value.Length != 1025 * 1292)
                    throw new InvalidOperationException($"Spectrogram of {value.Length} values.");
                read++;
            }
        }

        private static void EndToEnd(string what, int clips, Action run)
        {
            var load = LoadAverage();
            var cpu = CpuMs();
            var consumerCpu = ThreadCpuTime.CurrentMs();
            var watch = Stopwatch.StartNew();
            run();
            double seconds = watch.Elapsed.TotalSeconds;
            double consumerPerClip = (ThreadCpuTime.CurrentMs() - consumerCpu) / clips;
            double cpuPerClip = (CpuMs() - cpu) / clips;
            // On a machine shared with other work the wall rate says little; the CPU time per clip bounds the rate this
            // process would reach with all cores to itself (a ceiling: it assumes the work keeps every core busy).
            double ceiling = 1000.0 * Environment.ProcessorCount / cpuPerClip;
            Console.WriteLine($"{"end to end, " + what,-66} {clips / seconds,6:0.0} clips/s  {1000 * seconds / clips,6:0.0} ms/clip wall  " +
                $"{cpuPerClip,6:0.0} CPU-ms/clip (<= {ceiling:0} clips/s on {Environment.ProcessorCount} idle cores), " +
                $"{consumerPerClip,5:0.0} of them on the consumer thread  " +
                $"peak RSS {PeakMegabytes(),5:0} MB  (load before: {load}, after: {LoadAverage()})");
        }

        private static void Report(string what, List<double> times, double cpuMsPerClip)
        {
            var sorted = times.OrderBy(t => t).ToArray();
            Console.WriteLine($"{what,-66} mean {times.Average(),6:0.00} ms  median {sorted[sorted.Length / 2],6:0.00} ms  " +
                $"min {sorted[0],6:0.00} ms  {cpuMsPerClip,6:0.00} CPU-ms per clip");
        }

        private static double PeakMegabytes()
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / 1048576.0;
        }

        private static double CpuMs()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalMilliseconds;
        }

        private static string LoadAverage()
        {
            try
            {
                return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException)
            {
                return "n/a";
            }
        }

        private sealed class PathRow
        {
            public string Path { get; set; }
        }

        /// <summary>A seekable write-only stream (BinarySaver seeks back to write its header) that keeps only the length.</summary>
        private sealed class CountingStream : Stream
        {
            private long _length;
            public override bool CanRead => false;
            public override bool CanSeek => true;
            public override bool CanWrite => true;
            public override long Length => _length;
            public override long Position { get; set; }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override void SetLength(long value) => _length = value;

            public override long Seek(long offset, SeekOrigin origin)
            {
                Position = origin switch
                {
                    SeekOrigin.Begin => offset,
                    SeekOrigin.Current => Position + offset,
                    _ => _length + offset,
                };
                return Position;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Position += count;
                _length = Math.Max(_length, Position);
            }
        }
    }
}
