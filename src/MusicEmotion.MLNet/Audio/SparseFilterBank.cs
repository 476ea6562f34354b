using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A filter bank [rows][bins] kept as each row's non-zero span (mel triangles cover a few bins each), applied to a
    /// frequency-major matrix [bins, frames] row by row: output row r = Σ_k W[r, k] · input row k, frames in SIMD lanes.
    /// </summary>
    internal sealed class SparseFilterBank
    {
        private readonly int[] _start;
        private readonly float[][] _single;
        private readonly double[][] _double;

        public SparseFilterBank(double[][] weights)
        {
            Rows = weights.Length;
            Bins = Rows == 0 ? 0 : weights[0].Length;
            _start = new int[Rows];
            _single = new float[Rows][];
            _double = new double[Rows][];
            for (int r = 0; r < Rows; r++)
            {
                var row = weights[r];
                int first = Array.FindIndex(row, w => w != 0);
                int last = Array.FindLastIndex(row, w => w != 0);
                if (first < 0)
                {
                    _start[r] = 0;
                    _double[r] = Array.Empty<double>();
                }
                else
                {
                    _start[r] = first;
                    _double[r] = row.AsSpan(first, last - first + 1).ToArray();
                }
                _single[r] = Array.ConvertAll(_double[r], w => (float)w);
            }
        }

        public int Rows { get; }

        public int Bins { get; }

        /// <summary>output[r, t] = Σ_k W[r, k] · input[k, t] in single precision; both matrices row-major with
        /// <paramref name="frames"/> columns.</summary>
        public void Apply(ReadOnlySpan<float> input, int frames, Span<float> output)
        {
            var inputVectors = Vector<float>.Count;
            for (int r = 0; r < Rows; r++)
            {
                var dst = output.Slice(r * frames, frames);
                dst.Clear();
                var weights = _single[r];
                int start = _start[r];
                var dstV = MemoryMarshal.Cast<float, Vector<float>>(dst);
                int tail = dstV.Length * inputVectors;
                for (int j = 0; j < weights.Length; j++)
                {
                    float w = weights[j];
                    if (w == 0)
                        continue;
                    var src = input.Slice((start + j) * frames, frames);
                    var srcV = MemoryMarshal.Cast<float, Vector<float>>(src);
                    var wV = new Vector<float>(w);
                    for (int i = 0; i < dstV.Length; i++)
                        dstV[i] += wV * srcV[i];
                    for (int t = tail; t < frames; t++)
                        dst[t] += w * src[t];
                }
            }
        }

        /// <summary>The same product in double precision.</summary>
        public void Apply(ReadOnlySpan<double> input, int frames, Span<double> output)
        {
            for (int r = 0; r < Rows; r++)
            {
                var dst = output.Slice(r * frames, frames);
                dst.Clear();
                var weights = _double[r];
                int start = _start[r];
                for (int j = 0; j < weights.Length; j++)
                {
                    double w = weights[j];
                    if (w == 0)
                        continue;
                    var src = input.Slice((start + j) * frames, frames);
                    for (int t = 0; t < frames; t++)
                        dst[t] += w * src[t];
                }
            }
        }
    }
}
