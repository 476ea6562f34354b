using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// How a model scores on labelled audio, at two levels. Each row's file is predicted as
    /// <see cref="EmotionModel.PredictFiles(IEnumerable{string}, int, double?, bool, bool)"/> predicts it (as
    /// <c>mer predict</c> does): cut into consecutive clips of the model's length from 0 s (a file shorter than one
    /// clip is looped to one clip; a tail shorter than a clip is left out), each clip scored, and the file's
    /// probabilities the mean of its clips' (<see cref="ClipAveraging"/>, the one place clips are averaged).
    /// <see cref="PerFile"/>, the headline, scores those file predictions, one per row; <see cref="PerClip"/> scores
    /// every clip on its own against its file's label. For files no longer than one clip the two are the same.
    /// </summary>
    /// <remarks>
    /// Files are matched to labels by row, never by path: an unreadable row is left out (and listed in
    /// <see cref="Rejected"/>) without moving any other row's label, and two rows naming one file are two predictions.
    /// The metrics are computed here (<see cref="EvaluationMetrics"/>, checked against ML.NET's evaluator) rather than by
    /// feeding ML.NET's evaluator a rebuilt view of file rows: <c>LoadFromEnumerable</c> reads a <c>uint</c> in a key-typed
    /// column as a 0-based index and stores it plus one, so a view rebuilt from the scored keys (1-based) gives every
    /// file the next class's label and the last class key 0 (missing), which the evaluator drops without a word; an
    /// earlier attempt lost 4 of the CLI fixture's 16 files that way.
    /// </remarks>
    internal sealed class EvaluationReport
    {
        private EvaluationReport(IReadOnlyList<string> classNames, double clipDuration, IReadOnlyList<EvaluatedFile> files,
            IReadOnlyList<AudioFileError> rejected)
        {
            ClassNames = classNames;
            ClipDuration = clipDuration;
            Files = files;
            Rejected = rejected;
            PerFile = EvaluationMetrics.Compute(classNames, files.Select(f => f.LabelIndex).ToArray(),
                files.Select(f => f.Prediction.Probabilities).ToArray());
            var clipLabels = new List<int>();
            var clipProbabilities = new List<IReadOnlyList<float>>();
            foreach (var file in files)
            {
                foreach (var clip in file.ClipProbabilities)
                {
                    clipLabels.Add(file.LabelIndex);
                    clipProbabilities.Add(clip);
                }
            }
            PerClip = EvaluationMetrics.Compute(classNames, clipLabels, clipProbabilities);
        }

        /// <summary>The model's classes, in the order of every probability list and confusion matrix.</summary>
        public IReadOnlyList<string> ClassNames { get; }

        /// <summary>The model's clip length in seconds.</summary>
        public double ClipDuration { get; }

        /// <summary>The readable rows, in the order of the data.</summary>
        public IReadOnlyList<EvaluatedFile> Files { get; }

        /// <summary>Audio files left out because they could not be read, one entry per path in first-seen order (empty
        /// without skipping).</summary>
        public IReadOnlyList<AudioFileError> Rejected { get; }

        /// <summary>Metrics of the file predictions (each the mean of its clips): the figure a collection of songs is
        /// judged by.</summary>
        public EvaluationMetrics PerFile { get; }

        /// <summary>Metrics of every clip scored alone, labelled with its file's label.</summary>
        public EvaluationMetrics PerClip { get; }

        /// <summary>Clips scored over all files.</summary>
        public int Clips => PerClip.Rows;

        /// <summary>Scores every row of <paramref name="data"/> (the model's path column, e.g. <c>Path</c>, and a text
        /// <c>Label</c> column with the model's classes) with <paramref name="model"/>, file by file,
        /// <paramref name="maxDegreeOfParallelism"/> files at a time (0: one per core).</summary>
        /// <param name="model">The model.</param>
        /// <param name="data">Labelled rows, one per audio file.</param>
        /// <param name="skipUnreadableFiles">Leave out (and list in <see cref="Rejected"/>) rows whose file cannot be
        /// read; otherwise the first such file's exception (<see cref="InvalidDataException"/>,
        /// <see cref="FileNotFoundException"/>, <see cref="NotSupportedException"/>) is thrown.</param>
        /// <param name="maxDegreeOfParallelism">Files scored at once.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="data"/> lacks the path or Label column, or one
        /// is not text.</exception>
        /// <exception cref="InvalidDataException">A row has an empty path or a label that is not one of the model's
        /// classes, or no row's file could be read (there is nothing to score).</exception>
        public static EvaluationReport Evaluate(EmotionModel model, IDataView data, bool skipUnreadableFiles = false,
            int maxDegreeOfParallelism = 0)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(data);
            var (paths, labels) = ReadRows(data, model.AudioLoader.InputColumnName, "Label");
            for (int r = 0; r < paths.Count; r++)
            {
                if (string.IsNullOrEmpty(paths[r]))
                    throw new InvalidDataException($"Row {r + 1} of the data has an empty {model.AudioLoader.InputColumnName}; every row needs an audio file.");
            }
            var predictions = model.PredictFiles(paths, maxDegreeOfParallelism, hopSeconds: null, includePartialClip: false,
                skipUnreadableFiles, progress: null);
            var report = FromPredictions(model.Classes, model.ClipDuration, labels, predictions);
            if (report.Files.Count == 0 && report.Rejected.Count > 0)
                throw new InvalidDataException(
                    $"None of the {report.Rejected.Count} audio files could be read; the first: {report.Rejected[0].Reason}");
            return report;
        }

        /// <summary>The report of <paramref name="predictions"/> (one per row, in order, an unreadable one with its
        /// <see cref="EmotionPrediction.Error"/>) against the rows' <paramref name="labels"/>.</summary>
        /// <exception cref="ArgumentException">The lists differ in length.</exception>
        /// <exception cref="InvalidDataException">A label is not one of <paramref name="classNames"/>.</exception>
        internal static EvaluationReport FromPredictions(IReadOnlyList<string> classNames, double clipDuration,
            IReadOnlyList<string> labels, IReadOnlyList<EmotionPrediction> predictions)
        {
            ArgumentNullException.ThrowIfNull(classNames);
            ArgumentNullException.ThrowIfNull(labels);
            ArgumentNullException.ThrowIfNull(predictions);
            if (labels.Count != predictions.Count)
                throw new ArgumentException(
                    $"labels has {labels.Count} rows but predictions has {predictions.Count}; they must match.", nameof(predictions));
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 0; c < classNames.Count; c++)
                index.TryAdd(classNames[c], c);
            var files = new List<EvaluatedFile>();
            var rejected = new List<AudioFileError>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < predictions.Count; r++)
            {
                var prediction = predictions[r];
                if (prediction.Error != null)
                {
                    if (seen.Add(prediction.Error.Path))
                        rejected.Add(prediction.Error);
                    continue;
                }
                if (labels[r] == null || !index.TryGetValue(labels[r], out int label))
                    throw new InvalidDataException(
                        $"Row {r + 1} ({prediction.Path}) is labelled '{labels[r]}', which is not one of the model's classes ({string.Join(", ", classNames)}).");
                files.Add(new EvaluatedFile(r, labels[r], label, prediction));
            }
            return new EvaluationReport(classNames.ToArray(), clipDuration, files, rejected);
        }

        /// <summary>The path and label of every row, read by one cursor so that they stay paired.</summary>
        private static (List<string> Paths, List<string> Labels) ReadRows(IDataView data, string pathColumnName, string labelColumnName)
        {
            var pathColumn = TextColumn(data, pathColumnName);
            var labelColumn = TextColumn(data, labelColumnName);
            var paths = new List<string>();
            var labels = new List<string>();
            using (var cursor = data.GetRowCursor(new[] { pathColumn, labelColumn }))
            {
                var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn);
                var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(labelColumn);
                ReadOnlyMemory<char> value = default;
                while (cursor.MoveNext())
                {
                    getPath(ref value);
                    paths.Add(value.ToString());
                    getLabel(ref value);
                    labels.Add(value.ToString());
                }
            }
            return (paths, labels);
        }

        private static DataViewSchema.Column TextColumn(IDataView data, string name)
        {
            var column = data.Schema.GetColumnOrNull(name)
                ?? throw new ArgumentOutOfRangeException(nameof(data), $"Could not find input column '{name}'");
            if (!(column.Type is TextDataViewType))
                throw new ArgumentOutOfRangeException(nameof(data), $"Schema mismatch for input column '{name}': expected String, got {column.Type}");
            return column;
        }
    }
}
