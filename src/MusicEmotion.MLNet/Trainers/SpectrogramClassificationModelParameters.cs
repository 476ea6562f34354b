using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using TorchSharp;
using static TorchSharp.torch;
using MusicEmotion.MLNet;

[assembly: LoadableClass(typeof(SpectrogramClassificationModelParameters), null, typeof(SignatureLoadModel),
    "Spectrogram classification network", SpectrogramClassificationModelParameters.LoaderSignature,
    // The version-1 signatures of the five per-network model types this one replaced: their zips still load.
    "InceptionGruResidualMc", "ResNet1dMc", "Vgg1dMc", "SarkarVggMc", "MultiKernelCnnMc")]

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The network trained by <see cref="SpectrogramClassificationTrainer"/> as ML.NET model parameters: maps a
    /// <c>Vector&lt;Single, bins, frames&gt;</c> to class probabilities (softmax of the logits), saves its architecture,
    /// shapes, training history and weights inside the ML.NET model zip and reloads them bit for bit.
    /// </summary>
    /// <remarks>
    /// Scoring runs on the CPU in evaluation mode under <c>torch.no_grad()</c>, one row at a time as ML.NET asks, on one
    /// libtorch thread per call (ML.NET's scorer runs one cursor per core), in BFloat16 where the CPU has it
    /// (<see cref="UseBFloat16"/>); each call builds its own input tensor, and the network itself is only read, so
    /// concurrent cursors are safe.
    /// </remarks>
    public sealed class SpectrogramClassificationModelParameters : ModelParametersBase<VBuffer<float>>, IValueMapper
    {
        // At most 24 characters (ML.NET's model header).
        internal const string LoaderSignature = "SpectrogramNetworkMc";
        private const string NetworkPart = "Network";
        private const uint VersionWithNormalization = 0x00010002;

        // Version 1 of this entry, and the version-1 entries of the per-network types it replaced (same format).
        private static readonly VersionInfo[] s_readableVersions =
        {
            GetVersionInfo(),
            LegacyVersionInfo("INCGRUMC", "InceptionGruResidualMc"),
            LegacyVersionInfo("RESNET1D", "ResNet1dMc"),
            LegacyVersionInfo("VGG16_1D", "Vgg1dMc"),
            LegacyVersionInfo("SARKVGG1", "SarkarVggMc"),
            LegacyVersionInfo("MKCNN_1D", "MultiKernelCnnMc"),
        };

        private readonly nn.Module<Tensor, Tensor> _network;
        private readonly VectorDataViewType _inputType;
        private readonly VectorDataViewType _outputType;
        private readonly TrainingProgress[] _history;

        internal SpectrogramClassificationModelParameters(IHostEnvironment env,
            NetworkDefinition architecture, NetworkShape shape, nn.Module<Tensor, Tensor> network,
            IReadOnlyList<TrainingProgress> history, InputNormalization normalization = null)
            : base(env, LoaderSignature)
        {
            if (normalization != null && normalization.Bins != shape.Channels)
                throw new ArgumentException($"The normalisation has {normalization.Bins} bins; the network reads {shape.Channels}.", nameof(normalization));
            Normalization = normalization;
            Definition = architecture;
            Shape = shape;
            _network = network;
            _network.eval();
            _history = history.ToArray();
            _inputType = new VectorDataViewType(NumberDataViewType.Single, shape.Channels, shape.Frames);
            _outputType = new VectorDataViewType(NumberDataViewType.Single, shape.Classes);
        }

        // Takes IHost, not IHostEnvironment, so ML.NET's ComponentCatalog picks Create as the loader.
        private SpectrogramClassificationModelParameters(IHost host, ModelLoadContext ctx)
            : base(host, LoaderSignature, ctx)
        {
            const string name = LoaderSignature;
            // *** Binary format ***
            // architecture (id string + hyper-parameters)
            // int: bins, int: frames, int: classes
            // int: epochs in history, then per epoch: int epoch, double loss, double accuracy, double validation accuracy, double seconds
            // from version 0x00010002: byte: 1 when an input normalisation follows, then int bins, float[bins] means,
            //   float[bins] deviations (InputNormalization.Write); version 1 zips have none (raw dB input)
            // binary stream "Network": framed TorchSharp state (see NetworkState)
            try
            {
                Definition = NetworkDefinitions.Read(ctx.Reader);
                Shape = new NetworkShape(ctx.Reader.ReadInt32(), ctx.Reader.ReadInt32(), ctx.Reader.ReadInt32());
                Definition.ValidateShape(Shape, nameof(ctx));
                int epochs = ctx.Reader.ReadInt32();
                if (epochs < 0 || epochs > 1_000_000)
                    throw new InvalidDataException($"Training history length {epochs} is invalid.");
                _history = new TrainingProgress[epochs];
                var elapsed = TimeSpan.Zero;
                for (int i = 0; i < epochs; i++)
                {
                    int epoch = ctx.Reader.ReadInt32();
                    double loss = ctx.Reader.ReadDouble(), accuracy = ctx.Reader.ReadDouble(), validation = ctx.Reader.ReadDouble();
                    double seconds = ctx.Reader.ReadDouble();
                    elapsed += TimeSpan.FromSeconds(seconds);
                    _history[i] = new TrainingProgress(epoch, epochs, loss, accuracy, validation, elapsed, TimeSpan.Zero, seconds);
                }
                if (ctx.Header.ModelVerWritten >= VersionWithNormalization)
                {
                    byte hasNormalization = ctx.Reader.ReadByte();
                    if (hasNormalization > 1)
                        throw new InvalidDataException($"The model part '{name}' has an invalid normalisation flag {hasNormalization}.");
                    if (hasNormalization == 1)
                        Normalization = InputNormalization.Read(ctx.Reader, Shape.Channels);
                }
            }
            catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException)
            {
                throw new InvalidDataException($"The model part '{name}' is damaged: {e.Message}", e);
            }

            byte[] state = null;
            if (!ctx.TryLoadBinaryStream(NetworkPart, reader => state = NetworkState.ReadFramed(reader, $"{name}/{NetworkPart}")))
                throw new InvalidDataException($"The model part '{name}/{NetworkPart}' is missing.");
            _network = Definition.CreateNetwork(Shape);
            try
            {
                NetworkState.Load(_network, state);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _network.Dispose();
                throw new InvalidDataException(
                    $"The model part '{name}/{NetworkPart}' does not fit the {Definition.Id} network for {Shape}: {e.Message}", e);
            }
            _network.eval();
            _inputType = new VectorDataViewType(NumberDataViewType.Single, Shape.Channels, Shape.Frames);
            _outputType = new VectorDataViewType(NumberDataViewType.Single, Shape.Classes);
        }

        /// <summary>Multiclass classification.</summary>
        protected override PredictionKind PredictionKind => PredictionKind.MulticlassClassification;

        /// <summary>The network architecture.</summary>
        public NetworkArchitecture Architecture => NetworkDefinitions.ArchitectureOf(Definition.Id);

        /// <summary>Frequency bins (Conv1d channels) the network reads.</summary>
        public int Bins => Shape.Channels;

        /// <summary>Frames (time steps) the network reads.</summary>
        public int Frames => Shape.Frames;

        /// <summary>Number of classes (the label key count).</summary>
        public int NumberOfClasses => Shape.Classes;

        /// <summary>Trainable parameters of the network.</summary>
        public long ParameterCount => _network.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        /// <summary>Analytic forward FLOPs for one sample (2 per multiply-accumulate of convolution, GRU and linear layers).</summary>
        public long ForwardFlopsPerSample => Definition.CountForwardFlops(Shape);

        /// <summary>
        /// Whether scoring runs the network's input-layer convolutions (the ones that read the spectrogram, most of the
        /// work) in BFloat16 (Float32 accumulation, everything else in Float32): <c>null</c> (the default) does so on CPUs that multiply BFloat16 natively (x86 AVX512_BF16), about
        /// twice as fast, and uses Float32 elsewhere (the environment variable <c>MUSICEMOTION_BFLOAT16=0</c> or <c>1</c>
        /// decides for the whole process); <c>true</c> or <c>false</c> forces either. Not saved with the model.
        /// On the paper's network the class probabilities move by at most a few thousandths (README, "Measured").
        /// </summary>
        public bool? UseBFloat16 { get; set; }

        /// <summary>What each training epoch achieved, in order (all epochs run, also those after the kept best epoch).</summary>
        public IReadOnlyList<TrainingProgress> TrainingHistory => _history;

        internal NetworkDefinition Definition { get; }

        /// <summary>The per-bin input standardisation learnt from the training set, or null (raw dB input: the paper's
        /// recipe and every version-1 zip).</summary>
        internal InputNormalization Normalization { get; }

        internal NetworkShape Shape { get; }

        DataViewType IValueMapper.InputType => _inputType;

        DataViewType IValueMapper.OutputType => _outputType;

        /// <summary>
        /// Writes the network as an ONNX model (opset 17) to <paramref name="stream"/>, which is left open: input
        /// <c>Spectrogram</c>, float [batch, <see cref="Bins"/>, <see cref="Frames"/>] (dynamic batch); output
        /// <c>Score</c>, float [batch, <see cref="NumberOfClasses"/>], the class probabilities this model scores, in label
        /// key order. ONNX Runtime scores it directly, ML.NET's <c>ApplyOnnxModel</c> after <c>LoadAudio</c> and
        /// <c>LogStft</c> (the column names match), and neither needs libtorch.
        /// </summary>
        /// <param name="stream">A writable stream.</param>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
        public void ExportOnnx(Stream stream) => ExportOnnx(stream, null);

        /// <summary>As <see cref="ExportOnnx(Stream)"/>, with extra ONNX metadata_props (labels, front-end settings).</summary>
        internal void ExportOnnx(Stream stream, IReadOnlyDictionary<string, string> metadata)
        {
            Host.CheckValue(stream, nameof(stream));
            if (!stream.CanWrite)
                throw new ArgumentException("The stream for the ONNX model must be writable.", nameof(stream));
            // A network trained on standardised input (TrainingRecipe.Recommended) gets its per-bin step in the graph.
            OnnxExporter.Export(Definition, Shape, _network, stream, Normalization?.Mean, Normalization?.Deviation, metadata);
        }

        /// <summary>
        /// Writes the network as an ONNX model file at <paramref name="path"/> (see <see cref="ExportOnnx(Stream)"/>);
        /// written under a temporary name and moved over <paramref name="path"/> when complete, so an interrupted export
        /// leaves no partial file; the folder is created.
        /// </summary>
        /// <param name="path">The .onnx file to write.</param>
        public void ExportOnnx(string path) => ExportOnnx(path, null);

        /// <summary>As <see cref="ExportOnnx(string)"/>, with extra ONNX metadata_props (labels, front-end settings).</summary>
        internal void ExportOnnx(string path, IReadOnlyDictionary<string, string> metadata)
        {
            Host.CheckNonWhiteSpace(path, nameof(path));
            OutputFile.Write(path, temporary =>
            {
                using var stream = File.Create(temporary);
                ExportOnnx(stream, metadata);
            });
        }

        /// <summary>Writes the architecture, shapes, history and weights (see the loading constructor for the format).</summary>
        protected override void SaveCore(ModelSaveContext ctx)
        {
            base.SaveCore(ctx);
            ctx.SetVersionInfo(GetVersionInfo());
            Definition.Write(ctx.Writer);
            ctx.Writer.Write(Shape.Channels);
            ctx.Writer.Write(Shape.Frames);
            ctx.Writer.Write(Shape.Classes);
            ctx.Writer.Write(_history.Length);
            foreach (var e in _history)
            {
                ctx.Writer.Write(e.Epoch);
                ctx.Writer.Write(e.Loss);
                ctx.Writer.Write(e.Accuracy);
                ctx.Writer.Write(e.ValidationAccuracy);
                ctx.Writer.Write(e.Seconds);
            }
            ctx.Writer.Write((byte)(Normalization == null ? 0 : 1));
            Normalization?.Write(ctx.Writer);
            var state = NetworkState.Save(_network);
            ctx.SaveBinaryStream(NetworkPart, writer => NetworkState.WriteFramed(writer, state));
        }

        private static VersionInfo GetVersionInfo() => new VersionInfo(
            modelSignature: "SPECCLSM",
            //verWrittenCur: 0x00010001, // initial: one type for every architecture
            verWrittenCur: VersionWithNormalization, // added the per-bin input normalisation
            verReadableCur: VersionWithNormalization,
            verWeCanReadBack: 0x00010001,
            loaderSignature: LoaderSignature,
            loaderAssemblyName: typeof(SpectrogramClassificationModelParameters).Assembly.FullName);

        private static VersionInfo LegacyVersionInfo(string modelSignature, string loaderSignature) => new VersionInfo(
            modelSignature, verWrittenCur: 0x00010001, verReadableCur: 0x00010001, verWeCanReadBack: 0x00010001,
            loaderSignature: loaderSignature, loaderAssemblyName: typeof(SpectrogramClassificationModelParameters).Assembly.FullName);

        private static SpectrogramClassificationModelParameters Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            Contracts.CheckValue(env, nameof(env));
            env.CheckValue(ctx, nameof(ctx));
            ulong signature = ctx.Header.ModelSignature;
            var version = s_readableVersions.FirstOrDefault(v => v.ModelSignature == signature);
            ctx.CheckAtModel(version.ModelSignature == 0 ? GetVersionInfo() : version);
            return new SpectrogramClassificationModelParameters(env.Register(LoaderSignature), ctx);
        }

        ValueMapper<TIn, TOut> IValueMapper.GetMapper<TIn, TOut>()
        {
            Host.Check(typeof(TIn) == typeof(VBuffer<float>) && typeof(TOut) == typeof(VBuffer<float>),
                "The mapper maps VBuffer<float> to VBuffer<float>.");
            int size = Shape.Channels * Shape.Frames;
            var dims = new long[] { 1, Shape.Channels, Shape.Frames };
            int classes = Shape.Classes;
            ValueMapper<VBuffer<float>, VBuffer<float>> mapper = (in VBuffer<float> src, ref VBuffer<float> dst) =>
            {
                if (src.Length != size)
                    throw Host.Except($"The feature vector has {src.Length} values; the network expects {size} ({Shape.Channels} bins x {Shape.Frames} frames).");
                var editor = VBufferEditor.Create(ref dst, classes);
                // One row per call: the parallelism is ML.NET's (its scorer deals rows to one worker per core), so each
                // call runs on one libtorch thread. With one per core, every call's OpenMP team waits at barriers for
                // cores the other workers hold (measured on 2 cores: up to 10x slower, and worst on a busy machine).
                using (LibTorchThreads.Use(1))
                using (torch.no_grad())
                using (MixedPrecision.Enter(MixedPrecision.Resolve(UseBFloat16)))
                using (var scope = torch.NewDisposeScope())
                {
                    var x = ToTensor(src, dims);
                    if (Normalization != null)
                        x = Normalization.Apply(x);
                    var probabilities = nn.functional.softmax(_network.call(x), 1);
                    probabilities.data<float>().CopyTo(editor.Values, 0, 0);
                }
                dst = editor.Commit();
            };
            return (ValueMapper<TIn, TOut>)(Delegate)mapper;
        }

        // The row's values copied once, straight into the tensor's storage (a 1025 x 1292 row is 5.3 MB).
        private static Tensor ToTensor(in VBuffer<float> row, long[] dims)
        {
            if (!row.IsDense)
                return torch.tensor(row.DenseValues().ToArray(), dims);
            var x = torch.empty(dims, ScalarType.Float32);
            var values = row.GetValues();
            x.bytes = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref System.Runtime.CompilerServices.Unsafe.As<float, byte>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values)),
                values.Length * sizeof(float));
            return x;
        }
    }
}
