using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>The row mapper of <see cref="MelSpectrogramTransformer"/> (mel spectrogram or MFCCs): waveform in,
    /// [rows, frames] out, one row at a time, its frames split over the cores by LogStft's rule.</summary>
    internal sealed class MelRowMapper : RowToRowTransformerBase.MapperBase
    {

        private readonly RowToRowTransformerBase _parent;
        private readonly MelSpectrogramEstimator.Options _options;
        private readonly MelSpectrogramEngine _engine;
        private readonly int _inputIndex;
        private readonly int _samples;
        private readonly int _frames;

        public MelRowMapper(IHost host, RowToRowTransformerBase parent, MelSpectrogramEstimator.Options options,
            MelSpectrogramEngine engine, DataViewSchema inputSchema)
            : base(host, inputSchema, parent)
        {
            _parent = parent;
            _options = options;
            _engine = engine;
            string name = options.InputColumnName;
            if (!inputSchema.TryGetColumnIndex(name, out _inputIndex))
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", name);
            var type = inputSchema[_inputIndex].Type;
            if (!(type is VectorDataViewType vector) || vector.ItemType != NumberDataViewType.Single || !vector.IsKnownSize)
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", name, "known-size vector of Single", type.ToString());
            _samples = vector.Size;
            int minimum = engine.MinimumLength;
            if (_samples < minimum)
            {
                string rule = !options.Center
                    ? $"with Center=false it needs at least FftSize={options.FftSize}"
                    : $"with PadMode=Reflect it needs at least FftSize/2 + 1 = {minimum}";
                throw Host.ExceptParam(nameof(inputSchema), $"Input column '{name}' holds {_samples} samples; {rule} samples.");
            }
            _frames = engine.FrameCount(_samples);
            if ((long)engine.Rows * _frames > int.MaxValue)
                throw Host.ExceptParam(nameof(inputSchema),
                    $"Input column '{name}' holds {_samples} samples: {engine.Rows} x {_frames} values exceed an ML.NET vector; use a larger HopLength.");
        }

        public int Frames => _frames;

        protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
        {
            var type = new VectorDataViewType(NumberDataViewType.Single, _engine.Rows, _frames);
            return new[] { new DataViewSchema.DetachedColumn(_options.OutputColumnName, type) };
        }

        protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action disposer)
        {
            Host.Assert(iinfo == 0);
            disposer = null;
            var source = input.GetGetter<VBuffer<float>>(input.Schema[_inputIndex]);
            int size = _engine.Rows * _frames;
            VBuffer<float> samples = default;
            float[] dense = null;
            float[] spectrum = null;
            float[] mel = null;
            bool parallel = LogStftTransformer.SplitFrames;
            string name = _options.InputColumnName;
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
            {
                source(ref samples);
                var values = WaveformRow.Samples(Host, samples, _samples, name, ref dense);
                var editor = VBufferEditor.Create(ref dst, size);
                _engine.Compute(values, editor.Values, ref spectrum, ref mel, parallel);
                dst = editor.Commit();
            };
            return getter;
        }

        protected override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput)
            => col => activeOutput(0) && col == _inputIndex;

        protected override void SaveModel(ModelSaveContext ctx) => ((ICanSaveModel)_parent).Save(ctx);
    }
}
