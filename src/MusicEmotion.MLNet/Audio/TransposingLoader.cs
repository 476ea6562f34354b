using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicEmotion.MLNet.Audio
{
    /// <summary>
    /// AVX loader for the single-precision, 8-lane case of <see cref="LaneRealFft{T}"/>: reads 16 samples of each of 8
    /// frames, applies the window, splits even (real) and odd (imaginary) samples and transposes the two 8×8 blocks so
    /// that each vector holds one packed complex sample of all 8 frames, stored at its bit-reversed position. This
    /// replaces 16 scalar stores per sample block with 16 vector stores.
    /// </summary>
    internal static unsafe class TransposingLoader
    {
        /// <summary>Whether <see cref="Load"/> can run here (AVX, 8 float lanes).</summary>
        public static bool IsSupported => Avx.IsSupported && System.Numerics.Vector<float>.Count == 8;

        /// <summary>
        /// Loads 8 frames (<paramref name="sources"/>, each at least 2·<paramref name="half"/> samples) into the work
        /// buffers <paramref name="re"/> and <paramref name="im"/> (<paramref name="half"/> vectors of 8 floats each).
        /// <paramref name="half"/> must be a multiple of 8.
        /// </summary>
        public static void Load(nint* sources, float* window, int half, int* bitReverse, float* re, float* im)
        {
            var even = stackalloc Vector256<float>[8];
            var odd = stackalloc Vector256<float>[8];
            for (int j0 = 0; j0 < half; j0 += 8)
            {
                var w0 = Avx.LoadVector256(window + 2 * j0);
                var w1 = Avx.LoadVector256(window + 2 * j0 + 8);
                for (int l = 0; l < 8; l++)
                {
                    float* src = (float*)sources[l] + 2 * j0;
                    var a = Avx.Multiply(Avx.LoadVector256(src), w0);
                    var b = Avx.Multiply(Avx.LoadVector256(src + 8), w1);
                    // Per 128-bit half: (a0 a2 b0 b2 | a4 a6 b4 b6) = samples 0 2 8 10 | 4 6 12 14, i.e. complex points
                    // 0 1 4 5 2 3 6 7 of the block; the odd samples likewise.
                    even[l] = Avx.Shuffle(a, b, 0b10_00_10_00);
                    odd[l] = Avx.Shuffle(a, b, 0b11_01_11_01);
                }
                Transpose(even);
                Transpose(odd);
                StoreColumns(even, re, bitReverse, j0);
                StoreColumns(odd, im, bitReverse, j0);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreColumns(Vector256<float>* columns, float* target, int* bitReverse, int j0)
        {
            // Column c holds complex point j0 + {0, 1, 4, 5, 2, 3, 6, 7}[c] (see the shuffle above).
            Avx.Store(target + 8 * bitReverse[j0 + 0], columns[0]);
            Avx.Store(target + 8 * bitReverse[j0 + 1], columns[1]);
            Avx.Store(target + 8 * bitReverse[j0 + 4], columns[2]);
            Avx.Store(target + 8 * bitReverse[j0 + 5], columns[3]);
            Avx.Store(target + 8 * bitReverse[j0 + 2], columns[4]);
            Avx.Store(target + 8 * bitReverse[j0 + 3], columns[5]);
            Avx.Store(target + 8 * bitReverse[j0 + 6], columns[6]);
            Avx.Store(target + 8 * bitReverse[j0 + 7], columns[7]);
        }

        // In-place 8×8 transpose: afterwards rows[c] holds element c of every former row.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose(Vector256<float>* rows)
        {
            var t0 = Avx.UnpackLow(rows[0], rows[1]);
            var t1 = Avx.UnpackHigh(rows[0], rows[1]);
            var t2 = Avx.UnpackLow(rows[2], rows[3]);
            var t3 = Avx.UnpackHigh(rows[2], rows[3]);
            var t4 = Avx.UnpackLow(rows[4], rows[5]);
            var t5 = Avx.UnpackHigh(rows[4], rows[5]);
            var t6 = Avx.UnpackLow(rows[6], rows[7]);
            var t7 = Avx.UnpackHigh(rows[6], rows[7]);
            var s0 = Avx.Shuffle(t0, t2, 0x44);
            var s1 = Avx.Shuffle(t0, t2, 0xEE);
            var s2 = Avx.Shuffle(t1, t3, 0x44);
            var s3 = Avx.Shuffle(t1, t3, 0xEE);
            var s4 = Avx.Shuffle(t4, t6, 0x44);
            var s5 = Avx.Shuffle(t4, t6, 0xEE);
            var s6 = Avx.Shuffle(t5, t7, 0x44);
            var s7 = Avx.Shuffle(t5, t7, 0xEE);
            rows[0] = Avx.Permute2x128(s0, s4, 0x20);
            rows[1] = Avx.Permute2x128(s1, s5, 0x20);
            rows[2] = Avx.Permute2x128(s2, s6, 0x20);
            rows[3] = Avx.Permute2x128(s3, s7, 0x20);
            rows[4] = Avx.Permute2x128(s0, s4, 0x31);
            rows[5] = Avx.Permute2x128(s1, s5, 0x31);
            rows[6] = Avx.Permute2x128(s2, s6, 0x31);
            rows[7] = Avx.Permute2x128(s3, s7, 0x31);
        }
    }
}
