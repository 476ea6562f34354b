using System;
using System.Collections.Concurrent;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The music-information-retrieval summary of one magnitude spectrogram S [bins, frames] (frequency-major), in
    /// double precision: MFCC, chroma, spectral-contrast, rhythm and dynamics statistics, each following the librosa
    /// function <see cref="SpectralSummaryFeatures"/> names (<c>librosa/feature/spectral.py</c>,
    /// <c>librosa/onset.py</c>, <c>librosa/feature/rhythm.py</c>).
    /// </summary>
    internal static class MirDescriptors
    {
        public const int Mels = 128;
        public const int Coefficients = 20;
        public const int ChromaBins = 12;
        public const int ContrastBands = 6;
        public const double ContrastMinFrequency = 200.0;
        public const double ContrastQuantile = 0.02;
        public const double TempoWindowSeconds = 8.0;
        public const double StartBpm = 120.0;
        public const double MaxBpm = 320.0;

        private const double PowerAmin = 1e-10;
        private const double TopDb = 80.0;
        private const double Tiny32 = 1.1754943508222875e-38;

        // Filter banks by (sample rate, n_fft): built once, shared by every row.
        private static readonly ConcurrentDictionary<(int, int), Banks> s_banks = new ConcurrentDictionary<(int, int), Banks>();

        /// <summary>librosa <c>spectral_contrast</c>'s <c>n_bands</c>: 6, or fewer when the sample rate puts the top
        /// octave bands' lower edges (200·2^(k−1) Hz) at or above the Nyquist frequency, where librosa raises: 5 at
        /// 8,000 Hz, 6 from 12,801 Hz.</summary>
        public static int ContrastBandsFor(int sampleRate)
        {
            int bands = ContrastBands;
            while (bands > 1 && ContrastMinFrequency * Math.Pow(2.0, bands - 1) >= sampleRate / 2.0)
                bands--;
            return bands;
        }

        /// <summary>Builds (and caches) the filter banks of (sample rate, n_fft); throws when a spectral-contrast band
        /// holds no FFT bin.</summary>
        public static void Validate(int sampleRate, int fftSize) => s_banks.GetOrAdd((sampleRate, fftSize), key => new Banks(key.Item1, key.Item2));

        public static int Count(SpectralSummaryFeatures features, int sampleRate)
            => (features.HasFlag(SpectralSummaryFeatures.Mfcc) ? 2 * Coefficients : 0)
               + (features.HasFlag(SpectralSummaryFeatures.Chroma) ? 2 * ChromaBins : 0)
               + (features.HasFlag(SpectralSummaryFeatures.Contrast) ? 2 * (ContrastBandsFor(sampleRate) + 1) : 0)
               + (features.HasFlag(SpectralSummaryFeatures.Rhythm) ? 4 : 0)
               + (features.HasFlag(SpectralSummaryFeatures.Dynamics) ? 6 : 0);

        /// <summary>Slot names of the groups in <paramref name="features"/>, in output order.</summary>
        public static string[] Names(SpectralSummaryFeatures features, int sampleRate)
        {
            var names = new System.Collections.Generic.List<string>();
            if (features.HasFlag(SpectralSummaryFeatures.Mfcc))
                AddMeanStd(names, "Mfcc", Coefficients);
            if (features.HasFlag(SpectralSummaryFeatures.Chroma))
                AddMeanStd(names, "Chroma", ChromaBins);
            if (features.HasFlag(SpectralSummaryFeatures.Contrast))
                AddMeanStd(names, "Contrast", ContrastBandsFor(sampleRate) + 1);
            if (features.HasFlag(SpectralSummaryFeatures.Rhythm))
                names.AddRange(new[] { "OnsetStrengthMean", "OnsetStrengthStd", "Tempo", "PulseClarity" });
            if (features.HasFlag(SpectralSummaryFeatures.Dynamics))
                names.AddRange(new[] { "RmsDbMean", "RmsDbStd", "RmsDbP10", "RmsDbP50", "RmsDbP90", "LowEnergyRatio" });
            return names.ToArray();
        }

        private static void AddMeanStd(System.Collections.Generic.List<string> names, string prefix, int count)
        {
            for (int i = 0; i < count; i++)
            {
                names.Add(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Mean");
                names.Add(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Std");
            }
        }

        /// <summary>
        /// Writes the groups of <paramref name="features"/> into <paramref name="dst"/> from the magnitudes
        /// <paramref name="s"/> [bins, frames] and the frame RMS <paramref name="rms"/> (librosa <c>rms(S=S)</c>).
        /// <paramref name="power"/> is scratch, grown as needed.
        /// </summary>
        public static void Compute(ReadOnlySpan<double> s, int bins, int frames, int sampleRate, int hopLength, ReadOnlySpan<double> rms,
            SpectralSummaryFeatures features, Span<float> dst, ref double[] power)
        {
            int fftSize = 2 * (bins - 1);
            var banks = s_banks.GetOrAdd((sampleRate, fftSize), key => new Banks(key.Item1, key.Item2));
            int size = bins * frames;
            if (power == null || power.Length < size)
                power = new double[size];
            var p = power.AsSpan(0, size);
            for (int i = 0; i < size; i++)
                p[i] = s[i] * s[i];
            int k = 0;

            double[] melDb = null;
            if ((features & (SpectralSummaryFeatures.Mfcc | SpectralSummaryFeatures.Rhythm)) != 0)
            {
                // melspectrogram(S=|S|^2) then power_to_db(ref=1, amin=1e-10, top_db=80).
                melDb = new double[Mels * frames];
                banks.Mel.Apply(p, frames, melDb);
                PowerToDb(melDb);
            }
            if (features.HasFlag(SpectralSummaryFeatures.Mfcc))
            {
                var row = new double[frames];
                for (int c = 0; c < Coefficients; c++)
                {
                    Array.Clear(row);
                    var basis = banks.Dct[c];
                    for (int m = 0; m < Mels; m++)
                    {
                        double w = basis[m];
                        int offset = m * frames;
                        for (int t = 0; t < frames; t++)
                            row[t] += w * melDb[offset + t];
                    }
                    SpectralDescriptors.MeanAndStd(row, dst, ref k);
                }
            }
            if (features.HasFlag(SpectralSummaryFeatures.Chroma))
                Chroma(p, bins, frames, banks.Chroma, dst, ref k);
            if (features.HasFlag(SpectralSummaryFeatures.Contrast))
                Contrast(s, bins, frames, banks, dst, ref k);
            if (features.HasFlag(SpectralSummaryFeatures.Rhythm))
                Rhythm(melDb, frames, sampleRate, fftSize, hopLength, dst, ref k);
            if (features.HasFlag(SpectralSummaryFeatures.Dynamics))
                Dynamics(rms, dst, ref k);
        }

        private static void PowerToDb(double[] values)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = 10.0 * Math.Log10(Math.Max(PowerAmin, values[i]));
                max = Math.Max(max, values[i]);
            }
            double floor = max - TopDb;
            for (int i = 0; i < values.Length; i++)
                values[i] = Math.Max(values[i], floor);
        }

        // chroma_stft(S=power, tuning=0): raw = chromafb @ S, normalize(norm=inf) per frame (frames below tiny kept).
        private static void Chroma(ReadOnlySpan<double> p, int bins, int frames, double[][] bank, Span<float> dst, ref int k)
        {
            var chroma = new double[ChromaBins][];
            for (int c = 0; c < ChromaBins; c++)
            {
                var row = new double[frames];
                var weights = bank[c];
                for (int b = 0; b < bins; b++)
                {
                    double w = weights[b];
                    if (w == 0)
                        continue;
                    var src = p.Slice(b * frames, frames);
                    for (int t = 0; t < frames; t++)
                        row[t] += w * src[t];
                }
                chroma[c] = row;
            }
            for (int t = 0; t < frames; t++)
            {
                double max = 0;
                for (int c = 0; c < ChromaBins; c++)
                    max = Math.Max(max, Math.Abs(chroma[c][t]));
                if (max < Tiny32)
                    continue;
                for (int c = 0; c < ChromaBins; c++)
                    chroma[c][t] /= max;
            }
            for (int c = 0; c < ChromaBins; c++)
                SpectralDescriptors.MeanAndStd(chroma[c], dst, ref k);
        }

        // spectral_contrast(S=|S|, fmin=200, n_bands=6, quantile=0.02, linear=False).
        private static void Contrast(ReadOnlySpan<double> s, int bins, int frames, Banks banks, Span<float> dst, ref int k)
        {
            int bands = banks.ContrastRows.Length;
            var peak = new double[bands * frames];
            var valley = new double[bands * frames];
            var lows = new double[64];
            var highs = new double[64];
            for (int band = 0; band < bands; band++)
            {
                var rows = banks.ContrastRows[band];
                int take = banks.ContrastTake[band];
                if (lows.Length < take)
                {
                    lows = new double[take];
                    highs = new double[take];
                }
                int n = rows.Length;
                for (int t = 0; t < frames; t++)
                {
                    // The take smallest and largest of the band's bins (np.sort(...)[:idx] and [-idx:]): two short
                    // sorted lists, most bins rejected by one comparison each.
                    int count = 0;
                    for (int j = 0; j < n; j++)
                    {
                        double x = s[rows[j] * frames + t];
                        if (count < take)
                        {
                            Insert(lows, count, x, ascending: true);
                            Insert(highs, count, x, ascending: false);
                            count++;
                            continue;
                        }
                        if (x < lows[take - 1])
                            Insert(lows, take - 1, x, ascending: true);
                        if (x > highs[take - 1])
                            Insert(highs, take - 1, x, ascending: false);
                    }
                    double low = 0, high = 0;
                    for (int j = 0; j < take; j++)
                    {
                        low += lows[j];
                        high += highs[take - 1 - j];
                    }
                    valley[band * frames + t] = low / take;
                    peak[band * frames + t] = high / take;
                }
            }
            // power_to_db of each matrix on its own (librosa applies it to the magnitudes, with its top_db per matrix).
            PowerToDb(peak);
            PowerToDb(valley);
            var series = new double[frames];
            for (int band = 0; band < bands; band++)
            {
                for (int t = 0; t < frames; t++)
                    series[t] = peak[band * frames + t] - valley[band * frames + t];
                SpectralDescriptors.MeanAndStd(series, dst, ref k);
            }
        }

        // Puts x into list[0..length] kept sorted (ascending or descending), dropping what was at list[length].
        private static void Insert(double[] list, int length, double x, bool ascending)
        {
            int i = length;
            while (i > 0 && (ascending ? list[i - 1] > x : list[i - 1] < x))
            {
                list[i] = list[i - 1];
                i--;
            }
            list[i] = x;
        }

        // onset_strength(S=mel dB, lag=1, max_size=1, center=True, aggregate=np.mean), then the tempo.
        private static void Rhythm(double[] melDb, int frames, int sampleRate, int fftSize, int hop, Span<float> dst, ref int k)
        {
            int pad = 1 + fftSize / (2 * hop);
            var envelope = new double[frames];
            for (int t = pad; t < frames; t++)
            {
                // Frame t of the padded, trimmed envelope is the change from frame t - pad to t - pad + 1.
                int from = t - pad;
                if (from + 1 >= frames)
                    break;
                double sum = 0;
                for (int m = 0; m < Mels; m++)
                {
                    int offset = m * frames;
                    sum += Math.Max(0.0, melDb[offset + from + 1] - melDb[offset + from]);
                }
                envelope[t] = sum / Mels;
            }
            SpectralDescriptors.MeanAndStd(envelope, dst, ref k);

            // The envelope's autocorrelation up to 8 s, normalised by lag 0, weighted by the log-normal prior of
            // librosa's tempo (std 1 octave around 120 BPM), lags faster than 320 BPM excluded.
            int maxLag = Math.Min(frames - 1, (int)Math.Round(TempoWindowSeconds * sampleRate / hop, MidpointRounding.ToEven));
            double zero = 0;
            for (int t = 0; t < frames; t++)
                zero += envelope[t] * envelope[t];
            double bestScore = double.NegativeInfinity, bestBpm = StartBpm, clarity = 0;
            for (int lag = 1; lag <= maxLag; lag++)
            {
                double bpm = 60.0 * sampleRate / ((double)hop * lag);
                if (bpm > MaxBpm)
                    continue;
                double ac = 0;
                for (int t = 0; t + lag < frames; t++)
                    ac += envelope[t] * envelope[t + lag];
                double normalised = zero > 0 ? ac / zero : 0;
                double octaves = Math.Log2(bpm) - Math.Log2(StartBpm);
                double score = Math.Log(1.0 + 1e6 * normalised) - 0.5 * octaves * octaves;
                if (score > bestScore)
                {
                    bestScore = score;
                    bestBpm = bpm;
                    clarity = normalised;
                }
            }
            dst[k++] = (float)bestBpm;
            dst[k++] = (float)clarity;
        }

        private static void Dynamics(ReadOnlySpan<double> rms, Span<float> dst, ref int k)
        {
            int n = rms.Length;
            var db = new double[n];
            double meanRms = 0;
            for (int t = 0; t < n; t++)
            {
                db[t] = 20.0 * Math.Log10(Math.Max(1e-5, rms[t]));
                meanRms += rms[t];
            }
            meanRms /= Math.Max(1, n);
            SpectralDescriptors.MeanAndStd(db, dst, ref k);
            var sorted = (double[])db.Clone();
            Array.Sort(sorted);
            dst[k++] = (float)Percentile(sorted, 10);
            dst[k++] = (float)Percentile(sorted, 50);
            dst[k++] = (float)Percentile(sorted, 90);
            int low = 0;
            for (int t = 0; t < n; t++)
            {
                if (rms[t] < meanRms)
                    low++;
            }
            dst[k++] = n == 0 ? 0f : (float)((double)low / n);
        }

        /// <summary>numpy's <c>percentile(x, q)</c> (linear interpolation) of sorted values.</summary>
        private static double Percentile(double[] sorted, double q)
        {
            if (sorted.Length == 0)
                return 0;
            double index = q / 100.0 * (sorted.Length - 1);
            int lower = (int)Math.Floor(index);
            int upper = Math.Min(lower + 1, sorted.Length - 1);
            return sorted[lower] + (index - lower) * (sorted[upper] - sorted[lower]);
        }

        /// <summary>The filter banks and contrast bands of one (sample rate, n_fft).</summary>
        private sealed class Banks
        {
            public Banks(int sampleRate, int fftSize)
            {
                Mel = new SparseFilterBank(MirFilters.Mel(sampleRate, fftSize, Mels, 0.0, sampleRate / 2.0, htk: false, slaneyNorm: true));
                Dct = MirFilters.DctOrtho(Coefficients, Mels);
                Chroma = MirFilters.Chroma(sampleRate, fftSize, ChromaBins);
                int bins = fftSize / 2 + 1;
                int nBands = ContrastBandsFor(sampleRate);
                int bands = nBands + 1;
                ContrastRows = new int[bands][];
                ContrastTake = new int[bands];
                var octa = new double[nBands + 2];
                for (int i = 1; i < octa.Length; i++)
                    octa[i] = ContrastMinFrequency * Math.Pow(2.0, i - 1);
                for (int band = 0; band < bands; band++)
                {
                    var current = new bool[bins];
                    int first = -1, last = -1;
                    for (int b = 0; b < bins; b++)
                    {
                        double f = b * (double)sampleRate / fftSize;
                        current[b] = f >= octa[band] && f <= octa[band + 1];
                        if (current[b])
                        {
                            if (first < 0)
                                first = b;
                            last = b;
                        }
                    }
                    if (first < 0)
                        throw new ArgumentOutOfRangeException(nameof(fftSize),
                            $"FftSize={fftSize} at SampleRate={sampleRate} leaves spectral-contrast band {band} ({octa[band]}-{octa[band + 1]} Hz) without a bin.");
                    if (band > 0 && first > 0)
                        current[first - 1] = true;
                    if (band == nBands)
                    {
                        for (int b = last + 1; b < bins; b++)
                            current[b] = true;
                    }
                    int count = 0;
                    foreach (bool c in current)
                        count += c ? 1 : 0;
                    var rows = new System.Collections.Generic.List<int>();
                    for (int b = 0; b < bins; b++)
                    {
                        if (current[b])
                            rows.Add(b);
                    }
                    if (band < nBands)
                        rows.RemoveAt(rows.Count - 1);
                    if (rows.Count == 0)
                        throw new ArgumentOutOfRangeException(nameof(fftSize),
                            $"FftSize={fftSize} at SampleRate={sampleRate} leaves spectral-contrast band {band} ({octa[band]}-{octa[band + 1]} Hz) without a bin.");
                    ContrastRows[band] = rows.ToArray();
                    ContrastTake[band] = Math.Max(1, (int)Math.Round(ContrastQuantile * count, MidpointRounding.ToEven));
                }
            }

            public SparseFilterBank Mel { get; }

            public double[][] Dct { get; }

            public double[][] Chroma { get; }

            public int[][] ContrastRows { get; }

            public int[] ContrastTake { get; }
        }
    }
}
