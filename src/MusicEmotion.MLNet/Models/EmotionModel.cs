using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A trained emotion model as an app uses it: load the zip that <c>mlContext.Model.Save</c> (or <c>mer train</c>)
    /// wrote for a pipeline that starts with <c>LoadAudio</c> (paths in, emotions out), then predict the emotion of a
    /// file, a stream or a sample buffer, the timeline of a whole song, or many files at once on several threads.
    /// </summary>
    /// <remarks>
    /// <para>Audio longer than one clip is cut into clips of <see cref="ClipDuration"/> seconds (LoadAudio's rule: a
    /// file shorter than a clip is looped to fill it); each clip is scored and the song's probabilities are the mean of
    /// the clip probabilities (<see cref="EmotionPrediction.Segments"/> keeps each clip's answer).</para>
    /// <para>Thread safety: every method may be called from several threads at once. Unlike ML.NET's
    /// <c>PredictionEngine</c>, no call keeps state in the model: each builds its own cursor over the model's
    /// transformers, which ML.NET's cursors share between threads anyway. Each clip is scored on one libtorch thread
    /// (set for the call and restored, so other TorchSharp code in the app keeps its setting): row-by-row scoring with
    /// libtorch's default of one thread per core measured about 10 times slower on a busy 2-core machine, and
    /// parallelism comes from scoring several files at once (<see cref="PredictFiles(IEnumerable{string}, int, double?, bool, bool)"/>).</para>
    /// </remarks>
    public sealed class EmotionModel
    {
        private readonly DataViewSchema _inputSchema;

        private EmotionModel(MLContext mlContext, string path, ITransformer model, DataViewSchema inputSchema, AudioLoadingTransformer loader)
        {
            Context = mlContext;
            Path = path;
            Model = model;
            _inputSchema = inputSchema;
            AudioLoader = loader;
            DecoderBackend = loader.DecoderBackend;
            AfterLoader = new TransformerChain<ITransformer>(ModelInspector.Flatten(model).Where(t => !(t is AudioLoadingTransformer)).ToArray());
            Network = ModelInspector.FindNetwork(model);
            Classes = ModelClasses.Of(model, inputSchema).ToArray();
            if (Classes.Count == 0)
                throw new InvalidDataException($"Model {Describe(path)} has no Score column with class names: EmotionModel needs a " +
                    "multiclass model whose labels were mapped to keys (MapValueToKey) before the trainer.");
        }

        /// <summary>The class names in the order of every probability list (the slot names of the model's Score column).</summary>
        public IReadOnlyList<string> Classes { get; }

        /// <summary>Length of the clips the model was trained on and scores, in seconds (LoadAudio's <c>duration</c>).</summary>
        public double ClipDuration => AudioLoader.Duration;

        /// <summary>The decoder the model reads audio with: the one saved with it (LoadAudio's <c>decoderBackend</c>, usually
        /// <see cref="AudioDecoderBackend.Auto"/>) unless set, e.g. to <see cref="AudioDecoderBackend.Managed"/> on a
        /// machine without libsndfile. Set it before predicting, not while other threads predict.</summary>
        public AudioDecoderBackend DecoderBackend { get; set; }

        /// <summary>Whether the network scores with BFloat16 input-layer convolutions: <c>null</c> (the default) where the CPU multiplies
        /// BFloat16 natively (x86 AVX512_BF16), Float32 elsewhere; <c>true</c> or <c>false</c> forces either (see
        /// <see cref="SpectrogramClassificationModelParameters.UseBFloat16"/>). No effect on a model without a network.
        /// Set it before predicting, not while other threads predict.</summary>
        public bool? UseBFloat16
        {
            get => Network?.UseBFloat16;
            set
            {
                if (Network != null)
                    Network.UseBFloat16 = value;
            }
        }

        /// <summary>Sample rate in Hz the model's audio is decoded (resampled) to (LoadAudio's <c>sampleRate</c>).</summary>
        public int SampleRate => AudioLoader.SampleRate;

        /// <summary>The network of a spectrogram-network model (<see cref="SpectrogramClassificationTrainer"/>);
        /// <see langword="null"/> for a model with another trainer (e.g. a spectral summary and a shallow classifier).</summary>
        public NetworkArchitecture? Architecture => Network?.Architecture;

        /// <summary>One line about the model: trainer or network, classes, clip length, sample rate and the network's
        /// input shape, e.g. <c>InceptionGruResidual network, 4 classes (angry, happy, sad, tender), 30 s clips at 22050
        /// Hz, input [1025, 1292]</c>.</summary>
        public string Description
        {
            get
            {
                var what = Network != null
                    ? string.Create(CultureInfo.InvariantCulture, $"{Network.Architecture} network, input [{Network.Bins}, {Network.Frames}], {Network.ParameterCount:N0} parameters")
                    : $"{TrainerName()} model";
                return string.Create(CultureInfo.InvariantCulture,
                    $"{what}, {Classes.Count} classes ({string.Join(", ", Classes)}), {ClipDuration:0.###} s clips at {SampleRate} Hz");
            }
        }

        /// <summary>The file the model was loaded from; <see langword="null"/> when loaded from a stream.</summary>
        internal string Path { get; }

        internal MLContext Context { get; }

        /// <summary>The whole saved chain (LoadAudio first).</summary>
        internal ITransformer Model { get; }

        /// <summary>The steps of the saved chain in order, nested chains flattened.</summary>
        internal IReadOnlyList<ITransformer> Steps => ModelInspector.Flatten(Model);

        /// <summary>The saved LoadAudio step.</summary>
        internal AudioLoadingTransformer AudioLoader { get; }

        /// <summary>Every step of the model after its LoadAudio step, as one chain.</summary>
        internal ITransformer AfterLoader { get; }

        /// <summary>The network's model parameters, or <see langword="null"/>.</summary>
        internal SpectrogramClassificationModelParameters Network { get; }

        /// <summary>The smallest timeline hop that means anything: one STFT hop of the model's spectrogram, in seconds
        /// (a shorter hop gives segments whose spectrograms are the same frames shifted by less than a frame).</summary>
        internal double MinimumHopSeconds
        {
            get
            {
                var stft = ModelInspector.Flatten(Model).OfType<LogStftTransformer>().FirstOrDefault();
                return (stft?.HopLength ?? LogStftEstimator.Defaults.HopLength) / (double)SampleRate;
            }
        }

        /// <summary>Loads a model zip.</summary>
        /// <param name="path">The zip <c>mlContext.Model.Save</c> or <c>mer train</c> wrote, for a pipeline whose first
        /// step is <c>LoadAudio</c> and whose trainer's labels are keys (<c>MapValueToKey</c>) with a Score column.</param>
        /// <returns>The model.</returns>
        /// <exception cref="FileNotFoundException"><paramref name="path"/> does not exist or is a folder.</exception>
        /// <exception cref="InvalidDataException">The file is not a readable ML.NET model zip, or the model does not take
        /// audio paths.</exception>
        public static EmotionModel Load(string path) => Load(new MLContext(seed: 0), path);

        /// <summary>Loads a model zip from a stream, as <c>mlContext.Model.Load(stream, out _)</c> reads it.</summary>
        /// <param name="stream">A readable, seekable stream holding the zip (a zip's directory is at its end), e.g. a
        /// file or an embedded resource.</param>
        /// <returns>The model.</returns>
        /// <exception cref="InvalidDataException">The stream is not a readable ML.NET model zip, or the model does not
        /// take audio paths.</exception>
        public static EmotionModel Load(Stream stream)
        {
            ArgumentNullException.ThrowIfNull(stream);
            var ml = new MLContext(seed: 0);
            var (model, schema) = Read(null, () =>
            {
                var loaded = ml.Model.Load(stream, out var inputSchema);
                return (loaded, inputSchema);
            });
            return Create(ml, null, model, schema);
        }

        /// <summary><see cref="Load(string)"/> in a given context (the CLI's, whose log it may watch).</summary>
        internal static EmotionModel Load(MLContext ml, string path)
        {
            var model = LoadTransformer(ml, path, out var schema);
            return Create(ml, path, model, schema);
        }

        /// <summary>Any ML.NET model zip (audio paths in or not), with one-line errors that name <paramref name="path"/>.</summary>
        internal static ITransformer LoadTransformer(MLContext ml, string path, out DataViewSchema inputSchema)
        {
            ArgumentNullException.ThrowIfNull(path);
            if (Directory.Exists(path))
                throw new FileNotFoundException($"Model {path} is a folder; give the model zip 'mer train' wrote.", path);
            if (!File.Exists(path))
                throw new FileNotFoundException($"Model {path} not found.", path);
            (var model, inputSchema) = Read(path, () =>
            {
                var loaded = ml.Model.Load(path, out var schema);
                return (loaded, schema);
            });
            return model;
        }

        /// <summary>A model in memory (fitted on data whose schema is <paramref name="inputSchema"/>, e.g. the demo's
        /// freshly trained chain) as an <see cref="EmotionModel"/>, without a file.</summary>
        /// <exception cref="InvalidDataException">The model has no LoadAudio step or no Score column with class names.</exception>
        internal static EmotionModel FromTransformer(MLContext ml, ITransformer model, DataViewSchema inputSchema)
        {
            ArgumentNullException.ThrowIfNull(ml);
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(inputSchema);
            return Create(ml, null, model, inputSchema);
        }

        private static EmotionModel Create(MLContext ml, string path, ITransformer model, DataViewSchema schema)
        {
            var loader = ModelInspector.FindAudioLoader(model)
                ?? throw new InvalidDataException(
                    $"Model {Describe(path)} has no LoadAudio step: EmotionModel needs a model that takes audio paths, as 'mer train' saves.");
            return new EmotionModel(ml, path, model, schema, loader);
        }

        private static (ITransformer Model, DataViewSchema Schema) Read(string path, Func<(ITransformer, DataViewSchema)> load)
        {
            try
            {
                return load();
            }
            catch (Exception e) when (Unwrap(e) is var inner && (inner is InvalidOperationException || inner is InvalidDataException
                || inner is FormatException || inner is ArgumentException || inner is IOException || inner is NotSupportedException
                || inner is EndOfStreamException))
            {
                // ML.NET loads each part by reflection: the cause (a missing entry, a truncated stream) is inside.
                throw new InvalidDataException($"Model {Describe(path)} is not a readable ML.NET model zip ({inner.Message.TrimEnd('.')}).", e);
            }
        }

        /// <summary>Saves the model as a zip that <see cref="Load(string)"/> and <c>mlContext.Model.Load</c> read.</summary>
        /// <param name="path">The zip to write (replaced if it exists).</param>
        public void Save(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            Context.Model.Save(Model, _inputSchema, path);
        }

        /// <summary>The emotion of an audio file: the mean over its consecutive clips (one clip for a file no longer
        /// than <see cref="ClipDuration"/>).</summary>
        /// <param name="path">An audio file libsndfile, libmpg123 or FFmpeg decodes (wav, flac, ogg, mp3, m4a, ...).</param>
        /// <returns>The prediction, with one segment per clip.</returns>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file cannot be decoded.</exception>
        /// <exception cref="NotSupportedException">No decoder can open the file (FFmpeg is not installed).</exception>
        public EmotionPrediction Predict(string path) => PredictTimeline(path, hopSeconds: null);

        /// <summary>The emotion of audio in a stream (a file's bytes, e.g. an upload), as <see cref="Predict(string)"/>.</summary>
        /// <remarks>The stream is copied to a temporary file that is decoded and deleted: the decoders (libsndfile,
        /// libmpg123, FFmpeg) open files, and an mp3's length is counted by a pass over the file before its clips are
        /// read, so the bytes must be seekable anyway; through a file the decoding and the answer are those of
        /// <see cref="Predict(string)"/> exactly.</remarks>
        /// <param name="audio">A readable stream, read from its current position to its end (not closed).</param>
        /// <returns>The prediction; its <see cref="EmotionPrediction.Path"/> is <see langword="null"/>.</returns>
        /// <exception cref="InvalidDataException">The bytes are not audio a decoder reads.</exception>
        public EmotionPrediction Predict(Stream audio)
        {
            ArgumentNullException.ThrowIfNull(audio);
            var temp = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emotion-model-" + Guid.NewGuid().ToString("N") + ".audio");
            try
            {
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    audio.CopyTo(file);
                var prediction = ClipScorer.ScoreFile(this, temp, null, false, skipUnreadableFiles: false, progress: null);
                return prediction.WithoutPath();
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException && e.Message.Contains(temp, StringComparison.Ordinal))
            {
                // Name the stream, not the temporary file the user never saw.
                var message = e.Message.Replace($"Audio file '{temp}'", "The audio stream", StringComparison.Ordinal).Replace(temp, "the audio stream");
                throw e is InvalidDataException ? new InvalidDataException(message, e) : new NotSupportedException(message, e);
            }
            finally
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>The emotion of audio in memory: mono samples at <paramref name="sampleRate"/> Hz, cut and (when the
        /// rate differs from <see cref="SampleRate"/>) resampled with libsoxr as a file of the same audio would be.</summary>
        /// <param name="samples">Mono samples, full scale ±1.</param>
        /// <param name="sampleRate">Their rate in Hz, 1000 to 768000; <see cref="SampleRate"/> avoids resampling.</param>
        /// <returns>The prediction; its <see cref="EmotionPrediction.Path"/> is <see langword="null"/>.</returns>
        /// <exception cref="ArgumentException"><paramref name="samples"/> is empty or holds NaN or infinite values.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range.</exception>
        public EmotionPrediction Predict(ReadOnlySpan<float> samples, int sampleRate)
        {
            if (sampleRate < AudioDecoder.MinSourceRate || sampleRate > AudioDecoder.MaxSourceRate)
                throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate,
                    $"sampleRate={sampleRate} must be between {AudioDecoder.MinSourceRate} and {AudioDecoder.MaxSourceRate} Hz.");
            if (samples.IsEmpty)
                throw new ArgumentException("samples must hold at least one sample.", nameof(samples));
            for (int i = 0; i < samples.Length; i++)
                if (!float.IsFinite(samples[i]))
                    throw new ArgumentException($"samples[{i}]={samples[i]} must be a finite number.", nameof(samples));
            return ClipScorer.ScoreSamples(this, samples, sampleRate);
        }

        /// <summary>The per-segment emotion over a whole song: a clip of <see cref="ClipDuration"/> every
        /// <paramref name="hopSeconds"/> (overlapping when the hop is shorter), each clip wholly inside the file unless
        /// <paramref name="includePartialClip"/>.</summary>
        /// <param name="path">The audio file.</param>
        /// <param name="hopSeconds">Seconds between segment starts, at least one STFT hop of the model (e.g. 512/22050
        /// s); <see langword="null"/> means <see cref="ClipDuration"/> (consecutive clips, as <see cref="Predict(string)"/>).</param>
        /// <param name="includePartialClip">Also score a last clip that runs past the end of the file (filled by looping).</param>
        /// <returns>The prediction: <see cref="EmotionPrediction.Segments"/> is the timeline, the probabilities their mean.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="hopSeconds"/> is not a positive number of
        /// seconds of at least one STFT hop.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file cannot be decoded.</exception>
        public EmotionPrediction PredictTimeline(string path, double? hopSeconds, bool includePartialClip = false)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            CheckHop(hopSeconds);
            return ClipScorer.ScoreFile(this, path, hopSeconds, includePartialClip, skipUnreadableFiles: false, progress: null);
        }

        /// <summary>
        /// Predicts many files, <paramref name="maxDegreeOfParallelism"/> at a time, and returns the predictions in the
        /// order of <paramref name="paths"/>. A file that cannot be read does not stop the batch: its prediction has
        /// <see cref="EmotionPrediction.Error"/> set (LoadAudio's <c>skipUnreadableFiles</c> rule: missing, empty,
        /// undecodable files and files without a decoder), unless <paramref name="skipUnreadableFiles"/> is
        /// <see langword="false"/>, when the first such file's exception is thrown.
        /// </summary>
        /// <param name="paths">Audio files.</param>
        /// <param name="maxDegreeOfParallelism">Files scored at once; 0 means one per processor core.</param>
        /// <param name="hopSeconds">Timeline hop as in <see cref="PredictTimeline"/>; <see langword="null"/> for
        /// consecutive clips.</param>
        /// <param name="includePartialClip">As in <see cref="PredictTimeline"/>.</param>
        /// <param name="skipUnreadableFiles">Whether an unreadable file is reported in its prediction (the default) or thrown.</param>
        /// <returns>One prediction per path, in order.</returns>
        public IReadOnlyList<EmotionPrediction> PredictFiles(IEnumerable<string> paths, int maxDegreeOfParallelism = 0,
            double? hopSeconds = null, bool includePartialClip = false, bool skipUnreadableFiles = true)
            => PredictFiles(paths, maxDegreeOfParallelism, hopSeconds, includePartialClip, skipUnreadableFiles, progress: null);

        /// <summary><see cref="PredictFiles(IEnumerable{string}, int, double?, bool, bool)"/> with progress lines on long
        /// files (<c>mer predict</c>).</summary>
        internal IReadOnlyList<EmotionPrediction> PredictFiles(IEnumerable<string> paths, int maxDegreeOfParallelism,
            double? hopSeconds, bool includePartialClip, bool skipUnreadableFiles, TextWriter progress)
        {
            ArgumentNullException.ThrowIfNull(paths);
            var files = paths.ToArray();
            if (files.Any(string.IsNullOrEmpty))
                throw new ArgumentException("paths must not hold null or empty file names.", nameof(paths));
            if (maxDegreeOfParallelism < 0)
                throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                    $"maxDegreeOfParallelism={maxDegreeOfParallelism} must be 0 (one per core) or more.");
            CheckHop(hopSeconds);
            int threads = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
            var results = new EmotionPrediction[files.Length];
            if (threads == 1 || files.Length <= 1)
            {
                for (int i = 0; i < files.Length; i++)
                    results[i] = ClipScorer.ScoreFile(this, files[i], hopSeconds, includePartialClip, skipUnreadableFiles, progress);
                return results;
            }
            var sync = progress == null ? null : TextWriter.Synchronized(progress);
            try
            {
                // One file per work item, taken in order as threads free up (no pre-split chunks: songs differ in length).
                Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, files.Length, 1),
                    new ParallelOptions { MaxDegreeOfParallelism = threads },
                    range =>
                    {
                        for (int i = range.Item1; i < range.Item2; i++)
                            results[i] = ClipScorer.ScoreFile(this, files[i], hopSeconds, includePartialClip, skipUnreadableFiles, sync);
                    });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            return results;
        }

        /// <summary>The saved LoadAudio step's settings as a new loader, skipping unreadable files or not, optionally
        /// reading each row's offset from <paramref name="offsetColumnName"/> (fitted on <paramref name="data"/>).</summary>
        internal AudioLoadingTransformer CreateLoader(IDataView data, bool skipUnreadableFiles, string offsetColumnName = null)
            => Context.Transforms.LoadAudio(new AudioLoadingEstimator.Options
            {
                OutputColumnName = AudioLoader.OutputColumnName,
                InputColumnName = AudioLoader.InputColumnName,
                SampleRate = AudioLoader.SampleRate,
                Duration = AudioLoader.Duration,
                Offset = offsetColumnName == null ? AudioLoader.Offset : 0,
                CenterClip = AudioLoader.CenterClip,
                OffsetColumnName = offsetColumnName ?? AudioLoader.OffsetColumnName,
                SkipUnreadableFiles = skipUnreadableFiles,
                DecoderBackend = DecoderBackend,
            }).Fit(data);

        /// <summary>Refuses to evaluate on rows whose label the model does not know: ML.NET's evaluator would drop them
        /// and report metrics over the other rows only.</summary>
        internal void CheckLabels(IDataView data, string dataPath) => ModelClasses.CheckLabels(Model, data, Path, dataPath);

        /// <summary><see cref="Description"/>.</summary>
        public override string ToString() => Description;

        private void CheckHop(double? hopSeconds)
        {
            if (hopSeconds == null)
                return;
            double minimum = MinimumHopSeconds;
            if (!(hopSeconds.Value >= minimum) || double.IsInfinity(hopSeconds.Value))
                throw new ArgumentOutOfRangeException(nameof(hopSeconds), hopSeconds,
                    string.Create(CultureInfo.InvariantCulture,
                        $"hopSeconds={hopSeconds.Value} must be at least one STFT hop of the model ({minimum:0.#####} s); shorter hops only shift the same spectrogram frames."));
        }

        private string TrainerName()
        {
            var predictor = ModelInspector.Flatten(Model).OfType<ISingleFeaturePredictionTransformer<object>>().LastOrDefault()?.Model;
            return predictor?.GetType().Name.Replace("ModelParameters", "", StringComparison.Ordinal) ?? "ML.NET";
        }

        private static string Describe(string path) => path ?? "stream";

        private static Exception Unwrap(Exception e)
        {
            while (e is System.Reflection.TargetInvocationException && e.InnerException != null)
                e = e.InnerException;
            return e;
        }
    }
}
