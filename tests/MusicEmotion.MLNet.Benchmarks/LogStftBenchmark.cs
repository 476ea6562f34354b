using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>stft [clips]</c>: milliseconds per 30-s clip (661,500 samples at 22,050 Hz → [1025, 1292] decibels) for the
    /// log-STFT engine on one clip (all cores, then one core), batched clip throughput, the ML.NET pipeline, and for
    /// comparison TorchSharp's <c>torch.stft</c> and numpy's <c>rfft</c> (/usr/bin/python3) doing the same work.
    /// </summary>
    internal static class LogStftBenchmark
    {
        private const int Samples = 661_500;

        public static int Run(string[] args)
        {
            int clips = args.Length > 0 ? int.Parse(args[0]) : 64;
            var signal = MakeClip(seed: 1);
            var engine = new StftEngine(2048, 512, 2048, WindowType.Hann, true, PaddingMode.Constant);
            var scaling = new SpectrumScaling(SpectrogramScale.Decibels, DecibelReference.One, 1e-5f, 80f);
            int frames = engine.FrameCount(Samples);
            var output = new float[engine.BinCount * frames];
            Console.WriteLine($"LogStft benchmark: {Samples} samples -> [{engine.BinCount}, {frames}] dB, {Environment.ProcessorCount} cores, " +
                $"Vector<float> lanes {System.Numerics.Vector<float>.Count}");

            var parallelMs = Time(() => engine.Compute(signal, output, scaling, allowParallel: true), 60);
            Console.WriteLine($"  engine, one clip, all cores       : {Format(parallelMs)}");
            var serialMs = Time(() => engine.Compute(signal, output, scaling, allowParallel: false), 20);
            Console.WriteLine($"  engine, one clip, one core        : {Format(serialMs)}");

            var exact = new StftEngine(2048, 512, 2048, WindowType.Hann, true, PaddingMode.Constant,
                doublePrecision: true);
            var exactMs = Time(() => exact.Compute(signal, output, scaling, allowParallel: true), 10);
            Console.WriteLine($"  engine, DoublePrecision, all cores: {Format(exactMs)}");

            var batch = Enumerable.Range(0, Environment.ProcessorCount).Select(i => MakeClip(i + 2)).ToArray();
            var outputs = batch.Select(_ => new float[output.Length]).ToArray();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            const int batchRuns = 20;
            var batchMs = Time(() => Parallel.For(0, batch.Length, i => engine.Compute(batch[i], outputs[i], scaling, allowParallel: false)), batchRuns);
            process.Refresh();
            // CPU time counts only the cycles the work got, so it is steadier than wall time on a shared machine.
            double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / ((batchRuns + 2) * batch.Length);
            Console.WriteLine($"  engine, clip per core (batched)   : {Format(batchMs, batch.Length)} ({1000 * batch.Length / batchMs.Mean:F0} clips/s; " +
                $"{cpuMs:F2} CPU-ms/clip)");

            Console.WriteLine($"  ML.NET LogStft pipeline           : {PipelineMs(clips),8:F2} ms/clip ({clips} rows through a cursor)");
            TorchStft(signal);
            NumpyRfft();
            return 0;
        }

        private static double PipelineMs(int clips)
        {
            var ml = new MLContext(seed: 0);
            var clip = MakeClip(5);
            var rows = Enumerable.Range(0, clips).Select(_ => new ClipRow { Audio = clip });
            var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(ClipRow));
            schema[nameof(ClipRow.Audio)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Samples);
            var data = ml.Data.LoadFromEnumerable(rows, schema);
            var model = ml.Transforms.LogStft("Spectrogram", nameof(ClipRow.Audio)).Fit(data);
            var transformed = model.Transform(data);
            double ms = 0;
            for (int pass = 0; pass < 2; pass++)
            {
                var watch = Stopwatch.StartNew();
                using var cursor = transformed.GetRowCursor(transformed.Schema.Where(c => c.Name == "Spectrogram"));
                var getter = cursor.GetGetter<VBuffer<float>>(transformed.Schema["Spectrogram"]);
                VBuffer<float> value = default;
                while (cursor.MoveNext())
                    getter(ref value);
                ms = watch.Elapsed.TotalMilliseconds / clips;
            }
            return ms;
        }

        private static void TorchStft(float[] signal)
        {
            try
            {
                using var x = torch.tensor(signal);
                using var window = torch.hann_window(2048, periodic: true);
                Func<float> run = () =>
                {
                    using var scope = torch.NewDisposeScope();
                    var spec = torch.stft(x, 2048, 512, 2048, window, center: true, pad_mode: PaddingModes.Constant, return_complex: true);
                    var db = spec.abs().clamp_min(1e-5).log10().mul(20);
                    var floor = db.max() - 80;
                    return db.maximum(floor).sum().item<float>();
                };
                var ms = Time(() => run(), 10);
                Console.WriteLine($"  torch.stft + amplitude_to_db      : {Format(ms)} (TorchSharp, {torch.get_num_threads()} threads)");
            }
            catch (Exception e) when (e is TypeInitializationException || e is DllNotFoundException || e is NotSupportedException)
            {
                Console.WriteLine($"  torch.stft                        : skipped ({e.GetType().Name})");
            }
        }

        private static void NumpyRfft()
        {
            const string python = "/usr/bin/python3";
            if (!File.Exists(python))
                return;
            const string script =
                "import numpy as np, time\n" +
                "y = np.random.default_rng(0).standard_normal(661500).astype(np.float32)\n" +
                "w = (0.5 - 0.5*np.cos(2*np.pi*np.arange(2048)/2048)).astype(np.float32)\n" +
                "def run():\n" +
                "    p = np.pad(y, 1024)\n" +
                "    f = np.lib.stride_tricks.sliding_window_view(p, 2048)[::512]\n" +
                "    s = np.abs(np.fft.rfft(f*w, axis=-1)).T\n" +
                "    d = 20*np.log10(np.maximum(1e-5, s))\n" +
                "    return np.maximum(d, d.max()-80)\n" +
                "run(); t = time.perf_counter(); [run() for _ in range(5)]\n" +
                "print(f'{(time.perf_counter()-t)/5*1000:.2f}')\n";
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            using var process = Process.Start(start);
            string text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0)
                Console.WriteLine($"  numpy rfft + amplitude_to_db      : {text,8} ms/clip mean (float64 FFT, one core)");
        }

        // Mean and best of the repetitions: on a shared machine the best is the cost without interference.
        private static (double Mean, double Best) Time(Action action, int repetitions)
        {
            action();
            action();
            double total = 0, best = double.MaxValue;
            for (int i = 0; i < repetitions; i++)
            {
                var watch = Stopwatch.StartNew();
                action();
                double ms = watch.Elapsed.TotalMilliseconds;
                total += ms;
                best = Math.Min(best, ms);
            }
            return (total / repetitions, best);
        }

        private static string Format((double Mean, double Best) t, int clipsPerRun = 1)
            => $"{t.Mean / clipsPerRun,8:F2} ms/clip mean, {t.Best / clipsPerRun,6:F2} best";

        private static float[] MakeClip(int seed)
        {
            var random = new Random(seed);
            var clip = new float[Samples];
            for (int n = 0; n < Samples; n++)
                clip[n] = (float)(0.3 * Math.Sin(2 * Math.PI * 440.0 * n / 22050) + 0.05 * (random.NextDouble() - 0.5));
            return clip;
        }

        private sealed class ClipRow
        {
            public float[] Audio { get; set; }
        }
    }
}
