using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// The paper's comparison (Tables 2 and 3) made honest: song-grouped stratified k-fold cross-validation of every
    /// method over features computed once per clip and cached on disk, with accuracy, macro and per-class
    /// precision/recall/F1, parameters, FLOPs and train/predict times as mean ± sample standard deviation over folds.
    /// </summary>
    /// <remarks>
    /// The features (LoadAudio → LogStft → SpectralSummary) are written once, streamed, to a spectrogram cache file
    /// in <see cref="ComparisonOptions.CacheDirectory"/> (each clip's dB spectrogram in 8 bits over its own 80-dB
    /// range, within 0.157 dB; the summary in float32; 1.33 MB per 30-s clip) and reused by every method and fold,
    /// and by later runs with the same clips and front-end options. Training and scoring read it row by row, so
    /// memory does not grow with the number of clips. Folds come from
    /// <see cref="MusicDataCatalog.GroupedStratifiedCrossValidationSplit"/>, so no song is on both sides of a fold.
    /// With an output folder the run writes <c>comparison.md</c>, <c>folds.csv</c>, <c>run.json</c> and one
    /// <c>confusion-&lt;method&gt;.png</c> per method.
    /// </remarks>
    /// <example>See <c>samples/PaperComparison</c>.</example>
    public static class ComparisonExperiment
    {
        private const string LabelColumn = nameof(MusicClip.Label);
        private const string SongColumn = nameof(MusicClip.Song);
        private const string PathColumn = nameof(MusicClip.Path);

        /// <summary>Runs the comparison on <paramref name="clips"/> (from <c>ml.Data.LoadAudioFolder</c>, <c>LoadAudioManifest</c> or your own list).</summary>
        /// <param name="clips">The clips; each needs a path and a label, and a song to group by (the path is used when it is null).</param>
        /// <param name="options">The options; null uses the defaults.</param>
        /// <returns>The measured results; the files named in <see cref="ComparisonResult.OutputFiles"/> are written too.</returns>
        public static ComparisonResult Run(IReadOnlyList<MusicClip> clips, ComparisonOptions options = null)
        {
            options ??= new ComparisonOptions();
            Validate(clips, options);
            var started = DateTime.UtcNow;
            var progress = options.Progress;
            var methods = options.Methods ?? ComparisonMethods.Default;
            var ml = new MLContext(options.Seed);
            var (classNames, classCounts, songs, summary) = Describe(clips);
            progress?.Report(summary);

            var cacheDirectory = options.CacheDirectory
                ?? (options.OutputDirectory != null
                    ? Path.Combine(options.OutputDirectory, "feature-cache")
                    : Path.Combine(Path.GetTempPath(), "MusicEmotion.MLNet", "feature-cache"));
            var cache = FeatureCache.Open(ml, clips, options, cacheDirectory);
            if (cache.RejectedFiles.Count > 0)
            {
                // The comparison runs on the clips whose file could be read.
                var rejectedPaths = new HashSet<string>(cache.RejectedFiles.Select(r => r.Path), StringComparer.Ordinal);
                clips = clips.Where(c => !rejectedPaths.Contains(c.Path)).ToArray();
                (classNames, classCounts, songs, summary) = Describe(clips);
                progress?.Report($"{cache.RejectedFiles.Count} clips left out (unreadable files); comparing {summary}");
                if (clips.Count == 0)
                    throw new InvalidDataException($"None of the audio files could be read; the first: {cache.RejectedFiles[0].Reason}");
            }
            var folds = new List<FoldSplit>();
            for (int r = 0; r < options.Repeats; r++)
            {
                var splits = ml.Data.GroupedStratifiedCrossValidationSplit(cache.Data, options.Folds, LabelColumn, SongColumn, options.Seed + r);
                for (int f = 0; f < splits.Count; f++)
                    folds.Add(FoldSplit.Create(r, f, splits[f]));
            }

            var results = new List<MethodResult>();
            foreach (var method in methods)
            {
                results.Add(method.Members.Count > 0
                    ? CombineMembers(method, results, classNames, folds, progress)
                    : RunMethod(method, options, cache, classNames, folds));
            }

            var result = new ComparisonResult
            {
                Options = options,
                Clips = clips.Count,
                ClipRows = cache.Rows,
                RejectedFiles = cache.RejectedFiles,
                Songs = songs,
                ClassNames = classNames,
                ClassCounts = classCounts,
                FeatureCachePath = cache.Path,
                FeatureCacheReused = cache.Reused,
                FeatureSeconds = cache.Seconds,
                Bins = cache.Bins,
                Frames = cache.Frames,
                SummaryLength = cache.SummaryLength,
                Methods = results,
                StartedUtc = started,
                FinishedUtc = DateTime.UtcNow,
            };
            result.Markdown = ComparisonReport.Markdown(result);
            result.OutputFiles = options.OutputDirectory == null
                ? Array.Empty<string>()
                : ComparisonReport.Write(result, options.OutputDirectory);
            return result;
        }

        private static MethodResult RunMethod(ComparisonMethod method, ComparisonOptions options, FeatureCache cache,
            string[] classNames, IReadOnlyList<FoldSplit> folds)
        {
            var progress = options.Progress;
            progress?.Report($"Method {method.Description} ({method.Name}), {FoldCount(options)}");
            var results = new List<FoldResult>();
            foreach (var fold in folds)
            {
                var settings = new MethodSettings
                {
                    LabelColumnName = LabelColumn,
                    SummaryColumnName = FeatureCache.SummaryColumn,
                    SpectrogramColumnName = FeatureCache.SpectrogramColumn,
                    Bins = cache.Bins,
                    Frames = cache.Frames,
                    SummaryLength = cache.SummaryLength,
                    ClassNames = classNames,
                    Fold = fold.Fold,
                    Epochs = options.Epochs,
                    BatchSize = options.BatchSize,
                    LearningRate = options.LearningRate,
                    Seed = options.Seed,
                    Recipe = options.Recipe,
                    UseBFloat16 = options.UseBFloat16,
                    GroupColumnName = SongColumn,
                    Progress = progress,
                };
                var name = FoldName(method, fold, options);
                progress?.Report($"  {name}: training on {fold.TrainSongs.Length} clips, testing on {fold.TestSongs.Length} files");
                FoldResult result;
                try
                {
                    // A fresh context per fit: a method's numbers do not depend on which methods or folds ran before it.
                    var foldMl = new MLContext(options.Seed + fold.Repeat * options.Folds + fold.Fold);
                    result = RunFold(foldMl, method, settings, fold);
                }
                catch (Exception e) when (NativeLoadFailure(e) is Exception native)
                {
                    var reason = $"{method.Description} skipped: its native library could not be loaded ({native.GetType().Name}: {native.Message})";
                    progress?.Report("  " + reason);
                    return new MethodResult(method, classNames, Array.Empty<FoldResult>(), reason);
                }
                results.Add(result);
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: accuracy {result.Scores.Accuracy:P1}, macro F1 {result.Scores.MacroF1:P1}, train {result.TrainSeconds:F1} s, predict {result.PredictSeconds:F2} s"));
            }
            var summary = new MethodResult(method, classNames, results, null);
            progress?.Report($"  {method.Name}: accuracy {summary.Accuracy.ToPercentString()} %, macro F1 {summary.MacroF1.ToPercentString()} %");
            return summary;
        }

        private static MethodResult CombineMembers(ComparisonMethod ensemble, IReadOnlyList<MethodResult> done,
            string[] classNames, IReadOnlyList<FoldSplit> folds, IProgress<string> progress)
        {
            // Validate put every member before its ensemble.
            var members = ensemble.Members.Select(m => done.First(r => r.Name == m.Name)).ToArray();
            var skipped = members.FirstOrDefault(m => m.SkipReason != null);
            if (skipped != null)
            {
                var reason = $"{ensemble.Description} skipped: member {skipped.Name} did not run.";
                progress?.Report("  " + reason);
                return new MethodResult(ensemble, classNames, Array.Empty<FoldResult>(), reason);
            }
            var results = folds.Select((fold, i) => EnsembleMethod.Combine(members.Select(m => m.Folds[i]).ToArray(), classNames, fold.TestLabels)).ToArray();
            var summary = new MethodResult(ensemble, classNames, results, null);
            progress?.Report($"  {ensemble.Name} ({string.Join(" + ", members.Select(m => m.Name))}): accuracy {summary.Accuracy.ToPercentString()} %, macro F1 {summary.MacroF1.ToPercentString()} %");
            return summary;
        }

        /// <summary>The sorted class names, the clips of each, the number of songs, and a line saying so.</summary>
        private static (string[] ClassNames, int[] ClassCounts, int Songs, string Summary) Describe(IReadOnlyList<MusicClip> clips)
        {
            var classNames = clips.Select(c => c.Label).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToArray();
            var classCounts = classNames.Select(c => clips.Count(x => x.Label == c)).ToArray();
            int songs = clips.Select(c => c.Song ?? c.Path).Distinct(StringComparer.Ordinal).Count();
            return (classNames, classCounts, songs, $"{clips.Count} clips, {songs} songs, classes: "
                + string.Join(", ", classNames.Select((c, i) => $"{c} {classCounts[i]}")));
        }

        private static string FoldCount(ComparisonOptions options)
            => options.Repeats == 1 ? $"{options.Folds} folds" : $"{options.Folds} folds × {options.Repeats} repeats";

        private static string FoldName(ComparisonMethod method, FoldSplit fold, ComparisonOptions options)
            => options.Repeats == 1
                ? $"{method.Name} fold {fold.Fold + 1}/{options.Folds}"
                : $"{method.Name} repeat {fold.Repeat + 1}/{options.Repeats} fold {fold.Fold + 1}/{options.Folds}";

        /// <summary>One train/test split of one repeat, read back from its views: the song of every training clip, and
        /// the test files (the song and label of each, and which file every test row is a clip of).</summary>
        private sealed record FoldSplit(int Repeat, int Fold, DataOperationsCatalog.TrainTestData Split,
            string[] TrainSongs, string[] TestSongs, string[] TestLabels, int[] FileOfTestRow)
        {
            public static FoldSplit Create(int repeat, int fold, DataOperationsCatalog.TrainTestData split)
            {
                var paths = ReadText(split.TestSet, PathColumn);
                var songs = ReadText(split.TestSet, SongColumn);
                var labels = ReadText(split.TestSet, LabelColumn);
                var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                var fileOfRow = new int[paths.Length];
                var fileSongs = new List<string>();
                var fileLabels = new List<string>();
                for (int row = 0; row < paths.Length; row++)
                {
                    if (!fileIndex.TryGetValue(paths[row], out int file))
                    {
                        file = fileIndex[paths[row]] = fileSongs.Count;
                        fileSongs.Add(songs[row]);
                        fileLabels.Add(labels[row]);
                    }
                    fileOfRow[row] = file;
                }
                return new FoldSplit(repeat, fold, split, ReadText(split.TrainSet, SongColumn), fileSongs.ToArray(),
                    fileLabels.ToArray(), fileOfRow);
            }
        }

        private static FoldResult RunFold(MLContext ml, ComparisonMethod method, MethodSettings settings, FoldSplit fold)
        {
            var split = fold.Split;
            var testLabels = fold.TestLabels;
            var estimator = method.CreateEstimator(ml, settings);
            var train = method.CachesTrainingData
                ? ml.Data.Cache(split.TrainSet, settings.LabelColumnName, settings.SummaryColumnName)
                : split.TrainSet;
            var watch = Stopwatch.StartNew();
            var model = estimator.Fit(train);
            double trainSeconds = watch.Elapsed.TotalSeconds;

            watch.Restart();
            var clipProbabilities = Predictions(model.Transform(split.TestSet), settings.ClassNames);
            double predictSeconds = watch.Elapsed.TotalSeconds;

            if (clipProbabilities.Length != fold.FileOfTestRow.Length)
                throw new InvalidOperationException($"Scored {clipProbabilities.Length} test rows but the fold has {fold.FileOfTestRow.Length}.");
            // A file's prediction is the mean of its clips' probabilities, as mer predict makes it.
            int classes = settings.ClassNames.Count;
            var clipsOfFile = Enumerable.Range(0, clipProbabilities.Length).ToLookup(r => fold.FileOfTestRow[r]);
            var probabilities = Enumerable.Range(0, testLabels.Length)
                .Select(file => ClipAveraging.MeanProbabilities(clipsOfFile[file].Select(r => (IReadOnlyList<float>)clipProbabilities[r]), classes))
                .ToArray();
            var index = settings.ClassNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var counts = new long[index.Count, index.Count];
            for (int file = 0; file < probabilities.Length; file++)
            {
                // Scores a trained class set cannot miss; a NaN row (none) would count as wrong, never as right.
                int truth = index[testLabels[file]];
                int guess = probabilities[file].All(float.IsFinite) ? ClipAveraging.ArgMax(probabilities[file]) : (truth + 1) % classes;
                counts[truth, guess]++;
            }
            var cost = method.GetCost(model, settings);
            (model as IDisposable)?.Dispose();
            return new FoldResult
            {
                Fold = fold.Fold,
                Repeat = fold.Repeat,
                TrainSongs = fold.TrainSongs,
                TestSongs = fold.TestSongs,
                TrainRows = fold.TrainSongs.Length,
                TestRows = testLabels.Length,
                Probabilities = probabilities,
                Scores = ClassificationScores.FromConfusionMatrix(settings.ClassNames, counts),
                TrainSeconds = trainSeconds,
                PredictSeconds = predictSeconds,
                Cost = cost,
            };
        }

        /// <summary>The class probabilities of every row in <paramref name="classNames"/> order (the Score slots follow
        /// the PredictedLabel keys; see <see cref="EnsembleMethod.Normalize"/>), in row order.</summary>
        private static float[][] Predictions(IDataView scored, IReadOnlyList<string> classNames)
        {
            var column = scored.Schema["PredictedLabel"];
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.GetKeyValues(ref names);
            var keyNames = names.DenseValues().Select(n => n.ToString()).ToArray();
            var slotOfClass = classNames.Select(c => Array.IndexOf(keyNames, c)).ToArray();
            var probabilities = new List<float[]>();
            var scoreColumn = scored.Schema["Score"];
            using var cursor = scored.GetRowCursor(new[] { scoreColumn });
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(scoreColumn);
            VBuffer<float> score = default;
            while (cursor.MoveNext())
            {
                scoreGetter(ref score);
                var dense = score.DenseValues().ToArray();
                var byClass = slotOfClass.Select(slot => slot >= 0 && slot < dense.Length ? dense[slot] : float.NaN).ToArray();
                probabilities.Add(EnsembleMethod.Normalize(byClass));
            }
            return probabilities.ToArray();
        }

        private static string[] ReadText(IDataView data, string column)
            => data.GetColumn<ReadOnlyMemory<char>>(data.Schema[column]).Select(v => v.ToString()).ToArray();

        /// <summary>The exception that says a native library is missing (LightGBM's <c>lib_lightgbm</c>, for one), or null.</summary>
        private static Exception NativeLoadFailure(Exception e)
        {
            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is DllNotFoundException || inner is EntryPointNotFoundException || inner is BadImageFormatException)
                    return inner;
            }
            return null;
        }

        private static void Validate(IReadOnlyList<MusicClip> clips, ComparisonOptions options)
        {
            if (clips == null)
                throw new ArgumentNullException(nameof(clips));
            if (clips.Count == 0)
                throw new ArgumentException("clips is empty; the comparison needs at least one clip per fold.", nameof(clips));
            for (int i = 0; i < clips.Count; i++)
            {
                if (clips[i] == null || string.IsNullOrEmpty(clips[i].Path) || string.IsNullOrEmpty(clips[i].Label))
                    throw new ArgumentException($"Clip {i} has no path or no label.", nameof(clips));
            }
            if (clips.Select(c => c.Label).Distinct(StringComparer.Ordinal).Count() < 2)
                throw new ArgumentException("clips must have at least two labels to classify.", nameof(clips));
            if (options.Folds < 2)
                throw new ArgumentOutOfRangeException(nameof(options.Folds), options.Folds, $"Folds={options.Folds} must be at least 2.");
            // Checked here, before any feature is computed: a fold needs a song of its own.
            int songs = clips.Select(c => c.Song ?? c.Path).Distinct(StringComparer.Ordinal).Count();
            if (options.Folds > songs)
                throw new ArgumentOutOfRangeException(nameof(options.Folds), options.Folds,
                    $"Folds={options.Folds} must be at most the number of songs, {songs}: each fold's test set needs a song of its own.");
            if (options.Repeats < 1)
                throw new ArgumentOutOfRangeException(nameof(options.Repeats), options.Repeats, $"Repeats={options.Repeats} must be positive.");
            if (options.Epochs < 1)
                throw new ArgumentOutOfRangeException(nameof(options.Epochs), options.Epochs, $"Epochs={options.Epochs} must be positive.");
            if (options.ClipsPerFile < 1)
                throw new ArgumentOutOfRangeException(nameof(options.ClipsPerFile), options.ClipsPerFile, $"ClipsPerFile={options.ClipsPerFile} must be positive.");
            if (options.LearningRate is double rate && !(rate > 0))
                throw new ArgumentOutOfRangeException(nameof(options.LearningRate), rate, $"LearningRate={rate} must be positive.");
            if (options.ProgressInterval < 1)
                throw new ArgumentOutOfRangeException(nameof(options.ProgressInterval), options.ProgressInterval, $"ProgressInterval={options.ProgressInterval} must be positive.");
            FrontEndLimits.Check(options.SampleRate, options.Duration, options.FftSize, options.HopLength, options.BatchSize);
            if (options.Methods != null && options.Methods.Count == 0)
                throw new ArgumentException("Methods is empty; give at least one method or null for the defaults.", nameof(options));
            var before = new HashSet<ComparisonMethod>();
            foreach (var method in options.Methods ?? Array.Empty<ComparisonMethod>())
            {
                var missing = method.Members.FirstOrDefault(member => !before.Contains(member));
                if (missing != null)
                    throw new ArgumentException($"Methods: {method.Name} needs {missing.Name} before it (ComparisonMethods.Resolve puts an ensemble's members first).", nameof(options));
                before.Add(method);
            }
            if (options.Methods != null && options.Methods.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Methods.Count)
                throw new ArgumentException("Methods contains a name twice; method names must be unique.", nameof(options));
        }
    }
}
