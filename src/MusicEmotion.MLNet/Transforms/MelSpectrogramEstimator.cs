using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="IEstimator{TTransformer}"/> for the <see cref="MelSpectrogramTransformer"/>: the mel spectrogram of a
    /// mono waveform in decibels, numerically equivalent to librosa's
    /// <c>power_to_db(melspectrogram(y, sr, n_fft, hop_length, win_length, window, center, pad_mode, power, n_mels,
    /// fmin, fmax, htk, norm), ref=1.0, amin=1e-10, top_db=80)</c>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | Known-size vector of <xref:System.Single> (the waveform, e.g. 661,500 samples from `LoadAudio`) |
    /// | Output column data type | Known-size vector of <xref:System.Single> with dimensions [NumberOfMels, frames], or [NumberOfCoefficients, frames] for MFCCs |
    /// | Exportable to ONNX | No |
    ///
    /// The STFT is LogStft's (same engine, frames and padding); its magnitude raised to `Power` (2: power spectrum) is
    /// multiplied by librosa's mel filter bank `filters.mel`: `NumberOfMels` triangles evenly spaced on the mel scale
    /// between `MinFrequency` and `MaxFrequency` (Slaney's Auditory-Toolbox scale, linear below 1 kHz and logarithmic
    /// above, or HTK's 2595·log10(1 + f/700) with `Htk`), each scaled to constant energy per band (`norm='slaney'`)
    /// unless `Normalize` is false. With `Decibels` the result is `power_to_db`: 10·log10(max(Amin, M)) with ref 1,
    /// floored at (clip maximum − TopDb). The output is band-major as librosa returns it, `[shape=(n_mels, n_frames)]`,
    /// flattened row by row (band m, frame t at `m * frames + t`), the layout the spectrogram trainer reads as
    /// [channels, frames]: 128 × 1292 values for a 30-s clip at 22,050 Hz, an eighth of LogStft's 1025 bins.
    ///
    /// Against a float64 numpy restatement of librosa the single-precision default is within 0.01 dB down to 80 dB
    /// under the clip's maximum (measured 0.0012 dB), `DoublePrecision` within 1e-4 dB everywhere (tests/…/TestData/mel).
    ///
    /// The input is the waveform, not LogStft's output: a decibel STFT floored 80 dB under its maximum fills the quiet
    /// bins with the floor, and mel bands summed from it were up to 4.6 dB off librosa's on real recordings (three
    /// Emotify excerpts: 1.3 to 5.6 % of the cells more than 1 dB off), while the STFT it would save costs a few
    /// percent of decoding the clip.
    /// ]]></format>
    /// </remarks>
    /// <seealso cref="AudioTransformsCatalog.MelSpectrogram(TransformsCatalog, string, string, int, int, int, int)"/>
    /// <seealso cref="AudioTransformsCatalog.MelSpectrogram(TransformsCatalog, MelSpectrogramEstimator.Options)"/>
    public sealed class MelSpectrogramEstimator : IEstimator<MelSpectrogramTransformer>
    {
        private readonly IHost _host;
        private readonly Options _options;

        internal MelSpectrogramEstimator(IHostEnvironment env, Options options)
        {
            Contracts.CheckValue(env, nameof(env));
            _host = env.Register(nameof(MelSpectrogramEstimator));
            _options = Validate(_host, options, new Options());
        }

        /// <summary>Default values of the options, librosa's defaults (<c>melspectrogram</c>, <c>power_to_db</c>).</summary>
        internal static class Defaults
        {
            public const int SampleRate = AudioLoadingEstimator.Defaults.SampleRate;
            public const int FftSize = LogStftEstimator.Defaults.FftSize;
            public const int HopLength = LogStftEstimator.Defaults.HopLength;
            public const int NumberOfMels = 128;

            /// <summary>0: the mel spectrogram itself, no cepstrum.</summary>
            public const int NumberOfCoefficients = 0;

            /// <summary>librosa <c>n_mfcc</c>, what <c>Mfcc</c> asks for.</summary>
            public const int MfccCoefficients = 20;
            public const float MinFrequency = 0f;
            public const float Power = 2f;
            public const bool Htk = false;
            public const bool Normalize = true;
            public const bool Decibels = true;
            public const float Amin = 1e-10f;
            public const float TopDb = 80f;
        }

        /// <summary>Options of <see cref="MelSpectrogramEstimator"/>; names follow librosa's arguments in PascalCase.</summary>
        public sealed class Options
        {
            /// <summary>Name of the output column: a known-size vector of <see cref="float"/> with dimensions
            /// [NumberOfMels, frames].</summary>
            public string OutputColumnName;

            /// <summary>Name of the input column, a known-size vector of <see cref="float"/> (the waveform). Null means
            /// <see cref="OutputColumnName"/>.</summary>
            public string InputColumnName;

            /// <summary>librosa <c>sr</c>: the waveform's sample rate in Hz (LoadAudio's), which places the mel bands.</summary>
            public int SampleRate = Defaults.SampleRate;

            /// <summary>librosa <c>n_fft</c>: samples per STFT frame, a power of two (2048: 93 ms at 22,050 Hz).</summary>
            public int FftSize = Defaults.FftSize;

            /// <summary>librosa <c>hop_length</c>: samples between frame starts, in [1, FftSize] (512: 23 ms at 22,050 Hz).</summary>
            public int HopLength = Defaults.HopLength;

            /// <summary>librosa <c>win_length</c>, in (0, FftSize]; null means FftSize.</summary>
            public int? WindowLength;

            /// <summary>librosa <c>window</c>.</summary>
            public WindowType Window = LogStftEstimator.Defaults.Window;

            /// <summary>librosa <c>center</c>: frame t is centred on t·HopLength.</summary>
            public bool Center = LogStftEstimator.Defaults.Center;

            /// <summary>librosa <c>pad_mode</c>, used when <see cref="Center"/> is true: false pads with zeros
            /// (<c>'constant'</c>, librosa ≥ 0.10's default), true mirrors the signal without repeating the edge sample
            /// (<c>'reflect'</c>, librosa &lt; 0.10's default).</summary>
            public bool ReflectPad = LogStftEstimator.Defaults.ReflectPad;

            internal PaddingMode PadMode => ReflectPad ? PaddingMode.Reflect : PaddingMode.Constant;

            /// <summary>librosa <c>power</c>: the exponent of the STFT magnitude, 2 for power, 1 for magnitude; positive.</summary>
            public float Power = Defaults.Power;

            /// <summary>librosa <c>n_mels</c>: number of mel bands, the first dimension of the output; at least 1.
            /// Too many bands for the FFT size leave some bands empty (their rows sit at the floor).</summary>
            public int NumberOfMels = Defaults.NumberOfMels;

            /// <summary>librosa <c>feature.mfcc</c>'s <c>n_mfcc</c>: 0 (the default) outputs the mel spectrogram; n in
            /// [1, NumberOfMels] outputs the first n mel-frequency cepstral coefficients instead, the orthonormal DCT-II
            /// (<c>dct_type=2, norm='ortho'</c>) over the mel axis of the decibel mel spectrogram (<see cref="Decibels"/>
            /// must be true): coefficient c of frame t is s_c·Σ_m cos(π c (2m + 1) / 2M)·dB[m, t], s_0 = √(1/M),
            /// s_c = √(2/M); the output is then [n, frames]. <c>mlContext.Transforms.Mfcc</c> sets 20.</summary>
            public int NumberOfCoefficients = Defaults.NumberOfCoefficients;

            /// <summary>librosa <c>fmin</c>: lowest frequency in Hz, in [0, MaxFrequency).</summary>
            public float MinFrequency = Defaults.MinFrequency;

            /// <summary>librosa <c>fmax</c>: highest frequency in Hz, at most SampleRate/2; null means SampleRate/2.</summary>
            public float? MaxFrequency;

            /// <summary>librosa <c>htk</c>: HTK's mel scale 2595·log10(1 + f/700) instead of Slaney's (the default).</summary>
            public bool Htk = Defaults.Htk;

            /// <summary>librosa <c>norm='slaney'</c>: each triangle divided by its width in Hz (times 2), so every band
            /// has about the same energy for white noise; false is <c>norm=None</c> (triangles of height 1).</summary>
            public bool Normalize = Defaults.Normalize;

            /// <summary>librosa <c>power_to_db(ref=1.0)</c> of the mel spectrogram; false leaves the mel power itself.</summary>
            public bool Decibels = Defaults.Decibels;

            /// <summary><c>power_to_db</c>'s <c>amin</c>: values below it count as it (−100 dB for 1e-10); positive.</summary>
            public float Amin = Defaults.Amin;

            /// <summary><c>power_to_db</c>'s <c>top_db</c>: values are floored at (clip maximum − TopDb); non-negative,
            /// or null for no floor.</summary>
            public float? TopDb = Defaults.TopDb;

            /// <summary>Compute the STFT in double precision (about twice as long); see LogStft's option.</summary>
            public bool DoublePrecision = LogStftEstimator.Defaults.DoublePrecision;
        }

        /// <summary>Returns the transformer; nothing is learned, the input schema is only checked.</summary>
        /// <param name="input">Data whose schema holds the input column.</param>
        public MelSpectrogramTransformer Fit(IDataView input)
        {
            _host.CheckValue(input, nameof(input));
            var transformer = new MelSpectrogramTransformer(_host, _options);
            transformer.GetOutputSchema(input.Schema);
            return transformer;
        }

        /// <summary>The schema after the transform: the output column is a known-size vector of <see cref="float"/>.
        /// Throws when the input column is missing or is not a known-size vector of <see cref="float"/>.</summary>
        /// <param name="inputSchema">Schema of the data to transform.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => OutputSchema(_host, inputSchema, _options);

        internal static SchemaShape OutputSchema(IExceptionContext ectx, SchemaShape inputSchema, Options options)
        {
            ectx.CheckValue(inputSchema, nameof(inputSchema));
            var result = inputSchema.ToDictionary(c => c.Name);
            string inputName = options.InputColumnName;
            if (!inputSchema.TryFindColumn(inputName, out var column))
                throw ectx.ExceptSchemaMismatch(nameof(inputSchema), "input", inputName);
            if (column.Kind != SchemaShape.Column.VectorKind.Vector || !column.ItemType.Equals(NumberDataViewType.Single))
            {
                string got = column.Kind == SchemaShape.Column.VectorKind.Vector ? $"Vector<{column.ItemType}, known size>"
                    : column.Kind == SchemaShape.Column.VectorKind.VariableVector ? $"Vector<{column.ItemType}>"
                    : column.ItemType.ToString();
                throw ectx.ExceptSchemaMismatch(nameof(inputSchema), "input", inputName, "known-size vector of Single", got);
            }
            result[options.OutputColumnName] = new SchemaShape.Column(options.OutputColumnName, SchemaShape.Column.VectorKind.Vector,
                NumberDataViewType.Single, isKey: false);
            return new SchemaShape(result.Values);
        }

        /// <summary>Checks <paramref name="options"/> and copies them, null defaults resolved, into
        /// <paramref name="target"/>, which it returns.</summary>
        internal static Options Validate(IExceptionContext ectx, Options options, Options target)
        {
            ectx.CheckValue(options, nameof(options));
            // The STFT's settings are LogStft's, with its messages.
            var stft = LogStftEstimator.Validate(ectx, new LogStftEstimator.Options
            {
                OutputColumnName = options.OutputColumnName,
                InputColumnName = options.InputColumnName,
                FftSize = options.FftSize,
                HopLength = options.HopLength,
                WindowLength = options.WindowLength,
                Window = options.Window,
                Center = options.Center,
                ReflectPad = options.ReflectPad,
            });
            if (options.SampleRate < FrontEndLimits.MinSampleRate || options.SampleRate > FrontEndLimits.MaxSampleRate)
                throw ectx.ExceptParam(nameof(options.SampleRate),
                    $"SampleRate={options.SampleRate} must be in [{FrontEndLimits.MinSampleRate}, {FrontEndLimits.MaxSampleRate}] Hz.");
            if (!(options.Power > 0) || float.IsInfinity(options.Power))
                throw ectx.ExceptParam(nameof(options.Power), $"Power={options.Power} must be a positive finite number (2 for power, 1 for magnitude).");
            if (options.NumberOfMels < 1 || options.NumberOfMels > 1 + options.FftSize / 2)
                throw ectx.ExceptParam(nameof(options.NumberOfMels),
                    $"NumberOfMels={options.NumberOfMels} must be in [1, 1 + FftSize/2 = {1 + options.FftSize / 2}].");
            float nyquist = options.SampleRate / 2f;
            float fmax = options.MaxFrequency ?? nyquist;
            if (!(fmax > 0) || fmax > nyquist)
                throw ectx.ExceptParam(nameof(options.MaxFrequency),
                    $"MaxFrequency={fmax} must be in (0, SampleRate/2 = {nyquist}] Hz.");
            if (!(options.MinFrequency >= 0) || !(options.MinFrequency < fmax))
                throw ectx.ExceptParam(nameof(options.MinFrequency),
                    $"MinFrequency={options.MinFrequency} must be in [0, MaxFrequency={fmax}) Hz.");
            if (!(options.Amin > 0) || float.IsInfinity(options.Amin))
                throw ectx.ExceptParam(nameof(options.Amin), $"Amin={options.Amin} must be a positive finite number.");
            if (options.TopDb.HasValue && (!(options.TopDb.Value >= 0) || float.IsInfinity(options.TopDb.Value)))
                throw ectx.ExceptParam(nameof(options.TopDb), $"TopDb={options.TopDb} must be a non-negative finite number, or null.");
            if (options.NumberOfCoefficients < 0 || options.NumberOfCoefficients > options.NumberOfMels)
                throw ectx.ExceptParam(nameof(options.NumberOfCoefficients),
                    $"NumberOfCoefficients={options.NumberOfCoefficients} must be 0 (the mel spectrogram) or in [1, NumberOfMels={options.NumberOfMels}] (MFCCs).");
            if (options.NumberOfCoefficients > 0 && !options.Decibels)
                throw ectx.ExceptParam(nameof(options.Decibels),
                    "Decibels=false is not allowed for MFCCs (NumberOfCoefficients > 0): librosa's mfcc takes the DCT of power_to_db of the mel spectrogram.");
            target.OutputColumnName = stft.OutputColumnName;
            target.InputColumnName = stft.InputColumnName;
            target.SampleRate = options.SampleRate;
            target.FftSize = stft.FftSize;
            target.HopLength = stft.HopLength;
            target.WindowLength = stft.WindowLength;
            target.Window = stft.Window;
            target.Center = stft.Center;
            target.ReflectPad = stft.ReflectPad;
            target.Power = options.Power;
            target.NumberOfMels = options.NumberOfMels;
            target.NumberOfCoefficients = options.NumberOfCoefficients;
            target.MinFrequency = options.MinFrequency;
            target.MaxFrequency = fmax;
            target.Htk = options.Htk;
            target.Normalize = options.Normalize;
            target.Decibels = options.Decibels;
            target.Amin = options.Amin;
            target.TopDb = options.TopDb;
            target.DoublePrecision = options.DoublePrecision;
            return target;
        }
    }
}
