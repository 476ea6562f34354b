using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// AVX loaders for <see cref="LaneRealFft{T}"/> (8 float lanes or 4 double lanes): read a block of samples of each
    /// frame, apply the window, split even (real) and odd (imaginary) samples and transpose the blocks so that each
    /// vector holds one packed complex sample of all frames, stored at its bit-reversed position: vector stores instead
    /// of one scalar store per sample.
    /// </summary>
    internal static unsafe class TransposingLoader
    {
        /// <summary>Whether <see cref="Load"/> can run here (AVX, 8 float lanes).</summary>
        public static bool IsSupported => Avx.IsSupported && System.Numerics.Vector<float>.Count == 8;

        /// <summary>Whether <see cref="LoadDouble"/> can run here (AVX, 4 double lanes).</summary>
        public static bool IsDoubleSupported => Avx.IsSupported && System.Numerics.Vector<double>.Count == 4;

        /// <summary>
        /// Loads 4 frames of float samples into double work buffers <paramref name="re"/> and <paramref name="im"/>
        /// (<paramref name="half"/> vectors of 4 doubles each), windowed in double. <paramref name="half"/> must be a
        /// multiple of 4.
        /// </summary>
        public static void LoadDouble(nint* sources, double* window, int half, int* bitReverse, double* re, double* im)
        {
            var even = stackalloc Vector256<double>[4];
            var odd = stackalloc Vector256<double>[4];
            for (int j0 = 0; j0 < half; j0 += 4)
            {
                var w0 = Avx.LoadVector256(window + 2 * j0);
                var w1 = Avx.LoadVector256(window + 2 * j0 + 4);
                for (int l = 0; l < 4; l++)
                {
                    float* src = (float*)sources[l] + 2 * j0;
                    var a = Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(src)), w0);
                    var b = Avx.Multiply(Avx.ConvertToVector256Double(Sse.LoadVector128(src + 4)), w1);
                    // (a0 b0 | a2 b2) = samples 0 4 | 2 6, i.e. complex points 0 2 1 3 of the block; odd likewise.
                    even[l] = Avx.UnpackLow(a, b);
                    odd[l] = Avx.UnpackHigh(a, b);
                }
                TransposeAndStore(even, re, bitReverse, j0);
                TransposeAndStore(odd, im, bitReverse, j0);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeAndStore(Vector256<double>* rows, double* target, int* bitReverse, int j0)
        {
            var t0 = Avx.UnpackLow(rows[0], rows[1]);
            var t1 = Avx.UnpackHigh(rows[0], rows[1]);
            var t2 = Avx.UnpackLow(rows[2], rows[3]);
            var t3 = Avx.UnpackHigh(rows[2], rows[3]);
            // Columns 0 1 2 3 hold complex points j0 + 0 2 1 3.
            Avx.Store(target + 4 * bitReverse[j0 + 0], Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(target + 4 * bitReverse[j0 + 2], Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(target + 4 * bitReverse[j0 + 1], Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(target + 4 * bitReverse[j0 + 3], Avx.Permute2x128(t1, t3, 0x31));
        }

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
