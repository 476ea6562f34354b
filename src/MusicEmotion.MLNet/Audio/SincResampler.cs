using System;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Managed band-limited resampler: a Kaiser-windowed sinc low-pass evaluated as a polyphase filter, with the
    /// response of libsoxr's <c>soxr_hq</c> recipe (librosa's default <c>res_type</c>): linear phase, flat to 91.3 % of
    /// the lower Nyquist frequency, about 120 dB down from that Nyquist frequency on (a Kaiser design for <see cref="StopbandAttenuationDb"/> dB).
    /// Used when libsoxr cannot be loaded.
    /// </summary>
    /// <remarks>
    /// Output sample <c>n</c> sits at input time <c>n · source / target</c> samples, as soxr's first output sample sits
    /// on the first input sample, and the signal is taken as zero outside the input, as soxr's one-shot call flushes it.
    /// For 44,100 → 22,050 Hz each output sample is a dot product of 408 input samples. Rates whose reduced ratio
    /// <c>target / source = L / M</c> has <c>L</c> up to <see cref="MaxExactPhases"/> use one exact filter row per
    /// phase; larger <c>L</c> (e.g. 22,050 → 22,051 Hz) interpolate linearly between <see cref="MaxExactPhases"/> rows.
    /// </remarks>
    internal static class SincResampler
    {
        /// <summary>End of the flat passband as a fraction of the lower Nyquist frequency (<c>soxr_hq</c>: 0.913).</summary>
        public const double PassbandEnd = 0.913;

        /// <summary>Kaiser design attenuation from the lower Nyquist frequency on, in dB. <c>soxr_hq</c> is a 20-bit
        /// (about 120 dB) recipe, but its filter is steeper than a Kaiser design for 120 dB: on real music (six Emotify
        /// mp3s, 44.1 → 22.05 kHz) the RMS difference from soxr's output was 6.6e-5 at 120 dB, 4.2e-5 at 135 dB and
        /// 4.9e-5 at 140 dB, with the cut-off midway between <see cref="PassbandEnd"/> and Nyquist (0.45 or 0.55 of the
        /// way: 4e-4).</summary>
        public const double StopbandAttenuationDb = 135;

        /// <summary>Most filter rows (phases) computed exactly; finer phases are interpolated.</summary>
        public const int MaxExactPhases = 4096;

        private static readonly ConcurrentDictionary<(int, int), Filter> s_filters = new ConcurrentDictionary<(int, int), Filter>();

        /// <summary>
        /// Resamples mono <paramref name="input"/> from <paramref name="sourceRate"/> to <paramref name="targetRate"/>
        /// into <paramref name="output"/>, which holds <see cref="Soxr.OutputLength"/> samples (the contract of
        /// <see cref="Soxr.ResampleMono"/>).
        /// </summary>
        public static void ResampleMono(ReadOnlySpan<float> input, int sourceRate, int targetRate, Span<float> output)
        {
            if (sourceRate <= 0 || targetRate <= 0)
                throw new ArgumentOutOfRangeException(nameof(sourceRate), $"Rates {sourceRate} Hz and {targetRate} Hz must be positive.");
            if (sourceRate == targetRate)
            {
                int n = Math.Min(input.Length, output.Length);
                input.Slice(0, n).CopyTo(output);
                output.Slice(n).Clear();
                return;
            }
            var filter = s_filters.GetOrAdd((sourceRate, targetRate), key => new Filter(key.Item1, key.Item2));
            filter.Run(input, output);
        }

        /// <summary>The polyphase table for one pair of rates.</summary>
        private sealed class Filter
        {
            private readonly long _up, _down;     // target / source = _up / _down, reduced
            private readonly int _taps;           // 2 · _half coefficients per row
            private readonly int _half;           // taps on each side of the output time
            private readonly int _rows;           // rows in the table: _up when exact, else MaxExactPhases + 1
            private readonly bool _exact;
            private readonly float[] _table;

            public Filter(int sourceRate, int targetRate)
            {
                long g = Gcd(sourceRate, targetRate);
                _up = targetRate / g;
                _down = sourceRate / g;
                double lower = Math.Min(1.0, (double)targetRate / sourceRate); // lower Nyquist / source Nyquist
                // In cycles per input sample: the transition band runs from PassbandEnd to 1 of the lower Nyquist.
                double nyquist = 0.5 * lower;
                double transition = nyquist * (1 - PassbandEnd);
                double cutoff = nyquist * (1 + PassbandEnd) / 2;
                double a = StopbandAttenuationDb;
                double beta = 0.1102 * (a - 8.7);
                // Kaiser's estimate of the length for attenuation a and transition width (in cycles per sample).
                double length = (a - 7.95) / (14.36 * transition);
                double halfWidth = length / 2;
                _half = (int)Math.Ceiling(halfWidth);
                _taps = 2 * _half;
                _exact = _up <= MaxExactPhases;
                _rows = _exact ? (int)_up : MaxExactPhases + 1;
                _table = new float[_rows * _taps];
                double i0Beta = BesselI0(beta);
                for (int row = 0; row < _rows; row++)
                {
                    // Row r holds h(phase − j) for taps j = −_half + 1 … _half, phase = r / rows (exact: r / _up).
                    double phase = _exact ? (double)row / _up : (double)row / MaxExactPhases;
                    for (int t = 0; t < _taps; t++)
                    {
                        int j = t - _half + 1;
                        double x = phase - j;
                        double h = 0;
                        if (Math.Abs(x) < halfWidth)
                        {
                            double r = x / halfWidth;
                            double window = BesselI0(beta * Math.Sqrt(1 - r * r)) / i0Beta;
                            double arg = 2 * cutoff * x;
                            double sinc = arg == 0 ? 1 : Math.Sin(Math.PI * arg) / (Math.PI * arg);
                            h = 2 * cutoff * sinc * window;
                        }
                        _table[row * _taps + t] = (float)h;
                    }
                }
            }

            public void Run(ReadOnlySpan<float> input, Span<float> output)
            {
                // Zero padding on both sides, so every output sample is one full-length dot product.
                var padded = new float[input.Length + 2 * _taps];
                input.CopyTo(padded.AsSpan(_taps));
                var scratch = _exact ? null : new float[_taps];
                for (int n = 0; n < output.Length; n++)
                {
                    long position = n * _down;
                    long basis = position / _up;
                    long remainder = position % _up;
                    if (basis - _half + 1 >= input.Length)
                    {
                        output.Slice(n).Clear();
                        return;
                    }
                    var x = padded.AsSpan((int)(basis - _half + 1 + _taps), _taps);
                    ReadOnlySpan<float> row;
                    if (_exact)
                    {
                        row = _table.AsSpan((int)remainder * _taps, _taps);
                    }
                    else
                    {
                        double at = (double)remainder / _up * MaxExactPhases;
                        int r0 = Math.Min((int)at, MaxExactPhases - 1);
                        float w = (float)(at - r0);
                        var a = _table.AsSpan(r0 * _taps, _taps);
                        var b = _table.AsSpan((r0 + 1) * _taps, _taps);
                        for (int t = 0; t < _taps; t++)
                            scratch[t] = a[t] + w * (b[t] - a[t]);
                        row = scratch;
                    }
                    output[n] = Dot(x, row);
                }
            }
        }

        private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        {
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var sum = Vector<float>.Zero;
            for (int i = 0; i < vx.Length; i++)
                sum += vx[i] * vy[i];
            float total = Vector.Sum(sum);
            for (int i = vx.Length * Vector<float>.Count; i < x.Length; i++)
                total += x[i] * y[i];
            return total;
        }

        private static long Gcd(long a, long b)
        {
            while (b != 0)
                (a, b) = (b, a % b);
            return a;
        }

        /// <summary>Modified Bessel function of the first kind, order 0, by its power series.</summary>
        internal static double BesselI0(double x)
        {
            double sum = 1, term = 1, q = x * x / 4;
            for (int k = 1; k < 200; k++)
            {
                term *= q / ((double)k * k);
                sum += term;
                if (term < sum * 1e-17)
                    break;
            }
            return sum;
        }
    }
}
