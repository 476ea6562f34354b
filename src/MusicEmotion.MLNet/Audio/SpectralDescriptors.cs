using System;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet.Audio
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

        public static int FeatureCount(int bins, bool zeroCrossingRate) => 2 * bins + 2 * (zeroCrossingRate ? 6 : 5);

        /// <summary>
        /// Fills <paramref name="dst"/> with [per-bin mean of x (bins), per-bin sd of x (bins), centroid mean, sd,
        /// bandwidth mean, sd, roll-off mean, sd, flatness mean, sd, RMS mean, sd, (ZCR mean, sd)], where x is the
        /// spectrogram <paramref name="spectrogram"/> laid out frequency-major [bins, frames].
        /// </summary>
        public static void Compute(ReadOnlySpan<float> spectrogram, int bins, ReadOnlySpan<float> waveform, bool zeroCrossingRate,
            in SpectralSummarySettings settings, Span<float> dst)
        {
            int frames = spectrogram.Length / bins;
            for (int b = 0; b < bins; b++)
            {
                var row = spectrogram.Slice(b * frames, frames);
                double sum = 0;
                for (int t = 0; t < frames; t++)
                    sum += row[t];
                double mean = frames > 0 ? sum / frames : 0;
                double squares = 0;
                for (int t = 0; t < frames; t++)
                {
                    double d = row[t] - mean;
                    squares += d * d;
                }
                dst[b] = (float)mean;
                dst[bins + b] = (float)(frames > 0 ? Math.Sqrt(squares / frames) : 0);
            }

            int fftSize = 2 * (bins - 1);
            var freq = new double[bins];
            for (int b = 0; b < bins; b++)
                freq[b] = b * (double)settings.SampleRate / fftSize;

            var centroid = new double[frames];
            var bandwidth = new double[frames];
            var rolloff = new double[frames];
            var flatness = new double[frames];
            var rms = new double[frames];
            var s = new double[bins];
            var cumulative = new double[bins];
            for (int t = 0; t < frames; t++)
            {
                for (int b = 0; b < bins; b++)
                    s[b] = Magnitude(spectrogram[b * frames + t], settings.Scale);
                Frame(s, freq, cumulative, settings, fftSize, out centroid[t], out bandwidth[t], out rolloff[t], out flatness[t], out rms[t]);
            }

            int k = 2 * bins;
            foreach (var series in new[] { centroid, bandwidth, rolloff, flatness, rms })
                MeanAndStd(series, dst, ref k);
            if (zeroCrossingRate)
                MeanAndStd(ZeroCrossingRate(waveform, settings.ZeroCrossingFrameLength, settings.ZeroCrossingHopLength, settings.Center), dst, ref k);
        }

        private static double Magnitude(float x, SpectralSummaryInputScale scale) => scale switch
        {
            SpectralSummaryInputScale.Decibels => Math.Pow(10.0, x / 20.0),
            SpectralSummaryInputScale.NaturalLog1p => Expm1(x),
            _ => Math.Abs((double)x),
        };

        /// <summary>exp(x) - 1 without the cancellation near 0 (numpy's expm1).</summary>
        private static double Expm1(double x) => Math.Abs(x) < 1e-5 ? x + 0.5 * x * x + x * x * x / 6.0 : Math.Exp(x) - 1.0;

        /// <summary>The five spectral descriptors of one frame of magnitudes <paramref name="s"/>.</summary>
        private static void Frame(double[] s, double[] freq, double[] cumulative, in SpectralSummarySettings settings, int fftSize,
            out double centroid, out double bandwidth, out double rolloff, out double flatness, out double rms)
        {
            int bins = s.Length;
            // spectral_centroid / spectral_bandwidth: S normalised to unit L1 norm per frame (librosa util.normalize
            // with norm=1 leaves a frame whose norm is below tiny unscaled).
            double total = 0;
            for (int b = 0; b < bins; b++)
                total += s[b];
            double norm = total < Tiny ? 1.0 : total;
            centroid = 0;
            for (int b = 0; b < bins; b++)
                centroid += freq[b] * (s[b] / norm);
            double spread = 0;
            for (int b = 0; b < bins; b++)
            {
                double d = freq[b] - centroid;
                spread += (s[b] / norm) * d * d;
            }
            bandwidth = Math.Sqrt(spread);

            // spectral_rolloff: lowest centre frequency whose cumulative magnitude reaches roll_percent of the total.
            double running = 0;
            for (int b = 0; b < bins; b++)
            {
                running += s[b];
                cumulative[b] = running;
            }
            double threshold = settings.RollPercent * cumulative[bins - 1];
            rolloff = freq[bins - 1];
            for (int b = 0; b < bins; b++)
            {
                if (!(cumulative[b] < threshold))
                {
                    rolloff = freq[b];
                    break;
                }
            }

            // spectral_flatness: geometric over arithmetic mean of max(amin, S**power).
            double logSum = 0, sum = 0;
            for (int b = 0; b < bins; b++)
            {
                double p = Math.Max(settings.FlatnessAmin, Math.Pow(s[b], settings.FlatnessPower));
                logSum += Math.Log(p);
                sum += p;
            }
            flatness = Math.Exp(logSum / bins) / (sum / bins);

            // rms(S=...): power with the DC and Nyquist bins halved, 2 * sum / n_fft**2.
            double power = 0;
            for (int b = 0; b < bins; b++)
            {
                double p = s[b] * s[b];
                if (b == 0 || b == bins - 1)
                    p *= 0.5;
                power += p;
            }
            rms = Math.Sqrt(2.0 * power / ((double)fftSize * fftSize));
        }

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

        private static void MeanAndStd(double[] series, Span<float> dst, ref int k)
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
