using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Internal.Utilities;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet;

[assembly: LoadableClass(typeof(LogStftTransformer), null, typeof(SignatureLoadModel),
    "Log STFT Transform", LogStftTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(LogStftTransformer), null, typeof(SignatureLoadRowMapper),
    "Log STFT Transform", LogStftTransformer.LoaderSignature)]

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="ITransformer"/> resulting from fitting a <see cref="LogStftEstimator"/>: turns a known-size vector of
    /// <see cref="float"/> samples into its log-magnitude spectrogram, a vector with dimensions [1 + FftSize/2, frames]
    /// (frequency-major, as librosa's <c>stft</c> returns <c>(1 + n_fft/2, n_frames)</c>).
    /// </summary>
    public sealed class LogStftTransformer : RowToRowTransformerBase, ITransformer
    {
        internal const string LoaderSignature = "LogStftTransform";

        private readonly LogStftEstimator.Options _options;
        private readonly StftEngine _engine;
        private readonly SpectrumScaling _scaling;

        internal LogStftTransformer(IHostEnvironment env, LogStftEstimator.Options options)
            : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(LogStftTransformer)))
        {
            _options = LogStftEstimator.Validate(Host, options);
            _engine = new StftEngine(_options.FftSize, _options.HopLength, _options.WindowLength.Value, _options.Window,
                _options.Center, _options.PadMode, _options.DoublePrecision);
            _scaling = new SpectrumScaling(_options.Scale, _options.Reference, _options.Amin, _options.TopDb);
        }

        /// <summary>Name of the input column (the waveform).</summary>
        public string InputColumnName => _options.InputColumnName;

        /// <summary>Name of the output column (the spectrogram).</summary>
        public string OutputColumnName => _options.OutputColumnName;

        /// <summary>librosa <c>n_fft</c>.</summary>
        public int FftSize => _options.FftSize;

        /// <summary>librosa <c>hop_length</c>.</summary>
        public int HopLength => _options.HopLength;

        /// <summary>Number of frequency bins, 1 + FftSize/2: the first dimension of the output.</summary>
        public int BinCount => _engine.BinCount;

        /// <summary>Number of frames, the second dimension of the output, for a waveform of <paramref name="samples"/>
        /// samples.</summary>
        /// <param name="samples">Length of the input vector.</param>
        public int GetFrameCount(int samples) => _engine.FrameCount(samples);

        /// <summary>Whether one row's frames are split across cores (see <see cref="StftEngine.Compute"/>), or
        /// <see langword="null"/> for the default rule (<see cref="SplitFrames"/>); settable by the front-end benchmark to compare.</summary>
        internal static bool? ParallelFrames { get; set; }

        // Decoding costs about five times the STFT of a clip, so from about 6 cores on the thread that computes the
        // spectrograms behind the read-ahead is the bottleneck.
        private const int ManyCores = 6;

        /// <summary>Whether the STFT front ends (LogStft, MelSpectrogram) split one row's frames over the cores. The split
        /// pays only with many cores: in a pipeline the others are busy decoding (LoadAudio reads ahead), and on a busy
        /// 2-core machine a split clip took about twice the CPU time of one computed on one core (frontend benchmark; end
        /// to end the two were within noise).</summary>
        internal static bool SplitFrames => ParallelFrames ?? Environment.ProcessorCount >= ManyCores;

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "LOGSTFTT",
            verWrittenCur: 0x00010001, // Initial
            verReadableCur: 0x00010001,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(LogStftTransformer).Assembly.FullName);

        /// <summary>Writes the options into the model; called by <c>mlContext.Model.Save</c>.</summary>
        /// <param name="ctx">The save context.</param>
        protected override void SaveModel(ModelSaveContext ctx)
        {
            Host.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel();
            ctx.SetVersionInfo(GetVersionInfo());
            ctx.SaveNonEmptyString(_options.OutputColumnName);
            ctx.SaveNonEmptyString(_options.InputColumnName);
            ctx.Writer.Write(_options.FftSize);
            ctx.Writer.Write(_options.HopLength);
            ctx.Writer.Write(_options.WindowLength.Value);
            ctx.Writer.Write((int)_options.Window);
            ctx.Writer.WriteBoolByte(_options.Center);
            ctx.Writer.Write((int)_options.PadMode);
            ctx.Writer.Write((int)_options.Scale);
            ctx.Writer.Write((int)_options.Reference);
            ctx.Writer.Write(_options.Amin);
            ctx.Writer.WriteBoolByte(_options.TopDb.HasValue);
            ctx.Writer.Write(_options.TopDb ?? 0f);
            ctx.Writer.WriteBoolByte(_options.DoublePrecision);
        }

        private static LogStftTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ctx.CheckAtModel(GetVersionInfo());
            var options = new LogStftEstimator.Options
            {
                OutputColumnName = ctx.LoadNonEmptyString(),
                InputColumnName = ctx.LoadNonEmptyString(),
                FftSize = ctx.Reader.ReadInt32(),
                HopLength = ctx.Reader.ReadInt32(),
                WindowLength = ctx.Reader.ReadInt32(),
                Window = (WindowType)ctx.Reader.ReadInt32(),
                Center = ctx.Reader.ReadBoolByte(),
                ReflectPad = (PaddingMode)ctx.Reader.ReadInt32() == PaddingMode.Reflect,
                Scale = (SpectrogramScale)ctx.Reader.ReadInt32(),
                RelativeToMax = (DecibelReference)ctx.Reader.ReadInt32() == DecibelReference.Max,
                Amin = ctx.Reader.ReadSingle(),
            };
            bool hasTopDb = ctx.Reader.ReadBoolByte();
            float topDb = ctx.Reader.ReadSingle();
            options.TopDb = hasTopDb ? topDb : null;
            options.DoublePrecision = ctx.Reader.ReadBoolByte();
            return new LogStftTransformer(env, options);
        }

        private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
            => Create(env, ctx).MakeRowMapper(inputSchema);

        /// <summary>The row mapper that computes the output column for rows of <paramref name="schema"/>; checks the
        /// input column as <see cref="LogStftEstimator.GetOutputSchema"/> does, and its length.</summary>
        /// <param name="schema">Schema of the data to transform.</param>
        protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

        /// <summary>
        /// Adds the spectrogram column to <paramref name="input"/>. A cursor that reads it computes one row at a time,
        /// in order, on the consumer's thread (each row's frames spread over the cores), instead of ML.NET's split over
        /// worker threads, whose batches of 5-MB spectrograms would hold gigabytes.
        /// </summary>
        /// <param name="input">Data with the signal column.</param>
        /// <returns>The input columns plus the spectrogram column.</returns>
        public new IDataView Transform(IDataView input)
        {
            Host.CheckValue(input, nameof(input));
            return new OrderedMapperDataView(input, MakeDataTransform(input), MakeRowMapper(input.Schema));
        }

        IDataView ITransformer.Transform(IDataView input) => Transform(input);

        private sealed class Mapper : MapperBase
        {
            private readonly LogStftTransformer _parent;
            private readonly int _inputIndex;
            private readonly int _samples;
            private readonly int _frames;

            public Mapper(LogStftTransformer parent, DataViewSchema inputSchema)
                : base(parent.Host.Register(nameof(Mapper)), inputSchema, parent)
            {
                _parent = parent;
                var options = parent._options;
                string name = options.InputColumnName;
                if (!inputSchema.TryGetColumnIndex(name, out _inputIndex))
                    throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", name);
                var type = inputSchema[_inputIndex].Type;
                if (!(type is VectorDataViewType vector) || vector.ItemType != NumberDataViewType.Single || !vector.IsKnownSize)
                    throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", name, "known-size vector of Single", type.ToString());
                _samples = vector.Size;
                int minimum = parent._engine.MinimumLength;
                if (_samples < minimum)
                {
                    string rule = !options.Center
                        ? $"with Center=false it needs at least FftSize={options.FftSize}"
                        : $"with PadMode=Reflect it needs at least FftSize/2 + 1 = {minimum}";
                    throw Host.ExceptParam(nameof(inputSchema),
                        $"Input column '{name}' holds {_samples} samples; {rule} samples.");
                }
                _frames = parent._engine.FrameCount(_samples);
            }

            protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
            {
                var type = new VectorDataViewType(NumberDataViewType.Single, _parent._engine.BinCount, _frames);
                return new[] { new DataViewSchema.DetachedColumn(_parent._options.OutputColumnName, type) };
            }

            protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action disposer)
            {
                Host.Assert(iinfo == 0);
                disposer = null;
                var source = input.GetGetter<VBuffer<float>>(input.Schema[_inputIndex]);
                var engine = _parent._engine;
                var scaling = _parent._scaling;
                int size = engine.BinCount * _frames;
                VBuffer<float> samples = default;
                float[] dense = null;
                bool parallel = SplitFrames;
                ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
                {
                    source(ref samples);
                    var values = WaveformRow.Samples(Host, samples, _samples, _parent._options.InputColumnName, ref dense);
                    var editor = VBufferEditor.Create(ref dst, size);
                    engine.Compute(values, editor.Values, scaling, parallel);
                    dst = editor.Commit();
                };
                return getter;
            }

            protected override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput)
                => col => activeOutput(0) && col == _inputIndex;

            protected override void SaveModel(ModelSaveContext ctx) => _parent.SaveModel(ctx);
        }
    }
}
