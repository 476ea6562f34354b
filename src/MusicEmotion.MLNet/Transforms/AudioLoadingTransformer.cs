using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Audio;
using MusicEmotion.MLNet.Transforms;

[assembly: LoadableClass(typeof(AudioLoadingTransformer), null, typeof(SignatureLoadModel),
    "Audio Loading Transform", AudioLoadingTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(AudioLoadingTransformer), null, typeof(SignatureLoadRowMapper),
    "Audio Loading Transform", AudioLoadingTransformer.LoaderSignature)]

namespace MusicEmotion.MLNet.Transforms
{
    /// <summary>
    /// <see cref="ITransformer"/> produced by <see cref="AudioLoadingEstimator"/>: replaces nothing, adds a
    /// known-sized <c>Vector&lt;Single, SampleRate × Duration&gt;</c> column holding each row's decoded mono clip.
    /// </summary>
    /// <remarks>
    /// Decoding happens lazily, when a cursor reads the output column of a row. The transformer is saved in the model
    /// zip (column names, sample rate, duration, offset, alignment, offset column) and loaded back by
    /// <c>mlContext.Model.Load</c> without any registration call.
    /// </remarks>
    public sealed class AudioLoadingTransformer : RowToRowTransformerBase
    {
        internal const string LoaderSignature = "AudioLoadingTransform";

        private readonly AudioLoadingEstimator.Options _options;

