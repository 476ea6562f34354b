using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Internal.Utilities;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet;

[assembly: LoadableClass(typeof(AudioLoadingTransformer), null, typeof(SignatureLoadModel),
    "Audio Loading Transform", AudioLoadingTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(AudioLoadingTransformer), null, typeof(SignatureLoadRowMapper),
    "Audio Loading Transform", AudioLoadingTransformer.LoaderSignature)]

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="ITransformer"/> produced by <see cref="AudioLoadingEstimator"/>: replaces nothing, adds a
    /// known-sized <c>Vector&lt;Single, SampleRate × Duration&gt;</c> column holding each row's decoded mono clip.
    /// </summary>
    /// <remarks>
    /// Decoding happens lazily, when a cursor reads the output column of a row. A cursor of the view that
    /// <see cref="Transform"/> returns reads the file paths a few rows ahead and decodes those files on thread-pool
    /// workers, so that decoding overlaps across cores while the rows still come out in order, with the same values
    /// and the same errors (at the same row) as decoding row by row; the row mapper used by prediction engines decodes
    /// on the caller's thread. With <see cref="SkipUnreadableFiles"/> a cursor decodes each row as it moves to it and
    /// moves past the rows whose file cannot be read, recording them in <see cref="RejectedFiles"/>; the row mapper
    /// (one row at a time, as a prediction engine asks) cannot leave a row out and throws. The transformer is saved in the model zip (column names, sample rate, duration, offset,
    /// alignment, offset column, skipping, decoder backend) and loaded back by <c>mlContext.Model.Load</c> without any registration call.
    /// </remarks>
    public sealed class AudioLoadingTransformer : RowToRowTransformerBase, ITransformer
    {
        internal const string LoaderSignature = "AudioLoadingTransform";

        private readonly AudioLoadingEstimator.Options _options;
        private readonly AudioFileErrorList _rejected;

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
                CenterClip = options.CenterClip,
                OffsetColumnName = options.OffsetColumnName,
                SkipUnreadableFiles = options.SkipUnreadableFiles,
                DecoderBackend = options.DecoderBackend,
            };
            _rejected = new AudioFileErrorList(Host);
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
        public bool CenterClip => _options.CenterClip;

        internal ClipAlignment Alignment => _options.Alignment;

        /// <summary>Optional column of per-row offsets in seconds, or <see langword="null"/>.</summary>
        public string OffsetColumnName => _options.OffsetColumnName;

        /// <summary>Whether rows whose file cannot be read are left out of the views of <see cref="Transform"/> (see
        /// <see cref="AudioLoadingEstimator.Options.SkipUnreadableFiles"/>).</summary>
        public bool SkipUnreadableFiles => _options.SkipUnreadableFiles;

        /// <summary>Which decoder and resampler read the files (see <see cref="AudioLoadingEstimator.Options.DecoderBackend"/>).</summary>
        public AudioDecoderBackend DecoderBackend => _options.DecoderBackend;

        /// <summary>
        /// The files left out so far by the cursors of every view this transformer made, with
        /// <see cref="SkipUnreadableFiles"/>: one entry per path, in the order first met, each with the decoder's
        /// sentence naming the file and the cause. It fills as cursors read; read it after a pass over the data (a
        /// <c>Fit</c>, an evaluation). Safe to read from any thread; empty without skipping.
        /// </summary>
        public IReadOnlyList<AudioFileError> RejectedFiles => _rejected;

        internal AudioFileErrorList Rejects => _rejected;

        /// <summary>Number of samples in each output vector, <c>round(SampleRate × Duration)</c>.</summary>
        public int ClipLength { get; }

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "AUDLOADT",
            //verWrittenCur: 0x00010001, // initial
            //verWrittenCur: 0x00010002, // Added SkipUnreadableFiles
            verWrittenCur: 0x00010003, // Added DecoderBackend
            verReadableCur: 0x00010003,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(AudioLoadingTransformer).Assembly.FullName);

        /// <summary>Saves the options (see <see cref="GetVersionInfo"/>).</summary>
        protected override void SaveModel(ModelSaveContext ctx)
        {
            Host.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel();
            ctx.SetVersionInfo(GetVersionInfo());
            // int: sample rate, double: duration, double: offset, int: alignment,
            // string: output column, string: input column, string or null: offset column,
            // bool: skip unreadable files (0x00010002), int: decoder backend (0x00010003)
            ctx.Writer.Write(_options.SampleRate);
            ctx.Writer.Write(_options.Duration);
            ctx.Writer.Write(_options.Offset);
            ctx.Writer.Write((int)_options.Alignment);
            ctx.SaveNonEmptyString(_options.OutputColumnName);
            ctx.SaveNonEmptyString(_options.InputColumnName);
            ctx.SaveStringOrNull(_options.OffsetColumnName);
            ctx.Writer.WriteBoolByte(_options.SkipUnreadableFiles);
            ctx.Writer.Write((int)_options.DecoderBackend);
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
                CenterClip = (ClipAlignment)ctx.Reader.ReadInt32() == ClipAlignment.Center,
                OutputColumnName = ctx.LoadNonEmptyString(),
                InputColumnName = ctx.LoadNonEmptyString(),
                OffsetColumnName = ctx.LoadStringOrNull(),
            };
            // Zips written before 0x00010002 fail fast on unreadable files, as they did.
            if (ctx.Header.ModelVerWritten >= 0x00010002)
                options.SkipUnreadableFiles = ctx.Reader.ReadBoolByte();
            // Zips written before 0x00010003 decode with Auto, which is what they did where the native libraries load.
            if (ctx.Header.ModelVerWritten >= 0x00010003)
                options.DecoderBackend = (AudioDecoderBackend)ctx.Reader.ReadInt32();
            env.CheckDecode(Enum.IsDefined(typeof(AudioDecoderBackend), options.DecoderBackend));
            env.CheckDecode(options.SampleRate > 0 && options.Duration > 0 && options.Offset >= 0);
            return new AudioLoadingTransformer(env, options);
        }

        private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
            => Create(env, ctx).MakeRowMapper(inputSchema);

        /// <summary>The row mapper for the read-ahead view, which maps rows itself.</summary>
        internal IRowMapper CreateRowMapper(DataViewSchema schema) => MakeRowMapper(schema);

        /// <summary>Makes the row mapper that decodes the files.</summary>
        protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

        /// <summary>
        /// Adds the decoded clip column to <paramref name="input"/>. Cursors that read the clip column decode the files
        /// of the next rows ahead of time on thread-pool workers (see the remarks on <see cref="AudioLoadingTransformer"/>).
        /// </summary>
        /// <param name="input">Data with the text column of file paths (and the offset column, when one is set).</param>
        /// <returns>The input columns plus the clip column.</returns>
        public new IDataView Transform(IDataView input)
        {
            Host.CheckValue(input, nameof(input));
            return new AudioReadAheadDataView(Host, this, input, MakeDataTransform(input));
        }

        IDataView ITransformer.Transform(IDataView input) => Transform(input);

        /// <summary>ML.NET's plain row-to-row view, decoding each row on the consumer's thread (the reference the
        /// read-ahead is tested against).</summary>
        internal IDataView TransformRowByRow(IDataView input)
        {
            Host.CheckValue(input, nameof(input));
            return MakeDataTransform(input);
        }

        /// <summary>Index of the path column and of the offset column (-1 when none) in <paramref name="inputSchema"/>,
        /// checked as <see cref="AudioLoadingEstimator.GetOutputSchema"/> checks them.</summary>
        internal (int Path, int Offset) FindInputColumns(DataViewSchema inputSchema)
        {
            var path = inputSchema.GetColumnOrNull(_options.InputColumnName)
                ?? throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", _options.InputColumnName);
            if (!(path.Type is TextDataViewType))
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", _options.InputColumnName,
                    "Text", path.Type.ToString());
            if (_options.OffsetColumnName == null)
                return (path.Index, -1);
            var offset = inputSchema.GetColumnOrNull(_options.OffsetColumnName)
                ?? throw Host.ExceptSchemaMismatch(nameof(inputSchema), "offset", _options.OffsetColumnName);
            if (offset.Type != NumberDataViewType.Double && offset.Type != NumberDataViewType.Single)
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "offset", _options.OffsetColumnName,
                    "Double or Single", offset.Type.ToString());
            return (path.Index, offset.Index);
        }

        /// <summary>A function that reads the file path and the clip offset of the current row of <paramref name="row"/>.</summary>
        internal Func<ClipSource> MakeSourceGetter(DataViewRow row, int pathColumn, int offsetColumn)
        {
            var getPath = row.GetGetter<ReadOnlyMemory<char>>(row.Schema[pathColumn]);
            double fixedOffset = _options.Offset;
            ReadOnlyMemory<char> path = default;
            if (offsetColumn < 0)
                return () => { getPath(ref path); return new ClipSource(path.ToString(), fixedOffset); };
            var column = row.Schema[offsetColumn];
            if (column.Type == NumberDataViewType.Double)
            {
                var getDouble = row.GetGetter<double>(column);
                double value = 0;
                return () => { getPath(ref path); getDouble(ref value); return new ClipSource(path.ToString(), value); };
            }
            var getSingle = row.GetGetter<float>(column);
            float single = 0;
            return () => { getPath(ref path); getSingle(ref single); return new ClipSource(path.ToString(), single); };
        }

        /// <summary>Decodes the clip of <paramref name="source"/> into <paramref name="destination"/>
        /// (<see cref="ClipLength"/> values); the one decoding routine of both the row mapper and the read-ahead.</summary>
        internal void Decode(ClipSource source, Span<float> destination)
        {
            double offset = source.Offset;
            if (!(offset >= 0) || double.IsInfinity(offset))
                throw new ArgumentOutOfRangeException(_options.OffsetColumnName, offset,
                    $"Offset={offset} in column '{_options.OffsetColumnName}' for audio file '{source.Path}' must be a finite number of seconds, 0 or more.");
            AudioDecoder.ReadClip(source.Path, _options.SampleRate, offset, _options.Alignment, destination, _options.DecoderBackend);
        }

        private sealed class Mapper : MapperBase
        {
            private readonly AudioLoadingTransformer _parent;
            private readonly int _pathColumn;
            private readonly int _offsetColumn;

            public Mapper(AudioLoadingTransformer parent, DataViewSchema inputSchema)
                : base(parent.Host.Register(nameof(Mapper)), inputSchema, parent)
            {
                _parent = parent;
                (_pathColumn, _offsetColumn) = parent.FindInputColumns(inputSchema);
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
                int length = _parent.ClipLength;
                var getSource = _parent.MakeSourceGetter(input, _pathColumn, _offsetColumn);
                ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
                {
                    var source = getSource();
                    var editor = VBufferEditor.Create(ref dst, length);
                    _parent.Decode(source, editor.Values);
                    dst = editor.Commit();
                };
                return getter;
            }

            protected override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput)
                => col => activeOutput(0) && (col == _pathColumn || col == _offsetColumn);

            protected override void SaveModel(ModelSaveContext ctx) => _parent.SaveModel(ctx);
        }
    }
}
