using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NAudio.Dsp;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>backends &lt;folder&gt; [files=all] [k=10]</c>: the managed decoding backend (NAudio/NLayer + the managed sinc
    /// resampler) against the native one (libsndfile/libmpg123 + libsoxr <c>soxr_hq</c>) on real music, in one run:
    /// lengths at the source rate (probe and decode) of every file, CPU ms per 30-s clip at 22,050 Hz (median, the two
    /// backends interleaved file by file), the largest sample difference of that clip, and the dB difference of its
    /// log-STFT (n_fft 2048, hop 512, ref 1, top_db 80). The difference is split into its two causes: the decoders
    /// (NLayer vs libmpg123 at the source rate) and the resamplers (soxr vs the managed sinc vs NAudio's WDL resampler,
    /// all on the same libmpg123 samples; every k-th file). Then a sine sweep 0 → 22,050 Hz at 44.1 kHz shows each resampler's
    /// passband level, transition and aliasing. Needs libsndfile and libsoxr.
    /// </summary>
    internal static class BackendComparison
    {
        private const int Rate = 22050;
        private const int ClipSeconds = 30;

        public static int Run(string[] args)
        {
            if (args.Length < 1)
            {
                Console.Error.WriteLine("usage: backends <folder> [number of files or all] [resamplers on every k-th file, default 10]");
                return 2;
            }
            if (!AudioDecoder.NativeAvailable)
            {
                Console.Error.WriteLine("libsndfile and libsoxr are needed for the comparison (run build/setup.sh).");
                return 1;
            }
            var files = Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories)
                .Where(f => new[] { ".mp3", ".wav", ".aif", ".aiff" }.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (args.Length > 1 && args[1] != "all")
                files = files.Take(int.Parse(args[1], CultureInfo.InvariantCulture)).ToArray();
            int detail = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
            int index = 0;

            var engine = new StftEngine(2048, 512, 2048, WindowType.Hann, true, PaddingMode.Constant);
            var scaling = new SpectrumScaling(SpectrogramScale.Decibels, DecibelReference.One, 1e-5f, 80f);
            var native = new float[Rate * ClipSeconds];
            var managed = new float[Rate * ClipSeconds];
            AudioDecoder.ReadClip(files[0], Rate, 0, ClipAlignment.Start, native, AudioDecoderBackend.Native); // warm-up
            AudioDecoder.ReadClip(files[0], Rate, 0, ClipAlignment.Start, managed, AudioDecoderBackend.Managed);

            var nativeMs = new List<double>();
            var managedMs = new List<double>();
            var managedDecodeMs = new List<double>();
            var sampleDiff = new List<double>();
            var decoderDiff = new List<double>();
            var dbMax = new List<double>();
            var dbMean = new List<double>();
            var resamplers = new[] { "managed sinc", "WDL sinc 64", "WDL as NAudio" };
            var resamplerDiff = resamplers.ToDictionary(r => r, _ => new List<double>());
            var resamplerDbMax = resamplers.ToDictionary(r => r, _ => new List<double>());
            var resamplerDbMean = resamplers.ToDictionary(r => r, _ => new List<double>());
            double seekDiff = 0;
            int probeEqual = 0, decodeEqual = 0, withinFrame = 0;
            long worstLength = 0;
            Console.WriteLine("file,native_probe,managed_probe,native_frames,managed_frames,native_ms,managed_ms,max_abs,db_max,db_mean,decoder_max_abs");
            foreach (var file in files)
            {
                var name = Path.GetRelativePath(args[0], file);
                long probeN = AudioDecoder.Probe(file, AudioDecoderBackend.Native).Frames;
                long probeM = AudioDecoder.Probe(file, AudioDecoderBackend.Managed).Frames;
                int sourceRate = AudioDecoder.Probe(file, AudioDecoderBackend.Native).SampleRate;
                var fullN = AudioDecoder.ReadAll(file, sourceRate, AudioDecoderBackend.Native);
                var fullM = AudioDecoder.ReadAll(file, sourceRate, AudioDecoderBackend.Managed);
                probeEqual += probeN == probeM ? 1 : 0;
                decodeEqual += fullN.Length == fullM.Length ? 1 : 0;
                long worst = Math.Max(Math.Abs(probeN - probeM), Math.Abs((long)fullN.Length - fullM.Length));
                withinFrame += worst <= 1152 ? 1 : 0;
                worstLength = Math.Max(worstLength, worst);

                double t0 = ThreadCpuTime.CurrentMs();
                AudioDecoder.ReadClip(file, Rate, 0, ClipAlignment.Start, native, AudioDecoderBackend.Native);
                double t1 = ThreadCpuTime.CurrentMs();
                AudioDecoder.ReadClip(file, Rate, 0, ClipAlignment.Start, managed, AudioDecoderBackend.Managed);
                double t2 = ThreadCpuTime.CurrentMs();
                nativeMs.Add(t1 - t0);
                managedMs.Add(t2 - t1);
                var atSource = new float[ClipSeconds * sourceRate];
                double t3 = ThreadCpuTime.CurrentMs();
                AudioDecoder.ReadClip(file, sourceRate, 0, ClipAlignment.Start, atSource, AudioDecoderBackend.Managed);
                managedDecodeMs.Add(ThreadCpuTime.CurrentMs() - t3);
                double maxAbs = MaxAbs(native, managed);
                sampleDiff.Add(maxAbs);
                var (dMax, dMean) = DbDifference(engine, scaling, native, managed);
                dbMax.Add(dMax);
                dbMean.Add(dMean);
                // A clip from 30 s (a seek) must be the same samples as the whole file's from there.
                if (fullM.Length > 31 * sourceRate)
                {
                    var seeked = new float[sourceRate];
                    AudioDecoder.ReadClip(file, sourceRate, 30, ClipAlignment.Start, seeked, AudioDecoderBackend.Managed);
                    seekDiff = Math.Max(seekDiff, MaxAbs(seeked, fullM.AsSpan(30 * sourceRate, sourceRate)));
                }
                double decoder = MaxAbs(fullN.AsSpan(0, Math.Min(fullN.Length, fullM.Length)), fullM.AsSpan(0, Math.Min(fullN.Length, fullM.Length)));
                decoderDiff.Add(decoder);

                // The resamplers alone, on the native decoder's samples of the clip (every detail-th file: WDL is slow).
                if (index++ % detail != 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name},{probeN},{probeM},{fullN.Length},{fullM.Length},{t1 - t0:0.0},{t2 - t1:0.0},{maxAbs:0.000000},{dMax:0.00},{dMean:0.0000},{decoder:0.000000}"));
                    continue;
                }
                int need = (int)Math.Round((double)ClipSeconds * sourceRate);
                var source = new float[need];
                AudioDecoder.FitClip(fullN, source);
                var soxr = new float[Soxr.OutputLength(need, sourceRate, Rate)];
                Soxr.ResampleMono(source, sourceRate, Rate, soxr);
                foreach (var r in resamplers)
                {
                    var y = Resample(r, source, sourceRate, Rate, soxr.Length);
                    resamplerDiff[r].Add(MaxAbs(soxr, y));
                    var (rMax, rMean) = DbDifference(engine, scaling, soxr.AsSpan(0, native.Length).ToArray(), y.AsSpan(0, native.Length).ToArray());
                    resamplerDbMax[r].Add(rMax);
                    resamplerDbMean[r].Add(rMean);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name},{probeN},{probeM},{fullN.Length},{fullM.Length},{t1 - t0:0.0},{t2 - t1:0.0},{maxAbs:0.000000},{dMax:0.00},{dMean:0.0000},{decoder:0.000000}"));
            }
            var culture = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine($"{files.Length} files in {args[0]}");
            Console.WriteLine($"  length at the source rate: probe equal {probeEqual}/{files.Length}, decoded equal {decodeEqual}/{files.Length}, " +
                $"within one mp3 frame (1152) {withinFrame}/{files.Length}, largest difference {worstLength} samples");
            Console.WriteLine(string.Create(culture, $"  CPU ms per 30-s clip at 22050 Hz (median): native {Median(nativeMs):0.0}, managed {Median(managedMs):0.0}"));
            Console.WriteLine(string.Create(culture, $"  30-s clip, managed vs native: max abs sample difference {sampleDiff.Max():0.000000} (median over files {Median(sampleDiff):0.000000}); " +
                $"log-STFT dB difference max {dbMax.Max():0.00} dB, mean {dbMean.Average():0.0000} dB"));
            Console.WriteLine(string.Create(culture, $"  managed 1-s read at 30 s vs the whole file's samples there: max abs {seekDiff:0.000000}"));
            Console.WriteLine(string.Create(culture, $"  decoders alone (NLayer vs libmpg123, source rate): max abs {decoderDiff.Max():0.000000} (median {Median(decoderDiff):0.000000})"));
            foreach (var r in resamplers)
                Console.WriteLine(string.Create(culture, $"  resampler {r,-14} vs soxr_hq on libmpg123's samples: max abs {resamplerDiff[r].Max():0.000000}, " +
                    $"log-STFT dB max {resamplerDbMax[r].Max():0.00}, mean {resamplerDbMean[r].Average():0.0000}"));
            Console.WriteLine(string.Create(culture, $"  of which NLayer/NAudio decode + downmix at the source rate (no resampling): {Median(managedDecodeMs):0.0} ms (median)"));
            Sweep(engine, scaling);
            return withinFrame == files.Length ? 0 : 1;
        }

        /// <summary>A 30-s linear sweep 0 → 22,050 Hz at 44.1 kHz, amplitude 0.5, through each resampler to 22,050 Hz:
        /// the output level where the input frequency is in the passband (0–0.9 × 11,025 Hz, ideal 0 dB), its level
        /// where the input is above 11,025 Hz (anything there is aliasing; ideal −∞), and the log-STFT dB difference from soxr.</summary>
        private static void Sweep(StftEngine engine, SpectrumScaling scaling)
        {
            const int source = 44100;
            int n = source * ClipSeconds;
            var x = new float[n];
            for (int i = 0; i < n; i++)
            {
                double t = (double)i / source;
                // f(t) = 22050 · t / 30 Hz: phase 2π · 22050 · t² / 60.
                x[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 22050.0 * t * t / (2 * ClipSeconds)));
            }
            int m = Soxr.OutputLength(n, source, Rate);
            var soxr = new float[m];
            Soxr.ResampleMono(x, source, Rate, soxr);
            Console.WriteLine("  sine sweep 0-22050 Hz at 44.1 kHz -> 22050 Hz (level of a 0.5 sine = 0 dB):");
            foreach (var r in new[] { "soxr_hq", "managed sinc", "WDL sinc 64", "WDL as NAudio" })
            {
                var y = r == "soxr_hq" ? soxr : Resample(r, x, source, Rate, m);
                // Output windows of 1024 samples; the input frequency at a window's centre is 22050 · t / 30.
                double passWorst = 0, aliasWorst = -400, transitionAt = double.NaN;
                for (int start = 2048; start + 1024 < m - 2048; start += 1024)
                {
                    double t = (start + 512.0) / Rate, f = 22050 * t / ClipSeconds;
                    double rms = 0;
                    for (int i = start; i < start + 1024; i++)
                        rms += y[i] * (double)y[i];
                    double db = 10 * Math.Log10(rms / 1024 / 0.125 + 1e-30);
                    if (f < 0.9 * Rate / 2)
                        passWorst = Math.Max(passWorst, Math.Abs(db));
                    else if (f > Rate / 2 * 1.02)
                        aliasWorst = Math.Max(aliasWorst, db);
                    if (double.IsNaN(transitionAt) && f > 0.8 * Rate / 2 && db < -3)
                        transitionAt = f;
                }
                var (dMax, dMean) = DbDifference(engine, scaling, soxr.AsSpan(0, Rate * ClipSeconds).ToArray(), y.AsSpan(0, Rate * ClipSeconds).ToArray());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {r,-14} passband level error max {passWorst:0.000} dB, -3 dB at {transitionAt:0} Hz, aliasing (input above 11250 Hz) max {aliasWorst:0.0} dB, " +
                    $"log-STFT vs soxr max {dMax:0.00} dB, mean {dMean:0.0000} dB"));
            }
        }

        /// <summary>One of the managed resamplers on <paramref name="x"/>; WDL's output is shifted by its latency
        /// (found by cross-correlation with the sinc resampler's, which is aligned with soxr's).</summary>
        private static float[] Resample(string which, float[] x, int source, int target, int length)
        {
            var y = new float[length];
            if (which == "managed sinc")
            {
                SincResampler.ResampleMono(x, source, target, y);
                return y;
            }
            var wdl = new WdlResampler();
            if (which == "WDL sinc 64")
                wdl.SetMode(true, 0, true, 64, 32);
            else
                wdl.SetMode(true, 2, false); // WdlResamplingSampleProvider's settings
            wdl.SetFilterParms();
            wdl.SetFeedMode(true);
            wdl.SetRates(source, target);
            var output = new List<float>(length + 4096);
            var chunk = new float[8192];
            int at = 0;
            int pad = 4096; // zeros after the input, to flush the filter
            while (at < x.Length + pad)
            {
                int count = Math.Min(4096, x.Length + pad - at);
                int want = wdl.ResamplePrepare(count, 1, out Span<float> inbuffer);
                for (int i = 0; i < want; i++)
                    inbuffer[i] = at + i < x.Length ? x[at + i] : 0f;
                int got = wdl.ResampleOut(chunk, want, chunk.Length, 1);
                output.AddRange(chunk.AsSpan(0, got).ToArray());
                at += want;
            }
            var reference = new float[length];
            SincResampler.ResampleMono(x, source, target, reference);
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int lag = 0; lag < 400; lag++)
            {
                double s = 0;
                for (int i = 0; i < Math.Min(length, 200_000) && i + lag < output.Count; i += 3)
                    s += reference[i] * output[i + lag];
                if (s > bestScore)
                {
                    bestScore = s;
                    best = lag;
                }
            }
            for (int i = 0; i < length; i++)
                y[i] = i + best < output.Count ? output[i + best] : 0f;
            return y;
        }

        private static double MaxAbs(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double max = 0;
            for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
                max = Math.Max(max, Math.Abs(a[i] - b[i]));
            return max;
        }

        /// <summary>Max and mean absolute difference of the two clips' log-STFTs in dB (each clipped at its own top_db 80).</summary>
        internal static (double Max, double Mean) DbDifference(StftEngine engine, SpectrumScaling scaling, float[] a, float[] b)
        {
            int frames = engine.FrameCount(a.Length);
            var sa = new float[engine.BinCount * frames];
            var sb = new float[sa.Length];
            engine.Compute(a, sa, scaling);
            engine.Compute(b, sb, scaling);
            double max = 0, sum = 0;
            for (int i = 0; i < sa.Length; i++)
            {
                double d = Math.Abs(sa[i] - sb[i]);
                max = Math.Max(max, d);
                sum += d;
            }
            return (max, sum / sa.Length);
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
        }
    }
}
