using System;
using System.Threading.Tasks;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// librosa's frame-wise spectral descriptors (<c>librosa/feature/spectral.py</c>) computed from one magnitude
    /// spectrogram, in double precision, and their per-clip mean and population standard deviation (<c>np.std</c>).
    /// </summary>
    internal static class SpectralDescriptors
    {
        /// <summary>Names of the descriptors in output order; each gives a mean and a standard deviation.</summary>
        public static readonly string[] Names = { "Centroid", "Bandwidth", "Rolloff", "Flatness", "Rms", "ZeroCrossingRate" };

        /// <summary>numpy's <c>np.finfo(np.float32).tiny</c>, librosa <c>normalize</c>'s threshold for float32 input.</summary>
        private const double Tiny = 1.1754943508222875e-38;

        /// <summary>ln(10) / 20: 10^(x/20) = exp(x · ln(10) / 20), one Exp instead of a Pow per value.</summary>
        private static readonly double s_decibelsToNepers = Math.Log(10.0) / 20.0;

        public static int FeatureCount(int bins, bool zeroCrossingRate, SpectralSummaryFeatures features = SpectralSummaryFeatures.Paper,
            int sampleRate = 22050)
            => (features.HasFlag(SpectralSummaryFeatures.BinStatistics) ? 2 * bins : 0)
               + (features.HasFlag(SpectralSummaryFeatures.Descriptors) ? 2 * (zeroCrossingRate ? 6 : 5) : 0)
               + MirDescriptors.Count(features, sampleRate);

        /// <summary>
        /// Fills <paramref name="dst"/> with the groups of <c>settings.Features</c> in order: [per-bin mean of x (bins),
        /// per-bin sd of x (bins)], [centroid mean, sd, bandwidth mean, sd, roll-off mean, sd, flatness mean, sd, RMS
        /// mean, sd, (ZCR mean, sd)], then the <see cref="MirDescriptors"/> groups, where x is the spectrogram
        /// <paramref name="spectrogram"/> laid out frequency-major [bins, frames].
        /// <paramref name="magnitudes"/> and <paramref name="power"/> are scratch space, grown as needed and reusable
        /// across calls.
        /// </summary>
        /// <remarks>The loops run bin-major (memory order) with one accumulator per frame; each frame still sums its
        /// bins in ascending order, as numpy's reductions over axis -2 do.</remarks>
        public static unsafe void Compute(ReadOnlySpan<float> spectrogram, int bins, ReadOnlySpan<float> waveform, bool zeroCrossingRate,
            in SpectralSummarySettings settings, Span<float> dst, ref double[] magnitudes, ref double[] power)
        {
            var features = settings.Features;
            int frames = spectrogram.Length / bins;
            int fftSize = 2 * (bins - 1);
            var freq = new double[bins];
            for (int b = 0; b < bins; b++)
                freq[b] = b * (double)settings.SampleRate / fftSize;

            if (magnitudes == null || magnitudes.Length < spectrogram.Length)
                magnitudes = new double[spectrogram.Length];
            var s = magnitudes;
            var centroid = new double[frames];
            var flatness = new double[frames];
            var rms = new double[frames];
            var rolloff = new double[frames];
            var bandwidth = new double[frames];
            bool binStatistics = features.HasFlag(SpectralSummaryFeatures.BinStatistics);
            var binStats = binStatistics ? new float[2 * bins] : null;
            var options = settings;

            // Every per-bin statistic depends on its bin only and every per-frame one on its frame only, each summed
            // in the same order as a single pass, so the work splits over the cores (bins, then frames) and the
            // values are bit-identical to a serial run.
            int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, frames / 64));
            fixed (float* pointer = spectrogram)
            {
                var address = (IntPtr)pointer;
                int length = spectrogram.Length;
                if (binStatistics)
                {
                    Parallel.For(0, chunks, chunk =>
                    {
                        var x = new ReadOnlySpan<float>((void*)address, length);
                        BinStatistics(x, bins, frames, bins * chunk / chunks, bins * (chunk + 1) / chunks, binStats);
                    });
                }
                Parallel.For(0, chunks, chunk =>
                {
                    var x = new ReadOnlySpan<float>((void*)address, length);
                    FrameDescriptors(x, bins, frames, frames * chunk / chunks, frames * (chunk + 1) / chunks, freq, options,
                        s, centroid, flatness, rms, rolloff, bandwidth);
                });
            }
            int k = 0;
            if (binStatistics)
            {
                binStats.CopyTo(dst);
                k = 2 * bins;
            }
            if (features.HasFlag(SpectralSummaryFeatures.Descriptors))
            {
                foreach (var series in new[] { centroid, bandwidth, rolloff, flatness, rms })
                    MeanAndStd(series, dst, ref k);
                if (zeroCrossingRate)
                    MeanAndStd(ZeroCrossingRate(waveform, settings.ZeroCrossingFrameLength, settings.ZeroCrossingHopLength, settings.Center), dst, ref k);
            }
            if (MirDescriptors.Count(features, settings.SampleRate) > 0)
            {
                MirDescriptors.Compute(s.AsSpan(0, spectrogram.Length), bins, frames, settings.SampleRate, settings.HopLength, rms, features,
                    dst.Slice(k), ref power);
            }
        }

        /// <summary>Mean and standard deviation over frames of bins [b0, b1) into dst[b] and dst[bins + b].</summary>
        private static void BinStatistics(ReadOnlySpan<float> spectrogram, int bins, int frames, int b0, int b1, float[] dst)
        {
            for (int b = b0; b < b1; b++)
            {
                var row = spectrogram.Slice(b * frames, frames);
                double sum = 0;
                for (int t = 0; t < frames; t++)
                    sum += row[t];
                double mean = sum / frames;
                double squares = 0;
                for (int t = 0; t < frames; t++)
                {
                    double d = row[t] - mean;
                    squares += d * d;
                }
                dst[b] = (float)mean;
                dst[bins + b] = (float)Math.Sqrt(squares / frames);
            }
        }

        /// <summary>Centroid, flatness, RMS, roll-off and bandwidth of frames [t0, t1); each frame sums its bins in
        /// ascending order.</summary>
        private static void FrameDescriptors(ReadOnlySpan<float> spectrogram, int bins, int frames, int t0, int t1, double[] freq,
            in SpectralSummarySettings settings, double[] s, double[] centroid, double[] flatness, double[] rms, double[] rolloff,
            double[] bandwidth)
        {
            int fftSize = 2 * (bins - 1);
            int n = t1 - t0;
            // Pass 1: magnitudes, L1 norms, flatness sums and RMS power per frame.
            var norm = new double[n];
            var logSum = new double[n];
            var thresholdedSum = new double[n];
            var power = new double[n];
            bool square = settings.FlatnessPower == 2.0;
            // For decibels and power 2, ln(m²) = 2·x·ln(10)/20 exactly in real arithmetic: no logarithm per value.
            bool decibelSquare = square && settings.Scale == SpectrogramScale.Decibels;
            double logAmin = Math.Log(settings.FlatnessAmin);
            for (int b = 0; b < bins; b++)
            {
                int offset = b * frames;
                double edge = b == 0 || b == bins - 1 ? 0.5 : 1.0;
                for (int t = t0; t < t1; t++)
                {
                    float x = spectrogram[offset + t];
                    double m = Magnitude(x, settings.Scale);
                    s[offset + t] = m;
                    norm[t - t0] += m;
                    // spectral_flatness: max(amin, S**power).
                    double p = Math.Max(settings.FlatnessAmin, square ? m * m : Math.Pow(m, settings.FlatnessPower));
                    logSum[t - t0] += !decibelSquare ? Math.Log(p)
                        : p > settings.FlatnessAmin ? 2.0 * (x * s_decibelsToNepers) : logAmin;
                    thresholdedSum[t - t0] += p;
                    // rms(S=...): |S|**2 with the DC and Nyquist bins halved.
                    power[t - t0] += edge * m * m;
                }
            }

            for (int t = t0; t < t1; t++)
            {
                // util.normalize(norm=1) leaves a frame whose L1 norm is below tiny unscaled.
                if (norm[t - t0] < Tiny)
                    norm[t - t0] = 1.0;
                flatness[t] = Math.Exp(logSum[t - t0] / bins) / (thresholdedSum[t - t0] / bins);
                rms[t] = Math.Sqrt(2.0 * power[t - t0] / ((double)fftSize * fftSize));
            }

            // Pass 2: spectral_centroid = sum(freq * S / norm); spectral_rolloff = lowest freq whose cumulative
            // magnitude reaches roll_percent of the frame's total (the unnormalised sum, as np.cumsum gives it).
            var running = new double[n];
            var total = new double[n];
            for (int b = 0; b < bins; b++)
            {
                int offset = b * frames;
                for (int t = t0; t < t1; t++)
                {
                    total[t - t0] += s[offset + t];
                    centroid[t] += freq[b] * (s[offset + t] / norm[t - t0]);
                }
            }
            var threshold = new double[n];
            var found = new bool[n];
            for (int t = t0; t < t1; t++)
            {
                threshold[t - t0] = settings.RollPercent * total[t - t0];
                rolloff[t] = freq[bins - 1];
            }
            for (int b = 0; b < bins; b++)
            {
                int offset = b * frames;
                for (int t = t0; t < t1; t++)
                {
                    running[t - t0] += s[offset + t];
                    if (!found[t - t0] && !(running[t - t0] < threshold[t - t0]))
                    {
                        found[t - t0] = true;
                        rolloff[t] = freq[b];
                    }
                }
            }

            // Pass 3: spectral_bandwidth (p = 2) around the centroid.
            var spread = new double[n];
            for (int b = 0; b < bins; b++)
            {
                int offset = b * frames;
                for (int t = t0; t < t1; t++)
                {
                    double d = freq[b] - centroid[t];
                    spread[t - t0] += (s[offset + t] / norm[t - t0]) * d * d;
                }
            }
            for (int t = t0; t < t1; t++)
                bandwidth[t] = Math.Sqrt(spread[t - t0]);
        }

        private static double Magnitude(float x, SpectrogramScale scale) => scale switch
        {
            SpectrogramScale.Decibels => Math.Exp(x * s_decibelsToNepers),
            SpectrogramScale.NaturalLog1p => Expm1(x),
            _ => Math.Abs((double)x),
        };

        /// <summary>exp(x) - 1 without the cancellation near 0 (numpy's expm1).</summary>
        private static double Expm1(double x) => Math.Abs(x) < 1e-5 ? x + 0.5 * x * x + x * x * x / 6.0 : Math.Exp(x) - 1.0;

        /// <summary>
        /// librosa <c>feature.zero_crossing_rate(y, frame_length, hop_length, center)</c>: edge padding by
        /// frame_length/2 when centred, <c>zero_crossings</c> with threshold 1e-10 (smaller magnitudes count as
        /// +0), <c>zero_pos=True</c>, <c>pad=False</c>, then the mean over each frame.
        /// </summary>
        public static double[] ZeroCrossingRate(ReadOnlySpan<float> y, int frameLength, int hopLength, bool center)
        {
            int n = y.Length;
            if (n == 0)
                return Array.Empty<double>();
            int pad = center ? frameLength / 2 : 0;
            long padded = n + 2L * pad;
            if (padded < frameLength)
                return Array.Empty<double>();
            int frames = (int)(1 + (padded - frameLength) / hopLength);
            var negative = new bool[padded];
            for (long j = 0; j < padded; j++)
            {
                long i = Math.Clamp(j - pad, 0, n - 1);
                double v = y[(int)i];
                negative[j] = Math.Abs(v) > 1e-10 && v < 0;
            }
            var zcr = new double[frames];
            for (int f = 0; f < frames; f++)
            {
                long start = (long)f * hopLength;
                int count = 0;
                for (long j = start + 1; j < start + frameLength; j++)
                {
                    if (negative[j] != negative[j - 1])
                        count++;
                }
                zcr[f] = count / (double)frameLength;
            }
            return zcr;
        }

        /// <summary>Writes the mean and population standard deviation of <paramref name="series"/> (0 and 0 when empty) at k.</summary>
        internal static void MeanAndStd(double[] series, Span<float> dst, ref int k)
        {
            double mean = 0, squares = 0;
            if (series.Length > 0)
            {
                foreach (var v in series)
                    mean += v;
                mean /= series.Length;
                foreach (var v in series)
                    squares += (v - mean) * (v - mean);
                squares /= series.Length;
            }
            dst[k++] = (float)mean;
            dst[k++] = (float)Math.Sqrt(squares);
        }
    }
}
