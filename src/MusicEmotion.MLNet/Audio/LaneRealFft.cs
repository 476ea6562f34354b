using System;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Forward FFT of real frames of power-of-two size N, computed for <see cref="Lanes"/> frames at once: every SIMD
    /// lane of a <see cref="Vector{T}"/> holds a different frame, so the butterflies need no shuffles. A real frame x
    /// is packed as the complex sequence z[n] = x[2n] + i·x[2n+1] of length M = N/2, transformed by an iterative
    /// decimation-in-time FFT (radix-2 stages merged into radix-4 passes), and split into the N/2 + 1 bins of x (the standard "real FFT via half-size
    /// complex FFT" post-processing). Tables are computed in double precision and cached per size; T is float or
    /// double.
    /// </summary>
    internal sealed class LaneRealFft<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static readonly ConcurrentDictionary<int, LaneRealFft<T>> s_cache = new ConcurrentDictionary<int, LaneRealFft<T>>();

        /// <summary>Number of frames transformed together (the SIMD width in elements of T).</summary>
        public static int Lanes => Vector<T>.Count;

        private readonly int _half;
        private readonly int[] _bitReverse;
        // Twiddles of the stage with half-span h are stored at [h - 1, 2h - 1): e^{-2πik/(2h)}, k < h.
        private readonly T[] _stageCos;
        private readonly T[] _stageSin;
        // e^{-2πik/N} for k in [0, M]: the twiddles of the real-FFT split.
        private readonly T[] _splitCos;
        private readonly T[] _splitSin;

        private LaneRealFft(int size)
        {
            Size = size;
            _half = size / 2;
            int bits = BitOperations.Log2((uint)_half);
            _bitReverse = new int[_half];
            for (int n = 0; n < _half; n++)
                _bitReverse[n] = bits == 0 ? 0 : (int)(ReverseBits((uint)n) >> (32 - bits));

            _stageCos = new T[Math.Max(1, _half - 1)];
            _stageSin = new T[Math.Max(1, _half - 1)];
            for (int h = 1; h < _half; h *= 2)
            {
                for (int k = 0; k < h; k++)
                {
                    double angle = -Math.PI * k / h;
                    _stageCos[h - 1 + k] = T.CreateTruncating(Math.Cos(angle));
                    _stageSin[h - 1 + k] = T.CreateTruncating(Math.Sin(angle));
                }
            }

            _splitCos = new T[_half + 1];
            _splitSin = new T[_half + 1];
            for (int k = 0; k <= _half; k++)
            {
                double angle = -2.0 * Math.PI * k / size;
                _splitCos[k] = T.CreateTruncating(Math.Cos(angle));
                _splitSin[k] = T.CreateTruncating(Math.Sin(angle));
            }
        }

        /// <summary>The real frame size N (a power of two, at least 2).</summary>
        public int Size { get; }

        /// <summary>M = N/2: the length of the complex work buffers.</summary>
        public int HalfSize => _half;

        /// <summary>
        /// Position in the work buffers where the packed complex sample n = t/2 of a frame must be written, so that the
        /// in-place transform sees bit-reversed input.
        /// </summary>
        public ReadOnlySpan<int> BitReverse => _bitReverse;

        /// <summary>The shared instance for <paramref name="size"/>.</summary>
        public static LaneRealFft<T> ForSize(int size)
        {
            if (size < 2 || !BitOperations.IsPow2(size))
                throw new ArgumentOutOfRangeException(nameof(size), $"FFT size={size} must be a power of two of at least 2.");
            return s_cache.GetOrAdd(size, s => new LaneRealFft<T>(s));
        }

        /// <summary>
        /// Transforms in place the bit-reverse-loaded packed frames (<paramref name="re"/>, <paramref name="im"/>, each
        /// of length M) into their complex half-size spectra Z: radix-2 stages merged two by two into radix-4 passes.
        /// </summary>
        public unsafe void Transform(Span<Vector<T>> re, Span<Vector<T>> im)
        {
            int m = _half;
            if (re.Length < m || im.Length < m)
                throw new ArgumentException($"Work buffers hold {Math.Min(re.Length, im.Length)} vectors; {m} are needed.");
            int h = 1;
            if (m >= 4)
            {
                FirstRadix4Pass(re.Slice(0, m), im.Slice(0, m));
                h = 4;
            }
            fixed (Vector<T>* pr = re)
            fixed (Vector<T>* pi = im)
            fixed (T* cos = _stageCos)
            fixed (T* sin = _stageSin)
            {
                for (; 4 * h <= m; h *= 4)
                    Radix4Pass(pr, pi, cos, sin, m, h);
                if (h < m)
                    Radix2Pass(pr, pi, cos, sin, m, h);
            }
        }

        // Radix-2 stages with half-spans h and 2h in one pass: 3 twiddle multiplications per 4 points.
        private static unsafe void Radix4Pass(Vector<T>* re, Vector<T>* im, T* cos, T* sin, int m, int h)
        {
            T* cos1 = cos + h - 1;
            T* sin1 = sin + h - 1;
            T* cos2 = cos + 2 * h - 1;
            T* sin2 = sin + 2 * h - 1;
            for (int g = 0; g < m; g += 4 * h)
            {
                Vector<T>* ar = re + g, ai = im + g;
                Vector<T>* br = ar + h, bi = ai + h;
                Vector<T>* cr = br + h, ci = bi + h;
                Vector<T>* dr = cr + h, di = ci + h;
                for (int k = 0; k < h; k++)
                {
                    var w1r = new Vector<T>(cos1[k]);
                    var w1i = new Vector<T>(sin1[k]);
                    var w2r = new Vector<T>(cos2[k]);
                    var w2i = new Vector<T>(sin2[k]);
                    // Stage h: (a, b) and (c, d), twiddle W1.
                    var xr = br[k] * w1r - bi[k] * w1i;
                    var xi = br[k] * w1i + bi[k] * w1r;
                    var a1r = ar[k] + xr; var a1i = ai[k] + xi;
                    var b1r = ar[k] - xr; var b1i = ai[k] - xi;
                    var yr = dr[k] * w1r - di[k] * w1i;
                    var yi = dr[k] * w1i + di[k] * w1r;
                    var c1r = cr[k] + yr; var c1i = ci[k] + yi;
                    var d1r = cr[k] - yr; var d1i = ci[k] - yi;
                    // Stage 2h: (a, c) with W2, (b, d) with W2·(-i).
                    var ur = c1r * w2r - c1i * w2i;
                    var ui = c1r * w2i + c1i * w2r;
                    var vr = d1r * w2r - d1i * w2i;
                    var vi = d1r * w2i + d1i * w2r;
                    ar[k] = a1r + ur; ai[k] = a1i + ui;
                    cr[k] = a1r - ur; ci[k] = a1i - ui;
                    // (-i)·(vr + i·vi) = vi - i·vr
                    br[k] = b1r + vi; bi[k] = b1i - vr;
                    dr[k] = b1r - vi; di[k] = b1i + vr;
                }
            }
        }

        private static unsafe void Radix2Pass(Vector<T>* re, Vector<T>* im, T* cos, T* sin, int m, int h)
        {
            T* c = cos + h - 1;
            T* s = sin + h - 1;
            for (int g = 0; g < m; g += 2 * h)
            {
                Vector<T>* ar = re + g, ai = im + g;
                Vector<T>* br = ar + h, bi = ai + h;
                for (int k = 0; k < h; k++)
                {
                    var wr = new Vector<T>(c[k]);
                    var wi = new Vector<T>(s[k]);
                    var tr = br[k] * wr - bi[k] * wi;
                    var ti = br[k] * wi + bi[k] * wr;
                    var xr = ar[k];
                    var xi = ai[k];
                    ar[k] = xr + tr; ai[k] = xi + ti;
                    br[k] = xr - tr; bi[k] = xi - ti;
                }
            }
        }

        // The stages with half-spans 1 and 2 have the twiddles 1 and -i: one multiplication-free radix-4 pass.
        private static void FirstRadix4Pass(Span<Vector<T>> re, Span<Vector<T>> im)
        {
            for (int g = 0; g + 3 < re.Length; g += 4)
            {
                var r0 = re[g]; var i0 = im[g];
                var r1 = re[g + 1]; var i1 = im[g + 1];
                var r2 = re[g + 2]; var i2 = im[g + 2];
                var r3 = re[g + 3]; var i3 = im[g + 3];
                var sr0 = r0 + r1; var si0 = i0 + i1;
                var dr0 = r0 - r1; var di0 = i0 - i1;
                var sr1 = r2 + r3; var si1 = i2 + i3;
                var dr1 = r2 - r3; var di1 = i2 - i3;
                re[g] = sr0 + sr1; im[g] = si0 + si1;
                re[g + 2] = sr0 - sr1; im[g + 2] = si0 - si1;
                // (-i)·(dr1 + i·di1) = di1 - i·dr1
                re[g + 1] = dr0 + di1; im[g + 1] = di0 - dr1;
                re[g + 3] = dr0 - di1; im[g + 3] = di0 + dr1;
            }
        }

        /// <summary>
        /// Bins <paramref name="k"/> and M - k (0 ≤ k ≤ M/2) of the real frames from their packed half-size spectra Z, as
        /// powers |X[k]|² and |X[M-k]|². X[k] = E + W·O with W = e^{-2πik/N}, E = (Z[k] + conj Z[M-k]) / 2 and
        /// O = (Z[k] - conj Z[M-k]) / 2i; the same E, O and W give X[M-k] = conj(E - W·O), so one set of loads serves both.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PowerPair(ReadOnlySpan<Vector<T>> re, ReadOnlySpan<Vector<T>> im, int k, out Vector<T> power, out Vector<T> mirrorPower)
        {
            int m = _half;
            int b = k == 0 ? 0 : m - k;
            var half = new Vector<T>(T.CreateTruncating(0.5));
            var zr = re[k]; var zi = im[k];
            var cr = re[b]; var ci = -im[b];
            var er = (zr + cr) * half;
            var ei = (zi + ci) * half;
            // O = -i/2 · (Z - conj Z') = ((zi - ci)/2, -(zr - cr)/2)
            var or = (zi - ci) * half;
            var oi = (cr - zr) * half;
            var c = new Vector<T>(_splitCos[k]);
            var s = new Vector<T>(_splitSin[k]);
            var wor = or * c - oi * s;
            var woi = or * s + oi * c;
            var xr = er + wor;
            var xi = ei + woi;
            var yr = er - wor;
            var yi = ei - woi;
            power = xr * xr + xi * xi;
            mirrorPower = yr * yr + yi * yi;
        }

        private static uint ReverseBits(uint v)
        {
            v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
            v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
            v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
            v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
            return (v >> 16) | (v << 16);
        }
    }
}
