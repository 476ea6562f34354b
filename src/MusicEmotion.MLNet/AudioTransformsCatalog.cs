using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="TransformsCatalog"/> for the audio front end: <c>LoadAudio</c> (decode, downmix,
    /// resample, fit to a clip length), <c>LogStft</c> (librosa-compatible log-magnitude spectrogram),
    /// <c>MelSpectrogram</c> and <c>Mfcc</c> (librosa's <c>melspectrogram</c> in dB and <c>mfcc</c>) and, for the shallow
    /// baselines, <c>SpectralSummary</c> (per-bin statistics of a spectrogram plus librosa's classic spectral descriptors).
    /// </summary>
    public static class AudioTransformsCatalog
    {
        /// <summary>
        /// Create an <see cref="AudioLoadingEstimator"/>, which decodes the audio files named in
        /// <paramref name="inputColumnName"/> into mono clips of <paramref name="duration"/> seconds at
        /// <paramref name="sampleRate"/> Hz (librosa <c>load</c>; paper §3.1 clip policy).
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="outputColumnName">Name of the column resulting from the transformation of
        /// <paramref name="inputColumnName"/>. This column's data type will be a known-sized vector of
        /// <see cref="System.Single"/> with <c>round(sampleRate × duration)</c> values (661,500 by default).</param>
        /// <param name="inputColumnName">Name of the text column of file paths. If set to <see langword="null"/>,
        /// the value of <paramref name="outputColumnName"/> is used as source.</param>
        /// <param name="sampleRate">Target sample rate in Hz (librosa <c>sr</c>), greater than 0.</param>
        /// <param name="duration">Clip length in seconds (librosa <c>duration</c>), greater than 0. Shorter audio is
        /// repeated until it fills the clip.</param>
        /// <param name="offset">Start of the clip in seconds (librosa <c>offset</c>), 0 or more.</param>
        /// <param name="centerClip">Whether the clip is the middle of a longer file rather than the part from <paramref name="offset"/>.</param>
        /// <param name="offsetColumnName">Optional Double or Single column of per-row offsets in seconds (for
        /// example <c>ClipOffset</c> from <c>ExpandToClips</c>); overrides <paramref name="offset"/>.</param>
        /// <param name="skipUnreadableFiles">Whether a row whose file cannot be read is left out (its file and cause listed
        /// in <see cref="AudioLoadingTransformer.RejectedFiles"/>) instead of throwing when it is read; see
        /// <see cref="AudioLoadingEstimator.Options.SkipUnreadableFiles"/>.</param>
        /// <param name="decoderBackend">Which decoder and resampler read the files: native libraries when they load,
        /// managed ones otherwise (<see cref="AudioDecoderBackend.Auto"/>), or one forced; see
        /// <see cref="AudioLoadingEstimator.Options.DecoderBackend"/>.</param>
        /// <example>
        /// <code>
        /// var pipeline = mlContext.Transforms.LoadAudio("Audio", "Path");
        /// </code>
        /// </example>
        public static AudioLoadingEstimator LoadAudio(this TransformsCatalog catalog, string outputColumnName,
            string inputColumnName = null,
            int sampleRate = AudioLoadingEstimator.Defaults.SampleRate,
            double duration = AudioLoadingEstimator.Defaults.Duration,
            double offset = AudioLoadingEstimator.Defaults.Offset,
            bool centerClip = AudioLoadingEstimator.Defaults.CenterClip,
            string offsetColumnName = null,
            bool skipUnreadableFiles = false,
            AudioDecoderBackend decoderBackend = AudioDecoderBackend.Auto)
            => LoadAudio(catalog, new AudioLoadingEstimator.Options
            {
                OutputColumnName = outputColumnName,
                InputColumnName = inputColumnName ?? outputColumnName,
                SampleRate = sampleRate,
                Duration = duration,
                Offset = offset,
                CenterClip = centerClip,
                OffsetColumnName = offsetColumnName,
                SkipUnreadableFiles = skipUnreadableFiles,
                DecoderBackend = decoderBackend,
            });

        /// <summary>Create an <see cref="AudioLoadingEstimator"/> from <paramref name="options"/>.</summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="options">The column names, sample rate, duration and clip policy.</param>
        public static AudioLoadingEstimator LoadAudio(this TransformsCatalog catalog, AudioLoadingEstimator.Options options)
        {
            Microsoft.ML.Runtime.Contracts.CheckValue(catalog, nameof(catalog));
            return new AudioLoadingEstimator(catalog.GetEnvironment(), options);
        }

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
            SpectrogramScale scale = LogStftEstimator.Defaults.Scale)
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

        /// <summary>
        /// Create a <see cref="MelSpectrogramEstimator"/>, which turns a waveform into its mel spectrogram in decibels as
        /// librosa's <c>power_to_db(melspectrogram(y, sr=sampleRate, n_fft=fftSize, hop_length=hopLength,
        /// n_mels=numberOfMels))</c> (Hann window, centred with zero padding, power 2, fmin 0, fmax sr/2, Slaney mel
        /// scale and area normalisation; ref 1.0, amin 1e-10, top_db 80).
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="outputColumnName">Name of the column resulting from the transformation of <paramref name="inputColumnName"/>.
        /// This column's data type will be a known-size vector of <see cref="System.Single"/> with dimensions
        /// [<paramref name="numberOfMels"/>, frames], band-major: [128, 1292] for a 661,500-sample clip and the defaults.</param>
        /// <param name="inputColumnName">Name of the column to transform, a known-size vector of <see cref="System.Single"/>
        /// samples. If set to <see langword="null"/>, the value of <paramref name="outputColumnName"/> is used as source.</param>
        /// <param name="sampleRate">librosa <c>sr</c>: the waveform's sample rate in Hz.</param>
        /// <param name="fftSize">librosa <c>n_fft</c>: samples per frame, a power of two.</param>
        /// <param name="hopLength">librosa <c>hop_length</c>: samples between frame starts.</param>
        /// <param name="numberOfMels">librosa <c>n_mels</c>: mel bands.</param>
        public static MelSpectrogramEstimator MelSpectrogram(this TransformsCatalog catalog, string outputColumnName,
            string inputColumnName = null, int sampleRate = MelSpectrogramEstimator.Defaults.SampleRate,
            int fftSize = MelSpectrogramEstimator.Defaults.FftSize, int hopLength = MelSpectrogramEstimator.Defaults.HopLength,
            int numberOfMels = MelSpectrogramEstimator.Defaults.NumberOfMels)
            => MelSpectrogram(catalog, new MelSpectrogramEstimator.Options
            {
                OutputColumnName = outputColumnName,
                InputColumnName = inputColumnName,
                SampleRate = sampleRate,
                FftSize = fftSize,
                HopLength = hopLength,
                NumberOfMels = numberOfMels,
            });

        /// <summary>
        /// Create a <see cref="MelSpectrogramEstimator"/> with every librosa argument of <c>melspectrogram</c> and
        /// <c>power_to_db</c> set through <paramref name="options"/> (the HTK mel scale, no normalisation, fmin/fmax, …).
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="options">Column names, frame geometry, filter bank and decibel scale.</param>
        public static MelSpectrogramEstimator MelSpectrogram(this TransformsCatalog catalog, MelSpectrogramEstimator.Options options)
        {
            Microsoft.ML.Runtime.Contracts.CheckValue(catalog, nameof(catalog));
            return new MelSpectrogramEstimator(catalog.GetEnvironment(), options);
        }

        /// <summary>
        /// Create a <see cref="MelSpectrogramEstimator"/> with <see cref="MelSpectrogramEstimator.Options.NumberOfCoefficients"/>
        /// set, which turns a waveform into its mel-frequency cepstral coefficients as
        /// librosa's <c>feature.mfcc(y, sr=sampleRate, n_mfcc=numberOfCoefficients, n_fft=fftSize,
        /// hop_length=hopLength, n_mels=numberOfMels)</c>: the orthonormal DCT-II of <c>MelSpectrogram</c>'s decibels.
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="outputColumnName">Name of the column resulting from the transformation of <paramref name="inputColumnName"/>.
        /// This column's data type will be a known-size vector of <see cref="System.Single"/> with dimensions
        /// [<paramref name="numberOfCoefficients"/>, frames]: [20, 1292] for a 661,500-sample clip and the defaults.</param>
        /// <param name="inputColumnName">Name of the column to transform, a known-size vector of <see cref="System.Single"/>
        /// samples. If set to <see langword="null"/>, the value of <paramref name="outputColumnName"/> is used as source.</param>
        /// <param name="sampleRate">librosa <c>sr</c>: the waveform's sample rate in Hz.</param>
        /// <param name="numberOfCoefficients">librosa <c>n_mfcc</c>: coefficients per frame, at most
        /// <paramref name="numberOfMels"/>.</param>
        /// <param name="fftSize">librosa <c>n_fft</c>: samples per frame, a power of two.</param>
        /// <param name="hopLength">librosa <c>hop_length</c>: samples between frame starts.</param>
        /// <param name="numberOfMels">librosa <c>n_mels</c>: mel bands the DCT runs over.</param>
        public static MelSpectrogramEstimator Mfcc(this TransformsCatalog catalog, string outputColumnName, string inputColumnName = null,
            int sampleRate = MelSpectrogramEstimator.Defaults.SampleRate,
            int numberOfCoefficients = MelSpectrogramEstimator.Defaults.MfccCoefficients,
            int fftSize = MelSpectrogramEstimator.Defaults.FftSize, int hopLength = MelSpectrogramEstimator.Defaults.HopLength,
            int numberOfMels = MelSpectrogramEstimator.Defaults.NumberOfMels)
            => MelSpectrogram(catalog, new MelSpectrogramEstimator.Options
            {
                OutputColumnName = outputColumnName,
                InputColumnName = inputColumnName,
                SampleRate = sampleRate,
                NumberOfCoefficients = numberOfCoefficients,
                FftSize = fftSize,
                HopLength = hopLength,
                NumberOfMels = numberOfMels,
            });

        /// <summary>
        /// Creates a <see cref="SpectralSummaryEstimator"/> that summarises the spectrogram in
        /// <paramref name="spectrogramColumnName"/> (and the waveform in <paramref name="audioColumnName"/>) as one
        /// feature vector.
        /// </summary>
        /// <param name="catalog">The transform's catalog.</param>
        /// <param name="outputColumnName">Name of the column resulting from the transformation of
        /// <paramref name="spectrogramColumnName"/>. This column's data type will be a known-size vector of Single of
        /// 98 values with the default MIR groups, 2 × bins + 10 with <see cref="SpectralSummaryFeatures.Paper"/> (+ 2 with
        /// <paramref name="audioColumnName"/>).</param>
        /// <param name="spectrogramColumnName">Name of the spectrogram column: a vector of Single with dimensions
        /// [bins, frames], e.g. <c>LogStft</c>'s output.</param>
        /// <param name="audioColumnName">Name of the waveform column (vector of Single) for the zero-crossing rate;
        /// <c>null</c> leaves the zero-crossing features out.</param>
        /// <param name="scale">The scale of the spectrogram values.</param>
        /// <param name="sampleRate">librosa <c>sr</c>: the sample rate the spectrogram was computed at.</param>
        /// <param name="features">The feature groups to write (<see cref="SpectralSummaryFeatures.Paper"/>: the paper's
        /// per-bin statistics and spectral descriptors).</param>
        /// <param name="hopLength">librosa <c>hop_length</c> of the spectrogram's frames (for the rhythm features).</param>
        public static SpectralSummaryEstimator SpectralSummary(this TransformsCatalog catalog, string outputColumnName,
            string spectrogramColumnName, string audioColumnName = null,
            SpectrogramScale scale = SpectralSummaryEstimator.Defaults.Scale,
            int sampleRate = SpectralSummaryEstimator.Defaults.SampleRate,
            SpectralSummaryFeatures features = SpectralSummaryEstimator.Defaults.Features,
            int hopLength = SpectralSummaryEstimator.Defaults.HopLength)
            => SpectralSummary(catalog, new SpectralSummaryEstimator.Options
            {
                OutputColumnName = outputColumnName,
                SpectrogramColumnName = spectrogramColumnName,
                AudioColumnName = audioColumnName,
                Scale = scale,
                SampleRate = sampleRate,
                Features = features,
                HopLength = hopLength,
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
