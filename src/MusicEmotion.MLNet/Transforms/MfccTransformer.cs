using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet;

[assembly: LoadableClass(typeof(MfccTransformer), null, typeof(SignatureLoadModel),
    "MFCC Transform", MfccTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(MfccTransformer), null, typeof(SignatureLoadRowMapper),
    "MFCC Transform", MfccTransformer.LoaderSignature)]

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="ITransformer"/> resulting from fitting an <see cref="MfccEstimator"/>: turns a known-size vector of
    /// <see cref="float"/> samples into its mel-frequency cepstral coefficients, a vector with dimensions
    /// [NumberOfCoefficients, frames], as librosa's <c>feature.mfcc</c> returns <c>(n_mfcc, n_frames)</c>.
    /// </summary>
    public sealed class MfccTransformer : RowToRowTransformerBase, ITransformer
    {
        internal const string LoaderSignature = "MfccTransform";

        private readonly MfccEstimator.Options _options;
        private readonly MelSpectrogramEngine _engine;

        internal MfccTransformer(IHostEnvironment env, MfccEstimator.Options options)
            : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(MfccTransformer)))
        {
            _options = MfccEstimator.Validate(Host, options);
            _engine = MelFrontEnd.CreateEngine(_options, _options.NumberOfCoefficients);
        }

        /// <summary>Name of the input column (the waveform).</summary>
        public string InputColumnName => _options.InputColumnName;

        /// <summary>Name of the output column (the coefficients).</summary>
        public string OutputColumnName => _options.OutputColumnName;

        /// <summary>librosa <c>n_mfcc</c>: the first dimension of the output.</summary>
        public int NumberOfCoefficients => _options.NumberOfCoefficients;

        /// <summary>Number of frames, the second dimension of the output, for a waveform of <paramref name="samples"/>
        /// samples (as LogStft's).</summary>
        /// <param name="samples">Length of the input vector.</param>
        public int GetFrameCount(int samples) => _engine.FrameCount(samples);

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "MFCCTRNS",
            verWrittenCur: 0x00010001, // Initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(MfccTransformer).Assembly.FullName);

        /// <summary>Writes the options into the model; called by <c>mlContext.Model.Save</c>.</summary>
        /// <param name="ctx">The save context.</param>
        protected override void SaveModel(ModelSaveContext ctx)
        {
            Host.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel();
            ctx.SetVersionInfo(GetVersionInfo());
            MelFrontEnd.Save(ctx, _options);
            ctx.Writer.Write(_options.NumberOfCoefficients);
        }

        private static MfccTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            var options = MelFrontEnd.Load(ctx, new MfccEstimator.Options());
            options.NumberOfCoefficients = ctx.Reader.ReadInt32();
            return new MfccTransformer(env, options);
        }

        private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
            => Create(env, ctx).MakeRowMapper(inputSchema);

        /// <summary>The row mapper that computes the output column for rows of <paramref name="schema"/>; checks the
        /// input column as <see cref="MfccEstimator.GetOutputSchema"/> does, and its length.</summary>
        /// <param name="schema">Schema of the data to transform.</param>
        protected override IRowMapper MakeRowMapper(DataViewSchema schema)
            => new MelRowMapper(Host.Register("Mapper"), this, _options, _engine, schema);

        /// <summary>Adds the coefficient column to <paramref name="input"/>, computed one row at a time, in order, on the
        /// consumer's thread (as <see cref="LogStftTransformer.Transform"/>).</summary>
        /// <param name="input">Data with the signal column.</param>
        /// <returns>The input columns plus the coefficient column.</returns>
        public new IDataView Transform(IDataView input)
        {
            Host.CheckValue(input, nameof(input));
            return new OrderedMapperDataView(input, MakeDataTransform(input), MakeRowMapper(input.Schema));
        }

        IDataView ITransformer.Transform(IDataView input) => Transform(input);
    }
}
