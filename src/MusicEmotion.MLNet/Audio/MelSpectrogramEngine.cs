using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// librosa's <c>feature.melspectrogram</c> (mel filter bank times |STFT|^power), optionally followed by
    /// <c>power_to_db</c> (ref 1) and, for <c>feature.mfcc</c>, the orthonormal DCT-II over the mel axis. The STFT is
    /// <see cref="StftEngine"/>'s magnitude; the output is frequency-major [rows, frames] like the STFT, rows being mel
    /// bands or cepstral coefficients. Immutable and thread-safe; callers own the scratch buffers.
    /// </summary>
    internal sealed class MelSpectrogramEngine
    {
        private static readonly SpectrumScaling s_magnitude =
            new SpectrumScaling(SpectrogramScale.Magnitude, DecibelReference.One, 1e-5f, null);

        private readonly StftEngine _stft;
        private readonly SparseFilterBank _mel;
        private readonly float _power;
        private readonly bool _decibels;
        private readonly float _amin;
        private readonly float? _topDb;
        private readonly float[][] _dct;

        public MelSpectrogramEngine(StftEngine stft, double[][] melWeights, float power, bool decibels, float amin, float? topDb,
            int coefficients = 0)
        {
            _stft = stft;
            _mel = new SparseFilterBank(melWeights);
            _power = power;
            _decibels = decibels;
            _amin = amin;
            _topDb = topDb;
            if (coefficients > 0)
                _dct = Array.ConvertAll(MirFilters.DctOrtho(coefficients, melWeights.Length), row => Array.ConvertAll(row, w => (float)w));
        }

        /// <summary>Mel bands, or cepstral coefficients with a DCT: the first dimension of the output.</summary>
        public int Rows => _dct?.Length ?? _mel.Rows;

        public int MelCount => _mel.Rows;

        public int MinimumLength => _stft.MinimumLength;

        public int FrameCount(int samples) => _stft.FrameCount(samples);

        /// <summary>Writes the [<see cref="Rows"/>, frames] output of <paramref name="signal"/> into
        /// <paramref name="output"/>; <paramref name="spectrum"/> and <paramref name="mel"/> are scratch, grown as needed.</summary>
        public void Compute(ReadOnlySpan<float> signal, Span<float> output, ref float[] spectrum, ref float[] mel, bool allowParallel)
        {
            int frames = _stft.FrameCount(signal.Length);
            int size = _stft.BinCount * frames;
            if (spectrum == null || spectrum.Length < size)
                spectrum = new float[size];
            var s = spectrum.AsSpan(0, size);
            _stft.Compute(signal, s, s_magnitude, allowParallel);
            RaiseToPower(s, _power);

            int melSize = _mel.Rows * frames;
            Span<float> melOut;
            if (_dct == null)
            {
                melOut = output.Slice(0, melSize);
            }
            else
            {
                if (mel == null || mel.Length < melSize)
                    mel = new float[melSize];
                melOut = mel.AsSpan(0, melSize);
            }
            _mel.Apply(s, frames, melOut);
            if (_decibels)
                PowerToDb(melOut, _amin, _topDb);
            if (_dct != null)
                Dct(melOut, frames, output);
        }

        private static void RaiseToPower(Span<float> s, float power)
        {
            if (power == 1f)
                return;
            if (power == 2f)
            {
                var v = MemoryMarshal.Cast<float, Vector<float>>(s);
                for (int i = 0; i < v.Length; i++)
                    v[i] *= v[i];
                for (int i = v.Length * Vector<float>.Count; i < s.Length; i++)
                    s[i] *= s[i];
                return;
            }
            for (int i = 0; i < s.Length; i++)
                s[i] = (float)Math.Pow(s[i], power);
        }

        /// <summary>librosa <c>power_to_db(S, ref=1.0, amin, top_db)</c> in place: 10·log10(max(amin, S)), then floored
        /// at (max − top_db) over the whole matrix.</summary>
        internal static void PowerToDb(Span<float> values, float amin, float? topDb)
        {
            float max = float.NegativeInfinity;
            for (int i = 0; i < values.Length; i++)
            {
                float db = (float)(10.0 * Math.Log10(Math.Max(amin, values[i])));
                values[i] = db;
                if (db > max)
                    max = db;
            }
            if (topDb is float top)
            {
                float floor = max - top;
                for (int i = 0; i < values.Length; i++)
                    values[i] = Math.Max(values[i], floor);
            }
        }

        // output[c, t] = Σ_m D[c, m] · mel[m, t].
        private void Dct(ReadOnlySpan<float> mel, int frames, Span<float> output)
        {
            int lanes = Vector<float>.Count;
            for (int c = 0; c < _dct.Length; c++)
            {
                var dst = output.Slice(c * frames, frames);
                dst.Clear();
                var dstV = MemoryMarshal.Cast<float, Vector<float>>(dst);
                int tail = dstV.Length * lanes;
                var row = _dct[c];
                for (int m = 0; m < row.Length; m++)
                {
                    var src = mel.Slice(m * frames, frames);
                    var srcV = MemoryMarshal.Cast<float, Vector<float>>(src);
                    var w = new Vector<float>(row[m]);
                    for (int i = 0; i < dstV.Length; i++)
                        dstV[i] += w * srcV[i];
                    for (int t = tail; t < frames; t++)
                        dst[t] += row[m] * src[t];
                }
            }
        }
    }
}