        internal AudioLoadingTransformer(IHostEnvironment env, AudioLoadingEstimator.Options options)
            : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(AudioLoadingTransformer)))
        {
            _options = new AudioLoadingEstimator.Options
            {
                OutputColumnName = options.OutputColumnName,
                InputColumnName = options.InputColumnName ?? options.OutputColumnName,
                SampleRate = options.SampleRate,
                Duration = options.Duration,
                Offset = options.Offset,
                Alignment = options.Alignment,
                OffsetColumnName = options.OffsetColumnName,
            };
            ClipLength = AudioLoadingEstimator.ClipLength(options.SampleRate, options.Duration);
        }

        /// <summary>Name of the text column of file paths.</summary>
        public string InputColumnName => _options.InputColumnName;

        /// <summary>Name of the output column.</summary>
        public string OutputColumnName => _options.OutputColumnName;

        /// <summary>Target sample rate in Hz.</summary>
        public int SampleRate => _options.SampleRate;

        /// <summary>Clip length in seconds.</summary>
        public double Duration => _options.Duration;

        /// <summary>Clip start in seconds when no offset column is used.</summary>
        public double Offset => _options.Offset;

        /// <summary>Where a clip is cut from a longer file.</summary>
        public ClipAlignment Alignment => _options.Alignment;

        /// <summary>Optional column of per-row offsets in seconds, or <see langword="null"/>.</summary>
        public string OffsetColumnName => _options.OffsetColumnName;

        /// <summary>Number of samples in each output vector, <c>round(SampleRate × Duration)</c>.</summary>
        public int ClipLength { get; }

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "AUDLOADT",
            verWrittenCur: 0x00010001, // initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(AudioLoadingTransformer).Assembly.FullName);

        /// <summary>Saves the options (see <see cref="GetVersionInfo"/>).</summary>
        public override void SaveModel(ModelSaveContext ctx)
        {
            Host.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel();
            ctx.SetVersionInfo(GetVersionInfo());
            // int: sample rate, double: duration, double: offset, int: alignment,
            // string: output column, string: input column, string or null: offset column
            ctx.Writer.Write(_options.SampleRate);
            ctx.Writer.Write(_options.Duration);
            ctx.Writer.Write(_options.Offset);
            ctx.Writer.Write((int)_options.Alignment);
            ctx.SaveNonEmptyString(_options.OutputColumnName);
            ctx.SaveNonEmptyString(_options.InputColumnName);
            ctx.SaveStringOrNull(_options.OffsetColumnName);
        }

        private static AudioLoadingTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            var options = new AudioLoadingEstimator.Options
            {
                SampleRate = ctx.Reader.ReadInt32(),
                Duration = ctx.Reader.ReadDouble(),
                Offset = ctx.Reader.ReadDouble(),
                Alignment = (ClipAlignment)ctx.Reader.ReadInt32(),
                OutputColumnName = ctx.LoadNonEmptyString(),
                InputColumnName = ctx.LoadNonEmptyString(),
                OffsetColumnName = ctx.LoadStringOrNull(),
            };
            env.CheckDecode(options.SampleRate > 0 && options.Duration > 0 && options.Offset >= 0);
            return new AudioLoadingTransformer(env, options);
        }

        private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
            => Create(env, ctx).MakeRowMapper(inputSchema);

        /// <summary>Makes the row mapper that decodes the files.</summary>
        public override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

        private sealed class Mapper : MapperBase
        {
            private readonly AudioLoadingTransformer _parent;
            private readonly int _pathColumn;
            private readonly int _offsetColumn = -1;

            public Mapper(AudioLoadingTransformer parent, DataViewSchema inputSchema)
                : base(parent.Host.Register(nameof(Mapper)), inputSchema, parent)
            {
                _parent = parent;
                var options = parent._options;
                var path = inputSchema.GetColumnOrNull(options.InputColumnName)
                    ?? throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", options.InputColumnName);
                if (!(path.Type is TextDataViewType))
                    throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", options.InputColumnName,
                        "Text", path.Type.ToString());
                _pathColumn = path.Index;
                if (options.OffsetColumnName != null)
                {
                    var offset = inputSchema.GetColumnOrNull(options.OffsetColumnName)
                        ?? throw Host.ExceptSchemaMismatch(nameof(inputSchema), "offset", options.OffsetColumnName);
                    if (offset.Type != NumberDataViewType.Double && offset.Type != NumberDataViewType.Single)
                        throw Host.ExceptSchemaMismatch(nameof(inputSchema), "offset", options.OffsetColumnName,
                            "Double or Single", offset.Type.ToString());
                    _offsetColumn = offset.Index;
                }
            }

            protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
                => new[]
                {
                    new DataViewSchema.DetachedColumn(_parent._options.OutputColumnName,
                        new VectorDataViewType(NumberDataViewType.Single, _parent.ClipLength)),
                };

            protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action disposer)
            {
                disposer = null;
                var options = _parent._options;
                int length = _parent.ClipLength;
                var getPath = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[_pathColumn]);
                var getOffset = MakeOffsetGetter(input);
                ReadOnlyMemory<char> path = default;
                ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
                {
                    getPath(ref path);
                    var file = path.ToString();
                    double offset = getOffset == null ? options.Offset : getOffset();
                    if (!(offset >= 0) || double.IsInfinity(offset))
                        throw new ArgumentOutOfRangeException(options.OffsetColumnName, offset,
                            $"Offset={offset} in column '{options.OffsetColumnName}' for audio file '{file}' must be a finite number of seconds, 0 or more.");
                    var editor = VBufferEditor.Create(ref dst, length);
                    AudioDecoder.ReadClip(file, options.SampleRate, offset, options.Alignment, editor.Values);
                    dst = editor.Commit();
                };
                return getter;
            }

            private Func<double> MakeOffsetGetter(DataViewRow input)
            {
                if (_offsetColumn < 0)
                    return null;
                var column = input.Schema[_offsetColumn];
                if (column.Type == NumberDataViewType.Double)
                {
                    var get = input.GetGetter<double>(column);
                    double value = 0;
                    return () => { get(ref value); return value; };
                }
                var getSingle = input.GetGetter<float>(column);
                float single = 0;
                return () => { getSingle(ref single); return single; };
            }

            public override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput)
                => col => activeOutput(0) && (col == _pathColumn || col == _offsetColumn);

            public override void SaveModel(ModelSaveContext ctx) => _parent.SaveModel(ctx);
        }
    }
}
