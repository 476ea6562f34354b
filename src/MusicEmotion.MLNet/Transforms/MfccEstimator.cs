using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="IEstimator{TTransformer}"/> for the <see cref="MfccTransformer"/>: mel-frequency cepstral coefficients
    /// of a mono waveform, numerically equivalent to librosa's <c>feature.mfcc(y, sr, n_mfcc=20, dct_type=2,
    /// norm='ortho', lifter=0, **melspectrogram arguments)</c>.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | Known-size vector of <xref:System.Single> (the waveform, e.g. 661,500 samples from `LoadAudio`) |
    /// | Output column data type | Known-size vector of <xref:System.Single> with dimensions [NumberOfCoefficients, frames] |
    /// | Exportable to ONNX | No |
    ///
    /// The coefficients are the orthonormal DCT-II over the mel axis of `MelSpectrogram`'s decibel output (the same
    /// options, `Decibels` required), the first `NumberOfCoefficients` kept: coefficient c of frame t is
    /// s_c·Σ_m cos(π c (2m + 1) / 2M)·dB[m, t], s_0 = √(1/M), s_c = √(2/M). Coefficient-major, flattened row by row:
    /// 20 × 1292 values for a 30-s clip at 22,050 Hz. Within 0.01 dB-units of a float64 numpy restatement of librosa
    /// (tests/…/TestData/mel).
    /// ]]></format>
    /// </remarks>
    /// <seealso cref="AudioTransformsCatalog.Mfcc(TransformsCatalog, string, string, int, int, int, int, int)"/>
    /// <seealso cref="AudioTransformsCatalog.Mfcc(TransformsCatalog, MfccEstimator.Options)"/>
    public sealed class MfccEstimator : IEstimator<MfccTransformer>
    {
        private readonly IHost _host;
        private readonly Options _options;

        internal MfccEstimator(IHostEnvironment env, Options options)
        {
            Contracts.CheckValue(env, nameof(env));
            _host = env.Register(nameof(MfccEstimator));
            _options = Validate(_host, options);
        }

        /// <summary>Default values of the options.</summary>
        internal static class Defaults
        {
            /// <summary>librosa <c>n_mfcc</c>.</summary>
            public const int NumberOfCoefficients = 20;
        }

        /// <summary>Options of <see cref="MfccEstimator"/>: the mel spectrogram's options and the number of coefficients.</summary>
        public sealed class Options : MelSpectrogramEstimator.Options
        {
            /// <summary>librosa <c>n_mfcc</c>: coefficients kept, in [1, NumberOfMels].</summary>
            public int NumberOfCoefficients = Defaults.NumberOfCoefficients;
        }

        /// <summary>Returns the transformer; nothing is learned, the input schema is only checked.</summary>
        /// <param name="input">Data whose schema holds the input column.</param>
        public MfccTransformer Fit(IDataView input)
        {
            _host.CheckValue(input, nameof(input));
            var transformer = new MfccTransformer(_host, _options);
            transformer.GetOutputSchema(input.Schema);
            return transformer;
        }

        /// <summary>The schema after the transform: the output column is a known-size vector of <see cref="float"/>.
        /// Throws when the input column is missing or is not a known-size vector of <see cref="float"/>.</summary>
        /// <param name="inputSchema">Schema of the data to transform.</param>
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => MelSpectrogramEstimator.OutputSchema(_host, inputSchema, _options);

        internal static Options Validate(IExceptionContext ectx, Options options)
        {
            ectx.CheckValue(options, nameof(options));
            var copy = MelSpectrogramEstimator.Validate(ectx, options, new Options());
            if (!options.Decibels)
                throw ectx.ExceptParam(nameof(options.Decibels),
                    "Decibels=false is not allowed for MFCCs: librosa's mfcc takes the DCT of power_to_db of the mel spectrogram.");
            if (options.NumberOfCoefficients < 1 || options.NumberOfCoefficients > options.NumberOfMels)
                throw ectx.ExceptParam(nameof(options.NumberOfCoefficients),
                    $"NumberOfCoefficients={options.NumberOfCoefficients} must be in [1, NumberOfMels={options.NumberOfMels}].");
            copy.NumberOfCoefficients = options.NumberOfCoefficients;
            return copy;
        }
    }
}
