using System;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// librosa's filter banks and frequency scales, in double precision: <c>hz_to_mel</c>/<c>mel_to_hz</c> (Slaney's
    /// Auditory Toolbox scale or HTK's), <c>mel_frequencies</c>, <c>filters.mel</c>, <c>filters.chroma</c> (tuning 0)
    /// and the orthonormal DCT-II that <c>feature.mfcc</c> applies (<c>scipy.fftpack.dct(type=2, norm='ortho')</c>).
    /// Matrices are [rows][1 + n_fft/2] (or [n_out][n_in]), as librosa returns them.
    /// </summary>
    internal static class MirFilters
    {
        // Slaney's scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above (27 mels per factor 6.4).
        private const double SlaneyStep = 200.0 / 3.0;
        private const double SlaneyMinLogHz = 1000.0;
        private const double SlaneyMinLogMel = SlaneyMinLogHz / SlaneyStep;
        private static readonly double s_slaneyLogStep = Math.Log(6.4) / 27.0;

        /// <summary>librosa <c>hz_to_mel(frequency, htk)</c>.</summary>
        public static double HzToMel(double hz, bool htk)
        {
            if (htk)
                return 2595.0 * Math.Log10(1.0 + hz / 700.0);
            return hz >= SlaneyMinLogHz
                ? SlaneyMinLogMel + Math.Log(hz / SlaneyMinLogHz) / s_slaneyLogStep
                : hz / SlaneyStep;
        }

        /// <summary>librosa <c>mel_to_hz(mels, htk)</c>.</summary>
        public static double MelToHz(double mel, bool htk)
        {
            if (htk)
                return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
            return mel >= SlaneyMinLogMel
                ? SlaneyMinLogHz * Math.Exp(s_slaneyLogStep * (mel - SlaneyMinLogMel))
                : SlaneyStep * mel;
        }

        /// <summary>librosa <c>mel_frequencies(n_mels=count, fmin, fmax, htk)</c>: <paramref name="count"/> frequencies
        /// evenly spaced on the mel scale from <paramref name="fmin"/> to <paramref name="fmax"/>.</summary>
        public static double[] MelFrequencies(int count, double fmin, double fmax, bool htk)
        {
            double low = HzToMel(fmin, htk);
            double high = HzToMel(fmax, htk);
            var hz = new double[count];
            for (int i = 0; i < count; i++)
            {
                // np.linspace: low + i * step, the last point exactly high.
                double mel = count == 1 ? low : i == count - 1 ? high : low + i * ((high - low) / (count - 1));
                hz[i] = MelToHz(mel, htk);
            }
            return hz;
        }

        /// <summary>
        /// librosa <c>filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm)</c>: triangles between consecutive mel
        /// frequencies over the FFT bin frequencies k·sr/n_fft, each scaled by 2 / (upper − lower edge in Hz) when
        /// <paramref name="slaneyNorm"/> (<c>norm='slaney'</c>, constant energy per band) and left at peak 1 otherwise
        /// (<c>norm=None</c>).
        /// </summary>
        public static double[][] Mel(int sampleRate, int fftSize, int mels, double fmin, double fmax, bool htk, bool slaneyNorm)
        {
            int bins = fftSize / 2 + 1;
            var melF = MelFrequencies(mels + 2, fmin, fmax, htk);
            var weights = new double[mels][];
            for (int i = 0; i < mels; i++)
            {
                var row = new double[bins];
                double lowerWidth = melF[i + 1] - melF[i];
                double upperWidth = melF[i + 2] - melF[i + 1];
                double enorm = slaneyNorm ? 2.0 / (melF[i + 2] - melF[i]) : 1.0;
                for (int k = 0; k < bins; k++)
                {
                    double f = k * (double)sampleRate / fftSize;
                    double lower = -(melF[i] - f) / lowerWidth;
                    double upper = (melF[i + 2] - f) / upperWidth;
                    row[k] = Math.Max(0.0, Math.Min(lower, upper)) * enorm;
                }
                weights[i] = row;
            }
            return weights;
        }

        /// <summary>
        /// librosa <c>filters.chroma(sr, n_fft, n_chroma, tuning=0, ctroct=5, octwidth=2, norm=2, base_c=True)</c>:
        /// for each FFT bin a Gaussian bump over the pitch classes around the bin's pitch (width one bin-spacing in
        /// chroma units, at least one semitone), each bin's column L2-normalised, then weighted by a Gaussian over
        /// octaves (octave 0 at A0 = 27.5 Hz) centred on octave 5 (880 Hz) with half-width 2 octaves; rows rotated to
        /// start at C.
        /// </summary>
        public static double[][] Chroma(int sampleRate, int fftSize, int chroma = 12)
        {
            const double CentreOctave = 5.0;
            const double OctaveWidth = 2.0;
            int bins = fftSize / 2 + 1;
            // Over all n_fft bins, as librosa (the mirrored half is dropped at the end).
            var frqbins = new double[fftSize];
            for (int k = 1; k < fftSize; k++)
            {
                double f = k * (double)sampleRate / fftSize;
                frqbins[k] = chroma * Math.Log2(f / (440.0 / 16.0));
            }
            // The 0-Hz bin: 1.5 octaves below bin 1.
            frqbins[0] = frqbins[1] - 1.5 * chroma;
            var width = new double[fftSize];
            for (int k = 0; k < fftSize - 1; k++)
                width[k] = Math.Max(frqbins[k + 1] - frqbins[k], 1.0);
            width[fftSize - 1] = 1.0;
            double half = Math.Round(chroma / 2.0, MidpointRounding.ToEven);
            var wts = new double[chroma][];
            for (int c = 0; c < chroma; c++)
                wts[c] = new double[bins];
            var column = new double[chroma];
            for (int k = 0; k < bins; k++)
            {
                double norm = 0;
                for (int c = 0; c < chroma; c++)
                {
                    double d = frqbins[k] - c;
                    d = PythonRemainder(d + half + 10.0 * chroma, chroma) - half;
                    double z = 2.0 * d / width[k];
                    column[c] = Math.Exp(-0.5 * z * z);
                    norm += column[c] * column[c];
                }
                norm = Math.Sqrt(norm);
                // util.normalize(norm=2, axis=0): a column below float64's tiny stays as is.
                if (norm < 2.2250738585072014e-308)
                    norm = 1.0;
                double octave = (frqbins[k] / chroma - CentreOctave) / OctaveWidth;
                double dominance = Math.Exp(-0.5 * octave * octave);
                for (int c = 0; c < chroma; c++)
                {
                    // np.roll(wts, -3): row c holds pitch class c + 3 of the A-based bank, so row 0 is C.
                    int target = ((c - 3 * (chroma / 12)) % chroma + chroma) % chroma;
                    wts[target][k] = column[c] / norm * dominance;
                }
            }
            return wts;
        }

        /// <summary>The orthonormal DCT-II basis, [outputs][inputs]: row 0 is 1/√N, row c is
        /// √(2/N)·cos(π c (2n + 1) / 2N), as <c>scipy.fftpack.dct(x, type=2, norm='ortho')[:outputs]</c>.</summary>
        public static double[][] DctOrtho(int outputs, int inputs)
        {
            var basis = new double[outputs][];
            for (int c = 0; c < outputs; c++)
            {
                var row = new double[inputs];
                double scale = c == 0 ? Math.Sqrt(1.0 / inputs) : Math.Sqrt(2.0 / inputs);
                for (int n = 0; n < inputs; n++)
                    row[n] = scale * Math.Cos(Math.PI * c * (2 * n + 1) / (2.0 * inputs));
                basis[c] = row;
            }
            return basis;
        }

        /// <summary>numpy's <c>np.remainder</c> (the sign of the divisor).</summary>
        private static double PythonRemainder(double x, double m)
        {
            double r = x % m;
            return r < 0 ? r + m : r;
        }
    }
}
