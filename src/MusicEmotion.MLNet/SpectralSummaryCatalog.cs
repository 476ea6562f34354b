using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="TransformsCatalog"/> for the shallow baselines' features: <c>SpectralSummary</c>
    /// (per-bin statistics of a spectrogram plus librosa's classic spectral descriptors).
    /// </summary>
    public static class SpectralSummaryCatalog
    {
        /// <summary>
        /// Creates a <see cref="SpectralSummaryEstimator"/> that summarises the spectrogram in
        /// <paramref name="spectrogramColumnName"/> (and the waveform in <paramref name="audioColumnName"/>) as one
        /// feature vector.
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="outputColumnName">Name of the column resulting from the transformation of
        /// <paramref name="spectrogramColumnName"/>. This column's data type will be a known-size vector of Single of
        /// 2 × bins + 10 values (+ 2 with <paramref name="audioColumnName"/>).</param>
        /// <param name="spectrogramColumnName">Name of the spectrogram column: a vector of Single with dimensions
        /// [bins, frames], e.g. <c>LogStft</c>'s output.</param>
        /// <param name="audioColumnName">Name of the waveform column (vector of Single) for the zero-crossing rate;
        /// <c>null</c> leaves the zero-crossing features out.</param>
        /// <param name="scale">The scale of the spectrogram values.</param>
        /// <param name="sampleRate">librosa <c>sr</c>: the sample rate the spectrogram was computed at.</param>
        public static SpectralSummaryEstimator SpectralSummary(this TransformsCatalog catalog, string outputColumnName,
            string spectrogramColumnName, string audioColumnName = null,
            SpectralSummaryInputScale scale = SpectralSummaryEstimator.Defaults.Scale,
            int sampleRate = SpectralSummaryEstimator.Defaults.SampleRate)
            => SpectralSummary(catalog, new SpectralSummaryEstimator.Options
            {
                OutputColumnName = outputColumnName,
                SpectrogramColumnName = spectrogramColumnName,
                AudioColumnName = audioColumnName,
                Scale = scale,
                SampleRate = sampleRate,
            });

        /// <summary>Creates a <see cref="SpectralSummaryEstimator"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="options">The estimator's options.</param>
        public static SpectralSummaryEstimator SpectralSummary(this TransformsCatalog catalog, SpectralSummaryEstimator.Options options)
        {
            if (catalog == null)
                throw new ArgumentNullException(nameof(catalog));
            return new SpectralSummaryEstimator(catalog.GetEnvironment(), options);
        }
    }
}
