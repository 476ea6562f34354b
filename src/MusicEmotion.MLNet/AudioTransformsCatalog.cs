using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="TransformsCatalog"/> for the audio front end: <c>LoadAudio</c> (decode, downmix,
    /// resample, fit to a clip length) and <c>LogStft</c> (librosa-compatible log-magnitude spectrogram).
    /// </summary>
    public static class AudioTransformsCatalog
    {
        /// <summary>
        /// Create a <see cref="LogStftEstimator"/>, which turns a waveform into its log-magnitude STFT as librosa's
        /// <c>amplitude_to_db(np.abs(stft(y, n_fft=fftSize, hop_length=hopLength)))</c> (Hann window, centred with
        /// zero padding, ref 1.0, amin 1e-5, top_db 80 unless <paramref name="scale"/> says otherwise).
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="outputColumnName">Name of the column resulting from the transformation of <paramref name="inputColumnName"/>.
        /// This column's data type will be a known-size vector of <see cref="System.Single"/> with dimensions
        /// [1 + <paramref name="fftSize"/>/2, frames], frequency-major: [1025, 1292] for a 661,500-sample clip and the defaults.</param>
        /// <param name="inputColumnName">Name of the column to transform, a known-size vector of <see cref="System.Single"/>
        /// samples. If set to <see langword="null"/>, the value of <paramref name="outputColumnName"/> is used as source.</param>
        /// <param name="fftSize">librosa <c>n_fft</c>: samples per frame, a power of two.</param>
        /// <param name="hopLength">librosa <c>hop_length</c>: samples between frame starts.</param>
        /// <param name="scale">Decibels (<c>amplitude_to_db</c>), ln(1 + S) or the plain magnitude S.</param>
        public static LogStftEstimator LogStft(this TransformsCatalog catalog, string outputColumnName, string inputColumnName = null,
            int fftSize = LogStftEstimator.Defaults.FftSize, int hopLength = LogStftEstimator.Defaults.HopLength,
            LogStftEstimator.OutputScale scale = LogStftEstimator.Defaults.Scale)
            => new LogStftEstimator(catalog.GetEnvironment(), new LogStftEstimator.Options
            {
                OutputColumnName = outputColumnName,
                InputColumnName = inputColumnName,
                FftSize = fftSize,
                HopLength = hopLength,
                Scale = scale,
            });

        /// <summary>
        /// Create a <see cref="LogStftEstimator"/> with every librosa argument of <c>stft</c> and <c>amplitude_to_db</c>
        /// set through <paramref name="options"/>.
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="options">Column names, frame geometry, window, padding and log scale.</param>
        public static LogStftEstimator LogStft(this TransformsCatalog catalog, LogStftEstimator.Options options)
            => new LogStftEstimator(catalog.GetEnvironment(), options);
    }
}
