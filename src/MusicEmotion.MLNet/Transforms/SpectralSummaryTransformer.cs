using System;
using System.IO;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Internal.Utilities;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet;

[assembly: LoadableClass(typeof(SpectralSummaryTransformer), null, typeof(SignatureLoadModel),
    SpectralSummaryTransformer.UserName, SpectralSummaryTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(SpectralSummaryTransformer), null, typeof(SignatureLoadRowMapper),
    SpectralSummaryTransformer.UserName, SpectralSummaryTransformer.LoaderSignature)]

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The transformer of <see cref="SpectralSummaryEstimator"/>: maps each spectrogram (and waveform) to its summary
    /// feature vector. It is saved in the model zip with its options and loads without registration.
    /// </summary>
    public sealed class SpectralSummaryTransformer : RowToRowTransformerBase, ITransformer
    {
        internal const string LoaderSignature = "SpectralSummary";
        internal const string UserName = "Spectral Summary Transform";
        internal const string SlotNamesKind = "SlotNames";

        private readonly SpectralSummarySettings _settings;

        internal SpectralSummaryTransformer(IHostEnvironment env, SpectralSummaryEstimator.Options options, int bins)
            : base(env.Register(nameof(SpectralSummaryTransformer)))
        {
            OutputColumnName = options.OutputColumnName;
            SpectrogramColumnName = options.SpectrogramColumnName;
            AudioColumnName = options.AudioColumnName;
            BinCount = bins;
            _settings = new SpectralSummarySettings(options.Scale, options.SampleRate, options.RollPercent, options.FlatnessAmin,
                options.FlatnessPower, options.ZeroCrossingFrameLength, options.ZeroCrossingHopLength, options.Center,
                options.Features, options.HopLength);
            if (MirDescriptors.Count(options.Features, options.SampleRate) > 0)
                MirDescriptors.Validate(options.SampleRate, 2 * (bins - 1));
        }

        /// <summary>Name of the output feature column.</summary>
        public string OutputColumnName { get; }

        /// <summary>Name of the input spectrogram column.</summary>
        public string SpectrogramColumnName { get; }

        /// <summary>Name of the input waveform column, or <c>null</c> when the zero-crossing rate is left out.</summary>
        public string AudioColumnName { get; }

        /// <summary>Number of frequency bins (the first dimension of the spectrogram) the transformer was fitted to.</summary>
        public int BinCount { get; }

        /// <summary>Length of the output vector: the sizes of the <see cref="Features"/> groups (with
        /// <see cref="SpectralSummaryFeatures.Paper"/>, 2 × <see cref="BinCount"/> + 10, + 2 with an audio column).</summary>
        public int FeatureCount => SpectralDescriptors.FeatureCount(BinCount, AudioColumnName != null, _settings.Features, _settings.SampleRate);

        /// <summary>The feature groups written.</summary>
        public SpectralSummaryFeatures Features => _settings.Features;

        /// <summary>The scale of the spectrogram values.</summary>
        public SpectrogramScale Scale => _settings.Scale;

        /// <summary>librosa <c>sr</c> used to map bins to Hz.</summary>
        public int SampleRate => _settings.SampleRate;

        // Zips store the scale with the numbers of the enum this transform had before SpectrogramScale replaced it
        // (Decibels 0, Magnitude 1, NaturalLog1p 2), so the format did not change.
        private static int ToSavedCode(SpectrogramScale scale) => scale switch
        {
            SpectrogramScale.Decibels => 0,
            SpectrogramScale.Magnitude => 1,
            SpectrogramScale.NaturalLog1p => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown spectrogram scale."),
        };

        private static SpectrogramScale FromSavedCode(int code) => code switch
        {
            0 => SpectrogramScale.Decibels,
            1 => SpectrogramScale.Magnitude,
            2 => SpectrogramScale.NaturalLog1p,
            _ => throw new InvalidDataException($"The saved SpectralSummary transformer has an unknown spectrogram scale code {code}."),
        };

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "SPECSUMM",
            verWrittenCur: 0x00010002, // Added the feature groups and the hop length
            verReadableCur: 0x00010002,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(SpectralSummaryTransformer).Assembly.FullName);

        /// <summary>Writes the columns and options into the model (called by <c>mlContext.Model.Save</c>).</summary>
        /// <param name="ctx">The save context.</param>
        protected override void SaveModel(ModelSaveContext ctx)
        {
            ctx.CheckAtModel();
            ctx.SetVersionInfo(GetVersionInfo());
            ctx.SaveNonEmptyString(OutputColumnName);
            ctx.SaveNonEmptyString(SpectrogramColumnName);
            ctx.SaveStringOrNull(AudioColumnName);
            ctx.Writer.Write(BinCount);
            ctx.Writer.Write(ToSavedCode(_settings.Scale));
            ctx.Writer.Write(_settings.SampleRate);
            ctx.Writer.Write(_settings.RollPercent);
            ctx.Writer.Write(_settings.FlatnessAmin);
            ctx.Writer.Write(_settings.FlatnessPower);
            ctx.Writer.Write(_settings.ZeroCrossingFrameLength);
            ctx.Writer.Write(_settings.ZeroCrossingHopLength);
            ctx.Writer.WriteBoolByte(_settings.Center);
            ctx.Writer.Write((int)_settings.Features);
            ctx.Writer.Write(_settings.HopLength);
        }

        private static SpectralSummaryTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            ctx.CheckAtModel(GetVersionInfo());
            var options = new SpectralSummaryEstimator.Options
            {
                OutputColumnName = ctx.LoadNonEmptyString(),
                SpectrogramColumnName = ctx.LoadNonEmptyString(),
                AudioColumnName = ctx.LoadStringOrNull(),
            };
            int bins = ctx.Reader.ReadInt32();
            options.Scale = FromSavedCode(ctx.Reader.ReadInt32());
            options.SampleRate = ctx.Reader.ReadInt32();
            options.RollPercent = ctx.Reader.ReadDouble();
            options.FlatnessAmin = ctx.Reader.ReadDouble();
            options.FlatnessPower = ctx.Reader.ReadDouble();
            options.ZeroCrossingFrameLength = ctx.Reader.ReadInt32();
            options.ZeroCrossingHopLength = ctx.Reader.ReadInt32();
            options.Center = ctx.Reader.ReadBoolByte();
            if (ctx.Header.ModelVerWritten >= 0x00010002)
            {
                options.Features = (SpectralSummaryFeatures)ctx.Reader.ReadInt32();
                options.HopLength = ctx.Reader.ReadInt32();
            }
            else
            {
                // Written before the feature groups: the paper's summary.
                options.Features = SpectralSummaryFeatures.Paper;
                options.HopLength = SpectralSummaryEstimator.Defaults.HopLength;
            }
            if (bins < 2)
                throw new FormatException($"Saved SpectralSummary model has BinCount={bins}; it must be at least 2.");
            // The estimator validates exactly as when the model was made.
            var estimator = new SpectralSummaryEstimator(env, options);
            return estimator.CreateTransformer(bins);
        }

        private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
            => Create(env, ctx).MakeRowMapper(inputSchema);

        /// <summary>Makes the row mapper, checking the input columns of <paramref name="schema"/>.</summary>
        /// <param name="schema">The input schema.</param>
        protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

        /// <summary>
        /// Adds the summary column to <paramref name="input"/>. A cursor that reads it computes one row at a time, in
        /// order, on the consumer's thread, instead of ML.NET's split of a single source cursor over worker threads,
        /// whose 128-row batches of clips and spectrograms (about 8 MB a row) would hold gigabytes.
        /// </summary>
        /// <param name="input">Data with the spectrogram and signal columns.</param>
        /// <returns>The input columns plus the summary column.</returns>
        public new IDataView Transform(IDataView input)
        {
            Host.CheckValue(input, nameof(input));
            return new OrderedMapperDataView(input, MakeDataTransform(input), MakeRowMapper(input.Schema));
        }

        IDataView ITransformer.Transform(IDataView input) => Transform(input);

        /// <summary>
        /// Checks the spectrogram (and audio) columns of <paramref name="schema"/> and returns the number of bins;
        /// <paramref name="expectedBins"/> &gt; 0 requires that many.
        /// </summary>
        internal static int CheckInputSchema(DataViewSchema schema, SpectralSummaryEstimator.Options options, int expectedBins, string parameter)
        {
            var name = options.SpectrogramColumnName;
            var column = schema.GetColumnOrNull(name)
                ?? throw new ArgumentOutOfRangeException(parameter, $"Could not find input column '{name}'");
            var expected = expectedBins > 0
                ? $"Vector<Single> with dimensions [{expectedBins}, frames]"
                : "Vector<Single> with dimensions [bins, frames]";
            if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single
                || vector.Dimensions.Length != 2 || vector.Dimensions[0] < 2
                || (expectedBins > 0 && vector.Dimensions[0] != expectedBins))
            {
                throw new ArgumentOutOfRangeException(parameter,
                    $"Schema mismatch for input column '{name}': expected {expected}, got {Describe(column.Type)}");
            }
            if (options.AudioColumnName != null)
            {
                var audio = schema.GetColumnOrNull(options.AudioColumnName)
                    ?? throw new ArgumentOutOfRangeException(parameter, $"Could not find input column '{options.AudioColumnName}'");
                if (audio.Type is not VectorDataViewType audioVector || audioVector.ItemType != NumberDataViewType.Single)
                {
                    throw new ArgumentOutOfRangeException(parameter,
                        $"Schema mismatch for input column '{options.AudioColumnName}': expected Vector<Single>, got {Describe(audio.Type)}");
                }
            }
            return vector.Dimensions[0];
        }

        private static string Describe(DataViewType type)
        {
            if (type is VectorDataViewType v && v.Dimensions.Length > 1)
                return $"Vector<{v.ItemType}, {string.Join(", ", v.Dimensions)}>";
            return type.ToString();
        }

        private SpectralSummaryEstimator.Options ToOptions() => new SpectralSummaryEstimator.Options
        {
            OutputColumnName = OutputColumnName,
            SpectrogramColumnName = SpectrogramColumnName,
            AudioColumnName = AudioColumnName,
        };

        private void GetSlotNames(ref VBuffer<ReadOnlyMemory<char>> dst)
        {
            int size = FeatureCount;
            var editor = VBufferEditor.Create(ref dst, size);
            int k = 0;
            if (Features.HasFlag(SpectralSummaryFeatures.BinStatistics))
            {
                for (int b = 0; b < BinCount; b++)
                {
                    editor.Values[b] = ("Bin" + b.ToString(CultureInfo.InvariantCulture) + "Mean").AsMemory();
                    editor.Values[BinCount + b] = ("Bin" + b.ToString(CultureInfo.InvariantCulture) + "Std").AsMemory();
                }
                k = 2 * BinCount;
            }
            if (Features.HasFlag(SpectralSummaryFeatures.Descriptors))
            {
                int descriptors = AudioColumnName != null ? 6 : 5;
                for (int d = 0; d < descriptors; d++)
                {
                    editor.Values[k++] = (SpectralDescriptors.Names[d] + "Mean").AsMemory();
                    editor.Values[k++] = (SpectralDescriptors.Names[d] + "Std").AsMemory();
                }
            }
            foreach (var name in MirDescriptors.Names(Features, SampleRate))
                editor.Values[k++] = name.AsMemory();
            dst = editor.Commit();
        }

        private sealed class Mapper : MapperBase
        {
            private readonly SpectralSummaryTransformer _parent;
            private readonly int _spectrogram;
            private readonly int _audio;

            public Mapper(SpectralSummaryTransformer parent, DataViewSchema inputSchema)
                : base(parent.Host.Register(nameof(Mapper)), inputSchema, parent)
            {
                _parent = parent;
                CheckInputSchema(inputSchema, parent.ToOptions(), parent.BinCount, nameof(inputSchema));
                _spectrogram = inputSchema[parent.SpectrogramColumnName].Index;
                _audio = parent.AudioColumnName == null ? -1 : inputSchema[parent.AudioColumnName].Index;
            }

            protected override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
            {
                var annotations = new DataViewSchema.Annotations.Builder();
                annotations.AddSlotNames(_parent.FeatureCount, _parent.GetSlotNames);
                return new[]
                {
                    new DataViewSchema.DetachedColumn(_parent.OutputColumnName,
                        new VectorDataViewType(NumberDataViewType.Single, _parent.FeatureCount), annotations.ToAnnotations()),
                };
            }

            protected override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action disposer)
            {
                disposer = null;
                var spectrogramGetter = input.GetGetter<VBuffer<float>>(input.Schema[_spectrogram]);
                var audioGetter = _audio >= 0 ? input.GetGetter<VBuffer<float>>(input.Schema[_audio]) : null;
                VBuffer<float> spectrogram = default;
                VBuffer<float> audio = default;
                float[] spectrogramDense = Array.Empty<float>();
                float[] audioDense = Array.Empty<float>();
                double[] magnitudes = null;
                double[] power = null;
                int bins = _parent.BinCount;
                int size = _parent.FeatureCount;
                var settings = _parent._settings;
                var name = _parent.SpectrogramColumnName;
                ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
                {
                    spectrogramGetter(ref spectrogram);
                    if (spectrogram.Length == 0 || spectrogram.Length % bins != 0)
                    {
                        throw new InvalidOperationException(
                            $"Column '{name}' holds {spectrogram.Length} values; a spectrogram of {bins} bins needs a positive multiple of {bins}.");
                    }
                    ReadOnlySpan<float> s = spectrogram.IsDense ? spectrogram.GetValues() : Densify(spectrogram, ref spectrogramDense).AsSpan(0, spectrogram.Length);
                    ReadOnlySpan<float> y = default;
                    if (audioGetter != null)
                    {
                        audioGetter(ref audio);
                        y = audio.IsDense ? audio.GetValues() : Densify(audio, ref audioDense).AsSpan(0, audio.Length);
                    }
                    var editor = VBufferEditor.Create(ref dst, size);
                    SpectralDescriptors.Compute(s, bins, y, audioGetter != null, settings, editor.Values, ref magnitudes, ref power);
                    dst = editor.Commit();
                };
                return getter;
            }

            private static float[] Densify(in VBuffer<float> value, ref float[] buffer)
            {
                if (buffer.Length < value.Length)
                    buffer = new float[value.Length];
                value.CopyTo(buffer.AsSpan(0, value.Length));
                return buffer;
            }

            protected override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput)
                => column => activeOutput(0) && (column == _spectrogram || column == _audio);

            protected override void SaveModel(ModelSaveContext ctx) => _parent.SaveModel(ctx);
        }
    }
}
