using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Linear quantisation of one clip's dB spectrogram to 8- or 16-bit codes over the clip's own [min, max]:
    /// value ≈ min + code · step with step = (max − min) / (2^bits − 1), so the error is at most step / 2. With
    /// <c>LogStft</c>'s default <c>top_db</c> = 80 a clip spans at most 80 dB, so 8 bits give ≤ 80 / 510 = 0.157 dB.
    /// </summary>
    internal static class SpectrogramQuantizer
    {
        /// <summary>The clip's minimum and maximum (NaN and infinities are rejected by the caller's check).</summary>
        public static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
        {
            if (values.IsEmpty)
                return (0, 0);
            int i = 0;
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            int width = Vector<float>.Count;
            if (values.Length >= width)
            {
                var vmin = new Vector<float>(float.PositiveInfinity);
                var vmax = new Vector<float>(float.NegativeInfinity);
                var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
                for (int v = 0; v < vectors.Length; v++)
                {
                    vmin = Vector.Min(vmin, vectors[v]);
                    vmax = Vector.Max(vmax, vectors[v]);
                }
                for (int k = 0; k < width; k++)
                {
                    min = Math.Min(min, vmin[k]);
                    max = Math.Max(max, vmax[k]);
                }
                i = vectors.Length * width;
            }
            for (; i < values.Length; i++)
            {
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }
            return (min, max);
        }

        /// <summary>The step for a clip spanning [min, max] with codes of <paramref name="codeBytes"/> bytes.</summary>
        public static float Step(float min, float max, int codeBytes)
        {
            float levels = codeBytes == 1 ? byte.MaxValue : ushort.MaxValue;
            return max > min ? (max - min) / levels : 0f;
        }

        /// <summary>Writes round((value − min) / step) of every value as one byte.</summary>
        public static void Quantize(ReadOnlySpan<float> values, float min, float step, Span<byte> codes)
        {
            float inverse = step > 0 ? 1f / step : 0f;
            int i = 0;
            int width = Vector<float>.Count;
            if (Vector.IsHardwareAccelerated && values.Length >= 4 * width)
            {
                var vmin = new Vector<float>(min);
                var vinv = new Vector<float>(inverse);
                var half = new Vector<float>(0.5f);
                var top = new Vector<float>(byte.MaxValue);
                var zero = Vector<float>.Zero;
                for (; i + 4 * width <= values.Length; i += 4 * width)
                {
                    // Four float vectors → four int vectors → two ushort vectors → one byte vector.
                    var a = Vector.ConvertToInt32(Vector.Min(Vector.Max((new Vector<float>(values.Slice(i)) - vmin) * vinv + half, zero), top));
                    var b = Vector.ConvertToInt32(Vector.Min(Vector.Max((new Vector<float>(values.Slice(i + width)) - vmin) * vinv + half, zero), top));
                    var c = Vector.ConvertToInt32(Vector.Min(Vector.Max((new Vector<float>(values.Slice(i + 2 * width)) - vmin) * vinv + half, zero), top));
                    var d = Vector.ConvertToInt32(Vector.Min(Vector.Max((new Vector<float>(values.Slice(i + 3 * width)) - vmin) * vinv + half, zero), top));
                    var low = Vector.Narrow(Vector.AsVectorUInt32(a), Vector.AsVectorUInt32(b));
                    var high = Vector.Narrow(Vector.AsVectorUInt32(c), Vector.AsVectorUInt32(d));
                    Vector.Narrow(low, high).CopyTo(codes.Slice(i));
                }
            }
            for (; i < values.Length; i++)
                codes[i] = (byte)Math.Clamp((int)((values[i] - min) * inverse + 0.5f), 0, byte.MaxValue);
        }

        /// <summary>Writes round((value − min) / step) of every value as one 16-bit code.</summary>
        public static void Quantize(ReadOnlySpan<float> values, float min, float step, Span<ushort> codes)
        {
            float inverse = step > 0 ? 1f / step : 0f;
            int i = 0;
            int width = Vector<float>.Count;
            if (Vector.IsHardwareAccelerated && values.Length >= 2 * width)
            {
                var vmin = new Vector<float>(min);
                var vinv = new Vector<float>(inverse);
                var half = new Vector<float>(0.5f);
                var top = new Vector<float>(ushort.MaxValue);
                var zero = Vector<float>.Zero;
                for (; i + 2 * width <= values.Length; i += 2 * width)
                {
                    var a = Vector.ConvertToInt32(Vector.Min(Vector.Max((new Vector<float>(values.Slice(i)) - vmin) * vinv + half, zero), top));
                    var b = Vector.ConvertToInt32(Vector.Min(Vector.Max((new Vector<float>(values.Slice(i + width)) - vmin) * vinv + half, zero), top));
                    Vector.Narrow(Vector.AsVectorUInt32(a), Vector.AsVectorUInt32(b)).CopyTo(codes.Slice(i));
                }
            }
            for (; i < values.Length; i++)
                codes[i] = (ushort)Math.Clamp((int)((values[i] - min) * inverse + 0.5f), 0, ushort.MaxValue);
        }

        /// <summary>values[i] = min + codes[i] · step.</summary>
        public static void Dequantize(ReadOnlySpan<byte> codes, float min, float step, Span<float> values)
        {
            int i = 0;
            int width = Vector<byte>.Count;
            if (Vector.IsHardwareAccelerated && codes.Length >= width)
            {
                var vmin = new Vector<float>(min);
                var vstep = new Vector<float>(step);
                int floats = Vector<float>.Count;
                for (; i + width <= codes.Length; i += width)
                {
                    Vector.Widen(new Vector<byte>(codes.Slice(i)), out Vector<ushort> low, out Vector<ushort> high);
                    Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                    Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                    (Vector.ConvertToSingle(a) * vstep + vmin).CopyTo(values.Slice(i));
                    (Vector.ConvertToSingle(b) * vstep + vmin).CopyTo(values.Slice(i + floats));
                    (Vector.ConvertToSingle(c) * vstep + vmin).CopyTo(values.Slice(i + 2 * floats));
                    (Vector.ConvertToSingle(d) * vstep + vmin).CopyTo(values.Slice(i + 3 * floats));
                }
            }
            for (; i < codes.Length; i++)
                values[i] = codes[i] * step + min;
        }

        /// <summary>values[i] = min + codes[i] · step.</summary>
        public static void Dequantize(ReadOnlySpan<ushort> codes, float min, float step, Span<float> values)
        {
            int i = 0;
            int width = Vector<ushort>.Count;
            if (Vector.IsHardwareAccelerated && codes.Length >= width)
            {
                var vmin = new Vector<float>(min);
                var vstep = new Vector<float>(step);
                int floats = Vector<float>.Count;
                for (; i + width <= codes.Length; i += width)
                {
                    Vector.Widen(new Vector<ushort>(codes.Slice(i)), out Vector<uint> a, out Vector<uint> b);
                    (Vector.ConvertToSingle(a) * vstep + vmin).CopyTo(values.Slice(i));
                    (Vector.ConvertToSingle(b) * vstep + vmin).CopyTo(values.Slice(i + floats));
                }
            }
            for (; i < codes.Length; i++)
                values[i] = codes[i] * step + min;
        }
    }
}
