using System;
using System.Linq;
using System.Numerics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="IEstimator{TTransformer}"/> for the <see cref="LogStftTransformer"/>: the log-magnitude short-time
    /// Fourier transform of a mono waveform, numerically equivalent to librosa's
    /// <c>amplitude_to_db(np.abs(stft(y, n_fft, hop_length, win_length, window, center, pad_mode)))</c>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | Known-size vector of <xref:System.Single> (the waveform, e.g. 661,500 samples from `LoadAudio`) |
    /// | Output column data type | Known-size vector of <xref:System.Single> with dimensions [1 + FftSize/2, frames] |
    /// | Exportable to ONNX | No |
    ///
    /// The output is frequency-major as librosa documents `stft`: `[shape=(1 + n_fft/2, n_frames)]`, flattened row by
    /// row, so element (bin k, frame t) is at `k * frames + t`. With centring, frames = 1 + ⌊samples / HopLength⌋;
    /// without, 1 + ⌊(samples - FftSize) / HopLength⌋. The defaults turn a 30-s clip at 22,050 Hz (661,500 samples)
    /// into 1025 × 1292 values.
    ///
    /// Frames are windowed with a periodic window (librosa's `get_window(window, win_length, fftbins=True)`,
    /// zero-padded to FftSize by `pad_center`), optionally centred by padding FftSize/2 samples on both sides with
    /// zeros (librosa ≥ 0.10's `pad_mode='constant'`) or a reflection, and transformed by a real FFT in single
    /// precision, as librosa does for float32 audio, or in double with `DoublePrecision`. Decibels are
    /// `amplitude_to_db`: 20·log10(max(Amin, S)) - 20·log10(max(Amin, ref)), then clipped from below at
    /// (max - TopDb) over the clip. Against a float64 computation, single precision is within 1e-4 of the clip's
    /// largest magnitude everywhere and within 1e-3 dB down to 60 dB under the clip's maximum (a few thousandths of a
    /// decibel lower down); double precision is within 1e-3 dB everywhere. Frames of a long clip are spread over the
    /// processor cores.
    ///
    /// Check the See Also section for links to usage examples.
    /// ]]></format>
    /// </remarks>
    /// <seealso cref="AudioTransformsCatalog.LogStft(TransformsCatalog, string, string, int, int, SpectrogramScale)"/>
    /// <seealso cref="AudioTransformsCatalog.LogStft(TransformsCatalog, LogStftEstimator.Options)"/>
    public sealed class LogStftEstimator : IEstimator<LogStftTransformer>
    {
        private readonly IHost _host;
        private readonly Options _options;

        internal LogStftEstimator(IHostEnvironment env, Options options)
        {
            Contracts.CheckValue(env, nameof(env));
            _host = env.Register(nameof(LogStftEstimator));
            _options = Validate(_host, options);
        }

        /// <summary>Default values of the options, librosa's defaults (<c>stft</c>, <c>amplitude_to_db</c>).</summary>
        internal static class Defaults
        {
            /// <summary>librosa <c>n_fft</c>: 2048 samples per frame.</summary>
            public const int FftSize = 2048;

            /// <summary>librosa <c>hop_length</c>: FftSize / 4 = 512 samples between frame starts.</summary>
            public const int HopLength = 512;

            /// <summary>librosa <c>window</c>: Hann.</summary>
            public const WindowType Window = WindowType.Hann;

            /// <summary>librosa <c>center</c>: frames are centred on t·HopLength.</summary>
            public const bool Center = true;

            /// <summary>librosa ≥ 0.10 <c>pad_mode</c>: zeros.</summary>
            public const bool ReflectPad = false;

            /// <summary>Decibels, as <c>amplitude_to_db</c>.</summary>
            public const SpectrogramScale Scale = SpectrogramScale.Decibels;

            /// <summary>librosa <c>amplitude_to_db(ref=1.0)</c>.</summary>
            public const bool RelativeToMax = false;

            /// <summary>librosa <c>amin</c>: 1e-5.</summary>
            public const float Amin = 1e-5f;

            /// <summary>librosa <c>top_db</c>: 80 dB.</summary>
            public const float TopDb = 80f;

            /// <summary>Single precision, as librosa computes the STFT of float32 audio (complex64).</summary>
            public const bool DoublePrecision = false;
        }

        /// <summary>Options of <see cref="LogStftEstimator"/>; names follow librosa's arguments in PascalCase.</summary>
        public sealed class Options
        {
            /// <summary>Name of the output column: a known-size vector of <see cref="float"/> with dimensions
            /// [1 + FftSize/2, frames].</summary>
            public string OutputColumnName;

            /// <summary>Name of the input column, a known-size vector of <see cref="float"/> (the waveform). Null means
            /// <see cref="OutputColumnName"/>.</summary>
            public string InputColumnName;

            /// <summary>librosa <c>n_fft</c>: samples per frame, a power of two up to 65,536 (about 3 s at 22,050 Hz).
            /// The output has 1 + FftSize/2 bins.</summary>
            public int FftSize = Defaults.FftSize;

            /// <summary>librosa <c>hop_length</c>: samples between the starts of consecutive frames, in [1, FftSize].</summary>
            public int HopLength = Defaults.HopLength;

            /// <summary>librosa <c>win_length</c>: length of the window before it is centred and zero-padded to
            /// <see cref="FftSize"/>; in (0, FftSize]. Null means FftSize.</summary>
            public int? WindowLength;

            /// <summary>librosa <c>window</c>.</summary>
            public WindowType Window = Defaults.Window;

            /// <summary>librosa <c>center</c>: pad FftSize/2 samples on both sides so frame t is centred on
            /// t·HopLength.</summary>
            public bool Center = Defaults.Center;

            /// <summary>librosa <c>pad_mode</c>, used when <see cref="Center"/> is true: false pads with zeros
            /// (<c>'constant'</c>, librosa ≥ 0.10's default), true mirrors the signal without repeating the edge sample
            /// (<c>'reflect'</c>, librosa &lt; 0.10's default).</summary>
            public bool ReflectPad = Defaults.ReflectPad;

            internal PaddingMode PadMode => ReflectPad ? PaddingMode.Reflect : PaddingMode.Constant;

            /// <summary>The scale of the output values.</summary>
            public SpectrogramScale Scale = Defaults.Scale;

            /// <summary><c>amplitude_to_db</c>'s <c>ref</c>, used when <see cref="Scale"/> is Decibels: false for
            /// <c>ref=1.0</c> (absolute decibels), true for <c>ref=np.max</c> (relative to the loudest bin of the clip,
            /// so its maximum is 0 dB).</summary>
            public bool RelativeToMax = Defaults.RelativeToMax;

            internal DecibelReference Reference => RelativeToMax ? DecibelReference.Max : DecibelReference.One;

            /// <summary><c>amplitude_to_db</c>'s <c>amin</c>: magnitudes below it count as it; positive.</summary>
            public float Amin = Defaults.Amin;

            /// <summary><c>amplitude_to_db</c>'s <c>top_db</c>: values are clipped from below at (clip maximum - TopDb);
            /// non-negative, or null for no clipping.</summary>
            public float? TopDb = Defaults.TopDb;

            /// <summary>Compute the windowing, FFT and logarithm in double precision. The output then matches a float64
            /// librosa computation within 1e-3 dB even 80 dB or more below the clip's maximum; it takes about twice
            /// as long. False (the default) computes in single precision, as librosa does for float32 audio: magnitudes
            /// agree with float64 within about 1e-7 of the clip's maximum.</summary>
            public bool DoublePrecision = Defaults.DoublePrecision;
        }

        /// <summary>Returns the transformer; nothing is learned, the input schema is only checked.</summary>
        /// <param name="input">Data whose schema holds the input column.</param>
        public LogStftTransformer Fit(IDataView input)
        {
            _host.CheckValue(input, nameof(input));
            var transformer = new LogStftTransformer(_host, _options);
            transformer.GetOutputSchema(input.Schema);
            return transformer;
        }

        /// <summary>
        /// The schema after the transform: the output column is a known-size vector of <see cref="float"/>. Throws
        /// when the input column is missing or is not a known-size vector of <see cref="float"/>.
        /// </summary>
        /// <param name="inputSchema">Schema of the data to transform.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            _host.CheckValue(inputSchema, nameof(inputSchema));
            var result = inputSchema.ToDictionary(c => c.Name);
            string inputName = _options.InputColumnName;
            if (!inputSchema.TryFindColumn(inputName, out var column))
                throw _host.ExceptSchemaMismatch(nameof(inputSchema), "input", inputName);
            if (column.Kind != SchemaShape.Column.VectorKind.Vector || !column.ItemType.Equals(NumberDataViewType.Single))
                throw _host.ExceptSchemaMismatch(nameof(inputSchema), "input", inputName, "known-size vector of Single",
                    DescribeShapeColumn(column));
            result[_options.OutputColumnName] = new SchemaShape.Column(_options.OutputColumnName, SchemaShape.Column.VectorKind.Vector,
                NumberDataViewType.Single, isKey: false);
            return new SchemaShape(result.Values);
        }

        private static string DescribeShapeColumn(SchemaShape.Column column)
        {
            switch (column.Kind)
            {
                case SchemaShape.Column.VectorKind.Vector:
                    return $"Vector<{column.ItemType}, known size>";
                case SchemaShape.Column.VectorKind.VariableVector:
                    return $"Vector<{column.ItemType}>";
                default:
                    return column.ItemType.ToString();
            }
        }

        /// <summary>Checks <paramref name="options"/> and returns a private copy with the null defaults resolved.</summary>
        internal static Options Validate(IExceptionContext ectx, Options options)
        {
            ectx.CheckValue(options, nameof(options));
            ectx.CheckUserArg(!string.IsNullOrWhiteSpace(options.OutputColumnName), nameof(options.OutputColumnName),
                "OutputColumnName must be a non-empty column name.");
            var input = options.InputColumnName ?? options.OutputColumnName;
            ectx.CheckUserArg(!string.IsNullOrWhiteSpace(input), nameof(options.InputColumnName),
                "InputColumnName must be a non-empty column name.");
            if (options.FftSize < 2 || !BitOperations.IsPow2(options.FftSize))
                throw ectx.ExceptParam(nameof(options.FftSize), $"FftSize={options.FftSize} must be a positive power of two (at least 2).");
            if (options.FftSize > FrontEndLimits.MaxFftSize)
                throw ectx.ExceptParam(nameof(options.FftSize),
                    $"FftSize={options.FftSize} must be at most {FrontEndLimits.MaxFftSize} samples (2^16, about 3 s at 22,050 Hz).");
            if (options.HopLength <= 0)
                throw ectx.ExceptParam(nameof(options.HopLength), $"HopLength={options.HopLength} must be positive.");
            if (options.HopLength > options.FftSize)
                throw ectx.ExceptParam(nameof(options.HopLength),
                    $"HopLength={options.HopLength} must be at most FftSize={options.FftSize}; a longer hop skips samples between frames.");
            int windowLength = options.WindowLength ?? options.FftSize;
            if (windowLength <= 0 || windowLength > options.FftSize)
                throw ectx.ExceptParam(nameof(options.WindowLength),
                    $"WindowLength={windowLength} must be in (0, FftSize={options.FftSize}].");
            CheckDefined(ectx, nameof(options.Window), options.Window);
            CheckDefined(ectx, nameof(options.Scale), options.Scale);
            if (!(options.Amin > 0) || float.IsInfinity(options.Amin))
                throw ectx.ExceptParam(nameof(options.Amin), $"Amin={options.Amin} must be a positive finite number.");
            if (options.TopDb.HasValue && (!(options.TopDb.Value >= 0) || float.IsInfinity(options.TopDb.Value)))
                throw ectx.ExceptParam(nameof(options.TopDb), $"TopDb={options.TopDb} must be a non-negative finite number, or null.");
            return new Options
            {
                OutputColumnName = options.OutputColumnName,
                InputColumnName = input,
                FftSize = options.FftSize,
                HopLength = options.HopLength,
                WindowLength = windowLength,
                Window = options.Window,
                Center = options.Center,
                ReflectPad = options.ReflectPad,
                Scale = options.Scale,
                RelativeToMax = options.RelativeToMax,
                Amin = options.Amin,
                TopDb = options.TopDb,
                DoublePrecision = options.DoublePrecision,
            };
        }

        private static void CheckDefined<TEnum>(IExceptionContext ectx, string name, TEnum value)
            where TEnum : struct, Enum
        {
            if (!Enum.IsDefined(value))
                throw ectx.ExceptParam(name, $"{name}={value} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }
}
