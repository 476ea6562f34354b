using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Trains a TorchSharp network on [bins, frames] spectrograms as an ML.NET multiclass trainer: the paper's
    /// Inception-GRU residual network (Han, Chen and Ban 2023) or one of its Table 3 deep baselines, chosen by
    /// <see cref="Options.Architecture"/>. Adam with cross-entropy (optionally class-weighted), seeded streaming
    /// batches from the <see cref="IDataView"/>, validation with early stopping, progress and cancellation through the
    /// <see cref="MLContext"/>, device and thread selection.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// To create this trainer use
    /// [SpectrogramClassification](xref:MusicEmotion.MLNet.MusicEmotionTrainersCatalog.SpectrogramClassification*) or,
    /// for the paper's network, [InceptionGruResidual](xref:MusicEmotion.MLNet.MusicEmotionTrainersCatalog.InceptionGruResidual*).
    ///
    /// ### Input and Output Columns
    /// The feature column is a known-size vector of <xref:System.Single> with two dimensions [bins, frames], as
    /// `LogStft` outputs (librosa's `stft` layout `[1 + n_fft/2, n_frames]`); it is read as Conv1d input
    /// (N, C = bins, L = frames). The label column is a key (`MapValueToKey`). The trainer outputs:
    ///
    /// | Output Column Name | Column Type | Description|
    /// | -- | -- | -- |
    /// | `Score` | Vector of <xref:System.Single> | Class probabilities (softmax of the network's logits). |
    /// | `PredictedLabel` | [key](xref:Microsoft.ML.Data.KeyDataViewType) type | The class with the highest probability. |
    ///
    /// ### Trainer Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Machine learning task | Multiclass classification |
    /// | Is normalization required? | No |
    /// | Is caching required? | No (cache upstream with `AppendCacheCheckpoint` for a full shuffle each epoch) |
    /// | Required NuGet in addition to Microsoft.ML | MusicEmotion.MLNet, a libtorch native package (`libtorch-cpu-linux-x64` or a CUDA one) |
    /// | Exportable to ONNX | The network, with `SpectrogramClassificationModelParameters.ExportOnnx` (not ML.NET's `ConvertToOnnx`) |
    ///
    /// `MLContext.CancelExecution()` stops training at the next batch; progress is reported on ML.NET's progress
    /// channel ("Training": epoch, batch, loss) and, per epoch, to <see cref="Options.Progress"/>.
    /// ]]></format>
    /// </remarks>
    public sealed class SpectrogramClassificationTrainer
        : TrainerEstimatorBase<MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>, SpectrogramClassificationModelParameters>,
        // Re-implemented so that estimator chains reach the schema checks below (the base methods are not virtual).
        IEstimator<MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>>
    {
        internal const string LoadName = "SpectrogramClassification";

        private static readonly TrainerInfo s_info = new TrainerInfo(normalization: false, caching: false);

        private readonly Options _options;
        private readonly NetworkDefinition _definition;

        internal SpectrogramClassificationTrainer(IHostEnvironment env, Options options)
            : base(Contracts.CheckRef(env, nameof(env)).Register(LoadName),
                  TrainerUtils.MakeR4VecFeature(CheckOptions(options).FeatureColumnName),
                  TrainerUtils.MakeU4ScalarColumn(options.LabelColumnName))
        {
            _options = options;
            _definition = NetworkDefinitions.For(options.Architecture, nameof(Options.Architecture));
        }

        /// <summary>No normalisation or caching is requested: cache upstream (<c>AppendCacheCheckpoint</c>) for a full
        /// per-epoch shuffle and to avoid recomputing the features every epoch.</summary>
        public override TrainerInfo Info => s_info;

        /// <summary>Multiclass classification.</summary>
        protected override PredictionKind PredictionKind => PredictionKind.MulticlassClassification;

        /// <summary>Checks the feature column (a known-size Single vector) and the label column (a key) and returns
        /// the output schema: Score (class probabilities) and PredictedLabel.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type.</exception>
        public new SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            Host.CheckValue(inputSchema, nameof(inputSchema));
            if (!inputSchema.TryFindColumn(_options.FeatureColumnName, out var feature))
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "feature", _options.FeatureColumnName);
            if (feature.Kind != SchemaShape.Column.VectorKind.Vector || feature.ItemType != NumberDataViewType.Single)
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "feature", _options.FeatureColumnName,
                    "known-size vector of Single", feature.GetTypeString());
            if (!inputSchema.TryFindColumn(_options.LabelColumnName, out var label))
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "label", _options.LabelColumnName);
            if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "label", _options.LabelColumnName,
                    "key (use MapValueToKey)", label.GetTypeString());
            return base.GetOutputSchema(inputSchema);
        }

        /// <summary>Trains the network on <paramref name="input"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The feature or label column is missing or has the wrong type
        /// or shape (parameter <c>inputSchema</c>).</exception>
        public new MulticlassPredictionTransformer<SpectrogramClassificationModelParameters> Fit(IDataView input)
        {
            Host.CheckValue(input, nameof(input));
            ResolveShape(input.Schema);
            return base.Fit(input);
        }

        /// <inheritdoc/>
        protected override SchemaShape.Column[] GetOutputColumnsCore(SchemaShape inputSchema)
        {
            inputSchema.TryFindColumn(LabelColumn.Name, out var label);
            var predictedLabelAnnotations = new SchemaShape(label.Annotations
                .Where(a => a.Name == AnnotationUtils.Kinds.KeyValues)
                .Concat(AnnotationUtils.GetTrainerOutputAnnotation()));
            return new[]
            {
                new SchemaShape.Column(DefaultColumnNames.Score, SchemaShape.Column.VectorKind.Vector,
                    NumberDataViewType.Single, false, new SchemaShape(AnnotationUtils.AnnotationsForMulticlassScoreColumn(label))),
                new SchemaShape.Column(DefaultColumnNames.PredictedLabel, SchemaShape.Column.VectorKind.Scalar,
                    NumberDataViewType.UInt32, true, predictedLabelAnnotations),
            };
        }

        /// <inheritdoc/>
        protected override MulticlassPredictionTransformer<SpectrogramClassificationModelParameters> MakeTransformer(SpectrogramClassificationModelParameters model, DataViewSchema trainSchema)
            => new MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>(Host, model, trainSchema, FeatureColumn.Name, LabelColumn.Name);

        /// <inheritdoc/>
        protected override SpectrogramClassificationModelParameters TrainModelCore(TrainContext context)
        {
            Host.CheckValue(context, nameof(context));
            var trainingData = context.TrainingSet.Data;
            var shape = ResolveShape(trainingData.Schema);
            var validationData = context.ValidationSet?.Data ?? _options.ValidationSet;
            if (validationData != null && ResolveShape(validationData.Schema) != shape)
                throw Host.ExceptParam(nameof(Options.ValidationSet),
                    $"The validation set's feature or label shape differs from the training set's {shape}.");
            // Checked before the batch tensor (BatchSize × features floats) is allocated.
            FrontEndLimits.CheckBatch(_options.BatchSize, (long)shape.Channels * shape.Frames);
            var device = ResolveDevice(_options.Device);
            int seed = _options.Seed ?? Host.Rand.Next();

            using var threads = LibTorchThreads.Use(_options.NumberOfThreads ?? torch.get_num_threads());
            using var channel = Host.Start("Training");
            return Train(channel, trainingData, validationData, shape, device, seed);
        }

        private SpectrogramClassificationModelParameters Train(IChannel channel, IDataView trainingData, IDataView validationData, NetworkShape shape,
            Device device, int seed)
        {
            int featureSize = shape.Channels * shape.Frames;
            var recipe = _options.RecipeSettings ?? RecipeSettings.For(_options.Recipe);
            double fraction = validationData != null ? 0
                : _options.ValidationFraction > 0 ? _options.ValidationFraction
                : recipe.ValidationFraction;
            Func<DataViewRowId, bool> isValidation = null;
            if (fraction > 0)
                isValidation = ValidationRows(channel, trainingData, fraction, seed);
            using var trainReader = new BatchReader(trainingData, _options.FeatureColumnName, _options.LabelColumnName,
                featureSize, _options.BatchSize, isValidation != null ? id => !isValidation(id) : null,
                _options.ShufflePoolRows);
            BatchReader validationReader = null;
            if (validationData != null)
                validationReader = new BatchReader(validationData, _options.FeatureColumnName, _options.LabelColumnName,
                    featureSize, _options.BatchSize, null, 1);
            else if (isValidation != null)
                validationReader = new BatchReader(trainingData, _options.FeatureColumnName, _options.LabelColumnName,
                    featureSize, _options.BatchSize, isValidation, 1);

            using var validationScope = validationReader;
            var classCounts = trainReader.CountClasses(shape.Classes);
            long rows = classCounts.Sum();
            if (rows == 0)
                throw Host.Except("No training rows with a label were found.");
            // First pass over the training rows: the per-bin statistics of the input.
            var normalization = recipe.Normalize
                ? InputNormalization.Compute(trainReader, shape.Channels, shape.Frames, Host.CheckAlive)
                : null;

            torch.manual_seed(seed);
            if (device.type == DeviceType.CUDA)
                torch.cuda.manual_seed_all(seed);
            var architecture = _definition;
            var network = architecture.CreateNetwork(shape);
            network.to(device);
            using optim.Optimizer optimizer = recipe.DecoupledWeightDecay > 0
                ? (optim.Optimizer)optim.AdamW(network.parameters(), _options.LearningRate, weight_decay: recipe.DecoupledWeightDecay)
                : optim.Adam(network.parameters(), _options.LearningRate, weight_decay: _options.WeightDecay);
            using var classWeights = CreateClassWeights(classCounts, device);
            var shuffle = new Random(seed);
            var augmenter = recipe.Augments ? new SpectrogramAugmenter(recipe, unchecked(seed * 31 + 7)) : null;
            long stepsPerEpoch = (rows + _options.BatchSize - 1) / _options.BatchSize;
            long totalSteps = stepsPerEpoch * _options.Epochs;
            var history = new List<TrainingProgress>();
            var historyElapsed = TimeSpan.Zero;
            byte[] bestState = null;
            double bestAccuracy = double.NegativeInfinity;
            int bestEpoch = 0;
            var total = Stopwatch.StartNew();
            bool bfloat16 = _options.UseBFloat16 ?? (device.type == DeviceType.CPU && MixedPrecision.Resolve(null));
            using var precision = MixedPrecision.Enter(bfloat16);

            channel.Info($"{architecture.Id}: {shape.Channels} bins x {shape.Frames} frames, {shape.Classes} classes, " +
                $"{rows} training rows, {architecture.CountParameters(shape):N0} parameters, device {device.type}, " +
                $"{torch.get_num_threads()} threads, {(bfloat16 ? "BFloat16 convolutions" : "Float32")}, " +
                $"recipe {(_options.RecipeSettings == null ? _options.Recipe.ToString() : "custom")}.");
            int epochsDone = 0;
            long batchesDone = 0;
            double lastLoss = double.NaN;
            using var progressChannel = Host.StartProgressChannel("Training");
            progressChannel.SetHeader(new ProgressHeader(new[] { "Loss" }, new[] { "Epoch", "Batch" }), entry =>
            {
                entry.SetProgress(0, epochsDone, _options.Epochs);
                entry.SetProgress(1, batchesDone);
                entry.SetMetric(0, lastLoss);
            });
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                Host.CheckAlive();
                var epochWatch = Stopwatch.StartNew();
                network.train();
                double lossSum = 0;
                long correct = 0, seen = 0;
                foreach (int count in trainReader.ReadBatches(shuffle))
                {
                    Host.CheckAlive();
                    using var scope = torch.NewDisposeScope();
                    var (x, y) = ToTensors(trainReader, shape, count, device);
                    if (recipe.WarmupFraction > 0 || recipe.CosineDecay)
                    {
                        double rate = LearningRateAt(batchesDone, totalSteps, recipe, _options.LearningRate);
                        foreach (var group in optimizer.ParamGroups)
                            group.LearningRate = rate;
                    }
                    MixupBatch mix = null;
                    if (augmenter != null)
                        x = augmenter.Augment(x, normalization, out mix);
                    else if (normalization != null)
                        x = normalization.Apply(x);
                    optimizer.zero_grad();
                    var logits = network.call(x);
                    Tensor loss;
                    if (mix == null)
                    {
                        loss = recipe.LabelSmoothing > 0
                            ? nn.functional.cross_entropy(logits, y, weight: classWeights, label_smoothing: recipe.LabelSmoothing)
                            : nn.functional.cross_entropy(logits, y, weight: classWeights);
                    }
                    else
                    {
                        var other = y.index_select(0, torch.tensor(mix.Permutation).to(device));
                        loss = nn.functional.cross_entropy(logits, y, weight: classWeights, label_smoothing: recipe.LabelSmoothing).mul(mix.Lambda)
                            .add(nn.functional.cross_entropy(logits, other, weight: classWeights, label_smoothing: recipe.LabelSmoothing).mul(1 - mix.Lambda));
                    }
                    loss.backward();
                    optimizer.step();
                    lastLoss = loss.item<float>();
                    lossSum += lastLoss * count;
                    correct += logits.argmax(1).eq(y).sum().item<long>();
                    seen += count;
                    batchesDone++;
                }
                epochsDone = epoch;
                var (validationAccuracy, validationLoss) = validationReader == null
                    ? (double.NaN, double.NaN)
                    : Evaluate(network, validationReader, shape, device, normalization);
                var eta = TimeSpan.FromTicks(total.Elapsed.Ticks / epoch * (_options.Epochs - epoch));
                var summary = new TrainingProgress(epoch, _options.Epochs, lossSum / seen, (double)correct / seen, validationAccuracy,
                    total.Elapsed, eta, epochWatch.Elapsed.TotalSeconds);
                historyElapsed += TimeSpan.FromSeconds(summary.Seconds);
                history.Add(summary with { Elapsed = historyElapsed, EstimatedRemaining = TimeSpan.Zero });
                channel.Info($"Epoch {epoch}/{_options.Epochs}: loss {summary.Loss:F4}, accuracy {summary.Accuracy:F4}" +
                    (validationReader == null ? "" : $", validation accuracy {validationAccuracy:F4}, validation loss {validationLoss:F4}") +
                    $", {summary.Seconds:F1} s, ETA {eta:hh\\:mm\\:ss}.");
                _options.Progress?.Report(summary);

                if (validationReader != null)
                {
                    if (validationAccuracy > bestAccuracy)
                    {
                        bestAccuracy = validationAccuracy;
                        bestEpoch = epoch;
                        bestState = NetworkState.Save(network);
                    }
                    else if (_options.EarlyStoppingPatience > 0 && epoch - bestEpoch >= _options.EarlyStoppingPatience)
                    {
                        channel.Info($"Early stopping after epoch {epoch}: no validation gain for " +
                            $"{_options.EarlyStoppingPatience} epochs; keeping epoch {bestEpoch} ({bestAccuracy:F4}).");
                        break;
                    }
                }
            }
            if (bestState != null && bestEpoch != history.Count)
                NetworkState.Load(network, bestState);
            network.to(torch.CPU);
            network.eval();
            return new SpectrogramClassificationModelParameters(Host, architecture, shape, network, history, normalization)
            {
                UseBFloat16 = _options.UseBFloat16,
            };
        }

        /// <summary>The learning rate of optimisation step <paramref name="step"/> (0-based) of <paramref name="total"/>:
        /// a linear warm-up from peak/steps over the first <see cref="RecipeSettings.WarmupFraction"/> of the steps, then
        /// constant or, with <see cref="RecipeSettings.CosineDecay"/>, a half cosine from the peak down to 0.</summary>
        internal static double LearningRateAt(long step, long total, RecipeSettings recipe, double peak)
        {
            long warmup = (long)Math.Round(recipe.WarmupFraction * total);
            if (step < warmup)
                return peak * (step + 1) / warmup;
            if (!recipe.CosineDecay || total <= warmup)
                return peak;
            double progress = Math.Min(1.0, (double)(step - warmup) / (total - warmup));
            return peak * 0.5 * (1 + Math.Cos(Math.PI * progress));
        }

        /// <summary>
        /// The validation rows of <paramref name="data"/>: with <see cref="Options.GroupColumnName"/> present, whole
        /// groups (songs), one fold of <see cref="GroupedStratifiedKFold"/> with round(1 / fraction) folds, so no song is
        /// on both sides and the classes keep their proportions; without it, a seeded hash of the row id.
        /// </summary>
        private Func<DataViewRowId, bool> ValidationRows(IChannel channel, IDataView data, double fraction, int seed)
        {
            var groupColumn = _options.GroupColumnName == null ? null : data.Schema.GetColumnOrNull(_options.GroupColumnName);
            if (groupColumn == null)
            {
                if (_options.GroupColumnName != null)
                    channel.Warning($"GroupColumnName '{_options.GroupColumnName}' is not in the data; the validation rows " +
                        "are picked by row, so clips of one song may be on both sides.");
                return id => IsValidationRow(id, seed, fraction);
            }
            if (groupColumn.Value.Type is not TextDataViewType)
                throw Host.ExceptSchemaMismatch("inputSchema", "group", _options.GroupColumnName, "Text", groupColumn.Value.Type.ToString());
            var label = data.Schema[_options.LabelColumnName];
            var ids = new List<DataViewRowId>();
            var labels = new List<string>();
            var groups = new List<string>();
            using (var cursor = data.GetRowCursor(new[] { label, groupColumn.Value }))
            {
                var labelGetter = cursor.GetGetter<uint>(label);
                var groupGetter = cursor.GetGetter<ReadOnlyMemory<char>>(groupColumn.Value);
                var idGetter = cursor.GetIdGetter();
                uint key = 0;
                ReadOnlyMemory<char> group = default;
                DataViewRowId id = default;
                while (cursor.MoveNext())
                {
                    labelGetter(ref key);
                    if (key == 0)
                        continue;
                    groupGetter(ref group);
                    idGetter(ref id);
                    ids.Add(id);
                    labels.Add(key.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    groups.Add(group.ToString());
                }
            }
            int folds = Math.Max(2, (int)Math.Round(1 / fraction));
            int distinctGroups = groups.Distinct(StringComparer.Ordinal).Count();
            if (distinctGroups < folds)
            {
                channel.Warning($"Only {distinctGroups} groups in '{_options.GroupColumnName}'; no validation split (ValidationFraction={fraction}).");
                return null;
            }
            var assigned = GroupedStratifiedKFold.AssignFolds(labels, groups, folds, seed);
            var validation = new HashSet<DataViewRowId>();
            for (int i = 0; i < ids.Count; i++)
            {
                if (assigned[i] == 0)
                    validation.Add(ids[i]);
            }
            channel.Info($"Validation: {validation.Count} of {ids.Count} rows, whole groups of '{_options.GroupColumnName}' (1 of {folds} grouped folds).");
            return validation.Contains;
        }

        private static (Tensor X, Tensor Y) ToTensors(BatchReader reader, NetworkShape shape, int count, Device device)
        {
            var x = reader.Features.view(reader.BatchSize, shape.Channels, shape.Frames);
            var y = reader.Labels.alias();
            if (count < reader.BatchSize)
            {
                x = x.narrow(0, 0, count);
                y = y.narrow(0, 0, count);
            }
            return (x.to(device), y.to(device));
        }

        private static (double Accuracy, double Loss) Evaluate(nn.Module<Tensor, Tensor> network, BatchReader reader, NetworkShape shape, Device device,
            InputNormalization normalization)
        {
            network.eval();
            long correct = 0, seen = 0;
            double lossSum = 0;
            using (torch.no_grad())
            {
                foreach (int count in reader.ReadBatches(null))
                {
                    using var scope = torch.NewDisposeScope();
                    var (x, y) = ToTensors(reader, shape, count, device);
                    if (normalization != null)
                        x = normalization.Apply(x);
                    var logits = network.call(x);
                    correct += logits.argmax(1).eq(y).sum().item<long>();
                    lossSum += nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum).item<float>();
                    seen += count;
                }
            }
            return seen == 0 ? (double.NaN, double.NaN) : ((double)correct / seen, lossSum / seen);
        }

        private Tensor CreateClassWeights(long[] counts, Device device)
        {
            if (!_options.BalanceClasses)
                return null;
            long rows = counts.Sum();
            int present = counts.Count(c => c > 0);
            var weights = counts.Select(c => c == 0 ? 0f : (float)((double)rows / (present * c))).ToArray();
            return torch.tensor(weights).to(device);
        }

        // A stable, order-independent split: a row belongs to validation by a hash of its row id and the seed.
        private static bool IsValidationRow(DataViewRowId id, int seed, double fraction)
        {
            ulong h = id.Low * 0x9E3779B97F4A7C15UL ^ id.High * 0xC2B2AE3D27D4EB4FUL ^ (ulong)(uint)seed * 0x165667B19E3779F9UL;
            h ^= h >> 33;
            h *= 0xFF51AFD7ED558CCDUL;
            h ^= h >> 33;
            h *= 0xC4CEB9FE1A85EC53UL;
            h ^= h >> 33;
            return (h >> 11) * (1.0 / (1UL << 53)) < fraction;
        }

        private NetworkShape ResolveShape(DataViewSchema schema)
        {
            var featureColumn = schema.GetColumnOrNull(_options.FeatureColumnName)
                ?? throw Host.ExceptSchemaMismatch("inputSchema", "feature", _options.FeatureColumnName);
            var labelColumn = schema.GetColumnOrNull(_options.LabelColumnName)
                ?? throw Host.ExceptSchemaMismatch("inputSchema", "label", _options.LabelColumnName);
            int classes = labelColumn.Type is KeyDataViewType key && key.Count > 0 && key.Count <= int.MaxValue
                ? (int)key.Count
                : throw Host.ExceptSchemaMismatch("inputSchema", "label", _options.LabelColumnName,
                    "key (use MapValueToKey)", labelColumn.Type.ToString());
            if (featureColumn.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single
                || !vector.IsKnownSize)
                throw Host.ExceptSchemaMismatch("inputSchema", "feature", _options.FeatureColumnName,
                    "Vector<Single, bins, frames>", featureColumn.Type.ToString());
            int bins, frames;
            if (vector.Dimensions.Length == 2)
            {
                bins = vector.Dimensions[0];
                frames = vector.Dimensions[1];
            }
            else if (vector.Dimensions.Length == 1 && _options.NumberOfBins is int b && b > 0 && vector.Size % b == 0)
            {
                bins = b;
                frames = vector.Size / b;
            }
            else
            {
                throw Host.ExceptSchemaMismatch("inputSchema", "feature", _options.FeatureColumnName,
                    "Vector<Single, bins, frames> (a [bins, frames] vector as LogStft outputs, or set NumberOfBins to "
                    + "a divisor of the vector size)", featureColumn.Type.ToString());
            }
            var shape = new NetworkShape(bins, frames, classes);
            _definition.ValidateShape(shape, "inputSchema");
            return shape;
        }

        private static Device ResolveDevice(TrainingDevice device)
        {
            switch (device)
            {
                case TrainingDevice.Cpu:
                    return torch.CPU;
                case TrainingDevice.Cuda:
                    if (!torch.cuda.is_available())
                        throw new InvalidOperationException(
                            "Device=Cuda was requested but TorchSharp reports no CUDA device (torch.cuda.is_available() is " +
                            "false). Reference a CUDA build of libtorch instead of the CPU one (for example replace the " +
                            "package libtorch-cpu-linux-x64 with libtorch-cuda-12.8-linux-x64), check the GPU driver, or " +
                            "use Device=Auto or Device=Cpu.");
                    return torch.CUDA;
                default:
                    return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            }
        }

        internal static Options CheckOptions(Options options)
        {
            Contracts.CheckValue(options, nameof(options));
            Contracts.CheckNonEmpty(options.FeatureColumnName, nameof(options.FeatureColumnName));
            Contracts.CheckNonEmpty(options.LabelColumnName, nameof(options.LabelColumnName));
            if (options.Epochs < 1)
                throw new ArgumentOutOfRangeException(nameof(options.Epochs), $"Epochs={options.Epochs} must be positive.");
            if (options.BatchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(options.BatchSize), $"BatchSize={options.BatchSize} must be positive.");
            if (!(options.LearningRate > 0))
                throw new ArgumentOutOfRangeException(nameof(options.LearningRate), $"LearningRate={options.LearningRate} must be positive.");
            if (!(options.WeightDecay >= 0))
                throw new ArgumentOutOfRangeException(nameof(options.WeightDecay), $"WeightDecay={options.WeightDecay} must be non-negative.");
            if (!(options.ValidationFraction >= 0 && options.ValidationFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(options.ValidationFraction),
                    $"ValidationFraction={options.ValidationFraction} must be in [0, 1).");
            if (options.EarlyStoppingPatience < 0)
                throw new ArgumentOutOfRangeException(nameof(options.EarlyStoppingPatience),
                    $"EarlyStoppingPatience={options.EarlyStoppingPatience} must be non-negative.");
            if (options.NumberOfThreads is int threads && threads < 1)
                throw new ArgumentOutOfRangeException(nameof(options.NumberOfThreads), $"NumberOfThreads={threads} must be positive.");
            if (options.NumberOfBins is int bins && bins < 1)
                throw new ArgumentOutOfRangeException(nameof(options.NumberOfBins), $"NumberOfBins={bins} must be positive.");
            if (!Enum.IsDefined(options.Recipe))
                throw new ArgumentOutOfRangeException(nameof(options.Recipe), $"Recipe={options.Recipe} is not a TrainingRecipe value.");
            if (options.ShufflePoolRows < 1)
                throw new ArgumentOutOfRangeException(nameof(options.ShufflePoolRows), $"ShufflePoolRows={options.ShufflePoolRows} must be positive.");
            return options;
        }

        /// <summary>Default values of <see cref="Options"/> and of the catalog methods' parameters.</summary>
        internal static class Defaults
        {
            /// <summary>Default number of training epochs.</summary>
            public const int Epochs = 50;

            /// <summary>Default rows per batch.</summary>
            public const int BatchSize = 8;

            /// <summary>Default Adam learning rate (the paper's 1e-3).</summary>
            public const double LearningRate = 1e-3;

            /// <summary>Default Adam weight decay (none).</summary>
            public const double WeightDecay = 0;

            /// <summary>Default fraction of training rows held out for validation (none).</summary>
            public const double ValidationFraction = 0;

            /// <summary>Default epochs without validation gain before stopping (0 = never stop early).</summary>
            public const int EarlyStoppingPatience = 0;

            /// <summary>Default shuffle pool size, in rows, for data that cannot shuffle itself.</summary>
            public const int ShufflePoolRows = 64;
        }

        /// <summary>Options of <see cref="SpectrogramClassificationTrainer"/>.</summary>
        public sealed class Options
        {
            /// <summary>The network to train; the paper's Inception-GRU residual network by default.</summary>
            public NetworkArchitecture Architecture = NetworkArchitecture.InceptionGruResidual;

            /// <summary>Name of the label column: a key (use <c>MapValueToKey</c>). The class count is the key count,
            /// so a class missing from the training rows (for example in a cross-validation fold) is still scored.</summary>
            public string LabelColumnName = DefaultColumnNames.Label;

            /// <summary>Name of the feature column: a <c>Vector&lt;Single, bins, frames&gt;</c> as <c>LogStft</c>
            /// outputs (shape [1 + n_fft/2, n_frames], frequency-major), read as Conv1d (N, C = bins, L = frames).</summary>
            public string FeatureColumnName = DefaultColumnNames.Features;

            /// <summary>For a one-dimensional feature vector: the number of frequency bins (channels); the vector size
            /// must be a multiple of it and is read as [bins, size / bins]. Ignored for [bins, frames] vectors.</summary>
            public int? NumberOfBins;

            /// <summary>Number of passes over the training rows.</summary>
            public int Epochs = Defaults.Epochs;

            /// <summary>Rows per optimisation step.</summary>
            public int BatchSize = Defaults.BatchSize;

            /// <summary>Adam learning rate.</summary>
            public double LearningRate = Defaults.LearningRate;

            /// <summary>Adam weight decay (L2 penalty) of the <see cref="TrainingRecipe.Paper"/> recipe; the recommended recipe
            /// uses AdamW's decoupled decay instead.</summary>
            public double WeightDecay = Defaults.WeightDecay;

            /// <summary>Seed of weight initialisation, shuffling and the validation split; <c>null</c> takes one from the
            /// <see cref="MLContext"/>'s random source. On the CPU the same seed and data give bit-identical weights.</summary>
            public int? Seed;

            /// <summary>Whether the cross-entropy weights class c by n / (K · n_c), the inverse of its frequency in the
            /// training rows (scikit-learn's <c>class_weight="balanced"</c>; a class with no training rows gets 0), rather
            /// than every class by 1.</summary>
            public bool BalanceClasses;

            /// <summary>Rows to measure validation accuracy on after each epoch; takes precedence over
            /// <see cref="ValidationFraction"/>. With validation the model keeps the weights of the best epoch.</summary>
            public IDataView ValidationSet;

            /// <summary>Fraction of the training rows held out for validation when <see cref="ValidationSet"/> is not given:
            /// whole groups of <see cref="GroupColumnName"/> when it is set, otherwise rows chosen by a seeded hash of the row
            /// id; 0 uses the recipe's (none for <see cref="TrainingRecipe.Paper"/>, 0.15 for
            /// <see cref="TrainingRecipe.Recommended"/>).</summary>
            public double ValidationFraction = Defaults.ValidationFraction;

            /// <summary>Stop after this many epochs without a validation accuracy gain (0 = run all epochs); the
            /// weights of the best epoch are kept either way.</summary>
            public int EarlyStoppingPatience = Defaults.EarlyStoppingPatience;

            /// <summary>The training recipe: <see cref="TrainingRecipe.Paper"/> (the default here, the published configuration)
            /// or <see cref="TrainingRecipe.Recommended"/> (normalisation, AdamW, warm-up and cosine decay, label
            /// smoothing, augmentation, song-grouped validation; the default of <c>mer train</c> and <c>mer compare</c>).</summary>
            public TrainingRecipe Recipe = TrainingRecipe.Paper;

            /// <summary>Name of a text column naming each row's group (the song): a validation split taken from the training
            /// rows (<see cref="ValidationFraction"/>, or the recipe's) then holds whole groups, so no song is on both
            /// sides. <c>null</c> or a missing column splits by row.</summary>
            public string GroupColumnName;

            /// <summary>Single knobs of the recipe (experiments); <c>null</c> uses <see cref="Recipe"/>'s.</summary>
            internal RecipeSettings RecipeSettings;

            /// <summary>Where to train; scoring always runs on the CPU.</summary>
            public TrainingDevice Device = TrainingDevice.Auto;

            /// <summary>Whether training runs the network's input-layer convolutions in BFloat16 (mixed precision: Float32 master
            /// weights, gradients, batch normalisation, GRU, loss and optimiser): <c>null</c> (the default) does so on CPUs
            /// that multiply BFloat16 natively (x86 AVX512_BF16), about twice as fast, and trains in Float32 elsewhere and on
            /// CUDA (the environment variable <c>MUSICEMOTION_BFLOAT16=0</c> or <c>1</c> decides for the whole process);
            /// <c>true</c> or <c>false</c> forces either. The trained model scores with the same setting
            /// (<see cref="SpectrogramClassificationModelParameters.UseBFloat16"/>, not saved).</summary>
            public bool? UseBFloat16;

            /// <summary>TorchSharp intra-op threads during training (restored afterwards); <c>null</c> uses the calling
            /// thread's current setting (libtorch's default: one per core).</summary>
            public int? NumberOfThreads;

            /// <summary>For data that cannot shuffle itself (not cached), rows held in the shuffle pool.</summary>
            public int ShufflePoolRows = Defaults.ShufflePoolRows;

            /// <summary>Called after each epoch; may be <c>null</c>.</summary>
            public IProgress<TrainingProgress> Progress;
        }
    }
}
