using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Data;

namespace MusicEmotion.MLNet.Evaluation
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

        /// <summary>Runs the comparison on <paramref name="clips"/> (from any reader of <see cref="MusicEmotion.MLNet.Data"/>).</summary>
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
            var classNames = clips.Select(c => c.Label).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToArray();
            var classCounts = classNames.Select(c => clips.Count(x => x.Label == c)).ToArray();
            int songs = clips.Select(c => c.Song ?? c.Path).Distinct(StringComparer.Ordinal).Count();
            progress?.Report($"{clips.Count} clips, {songs} songs, classes: "
                + string.Join(", ", classNames.Select((c, i) => $"{c} {classCounts[i]}")));

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
                classNames = clips.Select(c => c.Label).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToArray();
                classCounts = classNames.Select(c => clips.Count(x => x.Label == c)).ToArray();
                songs = clips.Select(c => c.Song ?? c.Path).Distinct(StringComparer.Ordinal).Count();
                progress?.Report($"{cache.RejectedFiles.Count} clips left out (unreadable files); comparing {clips.Count} clips, {songs} songs, classes: "
                    + string.Join(", ", classNames.Select((c, i) => $"{c} {classCounts[i]}")));
                if (clips.Count == 0)
                    throw new InvalidDataException($"None of the audio files could be read; the first: {cache.RejectedFiles[0].Reason}");
            }
            var splits = ml.Data.GroupedStratifiedCrossValidationSplit(cache.Data, options.Folds, LabelColumn, SongColumn, options.Seed);
            var trainSongs = splits.Select(s => ReadText(s.TrainSet, SongColumn)).ToArray();
            var testSongs = splits.Select(s => ReadText(s.TestSet, SongColumn)).ToArray();
            var testLabels = splits.Select(s => ReadText(s.TestSet, LabelColumn)).ToArray();

            var results = new List<MethodResult>();
            foreach (var method in methods)
                results.Add(RunMethod(method, options, cache, classNames, splits, trainSongs, testSongs, testLabels));

            var result = new ComparisonResult
            {
                Options = options,
                Clips = clips.Count,
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
            string[] classNames, IReadOnlyList<DataOperationsCatalog.TrainTestData> splits,
            string[][] trainSongs, string[][] testSongs, string[][] testLabels)
        {
            var progress = options.Progress;
            progress?.Report($"Method {method.Description} ({method.Name}), {splits.Count} folds");
            var folds = new List<FoldResult>();
            for (int f = 0; f < splits.Count; f++)
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
                    Fold = f,
                    Epochs = options.Epochs,
                    BatchSize = options.BatchSize,
                    Seed = options.Seed,
                    Recipe = options.Recipe,
                    GroupColumnName = SongColumn,
                    Progress = progress,
                };
                progress?.Report($"  {method.Name} fold {f + 1}/{splits.Count}: training on {trainSongs[f].Length} clips, testing on {testSongs[f].Length}");
                FoldResult fold;
                try
                {
                    // A fresh context per fit: a method's numbers do not depend on which methods or folds ran before it.
                    var foldMl = new MLContext(options.Seed + f);
                    fold = RunFold(foldMl, method, settings, splits[f], trainSongs[f], testSongs[f], testLabels[f]);
                }
                catch (Exception e) when (NativeLoadFailure(e) is Exception native)
                {
                    var reason = $"{method.Description} skipped: its native library could not be loaded ({native.GetType().Name}: {native.Message})";
                    progress?.Report("  " + reason);
                    return new MethodResult(method, classNames, Array.Empty<FoldResult>(), reason);
                }
                folds.Add(fold);
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  {method.Name} fold {f + 1}/{splits.Count}: accuracy {fold.Scores.Accuracy:P1}, macro F1 {fold.Scores.MacroF1:P1}, train {fold.TrainSeconds:F1} s, predict {fold.PredictSeconds:F2} s"));
            }
            var result = new MethodResult(method, classNames, folds, null);
            progress?.Report($"  {method.Name}: accuracy {result.Accuracy.ToPercentString()} %, macro F1 {result.MacroF1.ToPercentString()} %");
            return result;
        }

        private static FoldResult RunFold(MLContext ml, ComparisonMethod method, MethodSettings settings,
            DataOperationsCatalog.TrainTestData split, string[] trainSongs, string[] testSongs, string[] testLabels)
        {
            var estimator = method.CreateEstimator(ml, settings);
            var train = method.CachesTrainingData
                ? ml.Data.Cache(split.TrainSet, settings.LabelColumnName, settings.SummaryColumnName)
                : split.TrainSet;
            var watch = Stopwatch.StartNew();
            var model = estimator.Fit(train);
            double trainSeconds = watch.Elapsed.TotalSeconds;

            watch.Restart();
            var (keyNames, scores) = ReadScores(model.Transform(split.TestSet));
            double predictSeconds = watch.Elapsed.TotalSeconds;

            if (scores.Length != testLabels.Length)
                throw new InvalidOperationException($"Scored {scores.Length} test rows but the fold has {testLabels.Length}.");
            // One prediction per file: the mean of its clips' scores (a cache of one clip per file gives the clip's own).
            var paths = ReadText(split.TestSet, PathColumn);
            var labelOfFile = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int r = 0; r < paths.Length; r++)
                labelOfFile.TryAdd(paths[r], testLabels[r]);
            var index = settings.ClassNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var counts = new long[index.Count, index.Count];
            foreach (var file in ClipScoreAveraging.AverageByFile(paths, scores))
            {
                // A missing prediction cannot happen for a trained class set; count it as wrong, never as right.
                int truth = index[labelOfFile[file.File]];
                string name = file.Predicted >= 0 && file.Predicted < keyNames.Length ? keyNames[file.Predicted] : null;
                int guess = name != null && index.TryGetValue(name, out int g) ? g : (truth + 1) % index.Count;
                counts[truth, guess]++;
            }
            var cost = method.GetCost(model, settings);
            (model as IDisposable)?.Dispose();
            return new FoldResult
            {
                Fold = settings.Fold,
                TrainSongs = trainSongs,
                TestSongs = testSongs,
                TrainRows = trainSongs.Length,
                TestRows = testSongs.Length,
                Scores = ClassificationScores.FromConfusionMatrix(settings.ClassNames, counts),
                TrainSeconds = trainSeconds,
                PredictSeconds = predictSeconds,
                Cost = cost,
            };
        }

        /// <summary>The class names in key order (the Score slots' order) and every row's Score, in row order.</summary>
        private static (string[] KeyNames, float[][] Scores) ReadScores(IDataView scored)
        {
            var column = scored.Schema["PredictedLabel"];
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.GetKeyValues(ref names);
            var keyNames = names.DenseValues().Select(n => n.ToString()).ToArray();
            var scores = scored.GetColumn<VBuffer<float>>(scored.Schema["Score"]).Select(v => v.DenseValues().ToArray()).ToArray();
            return (keyNames, scores);
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
            if (options.Epochs < 1)
                throw new ArgumentOutOfRangeException(nameof(options.Epochs), options.Epochs, $"Epochs={options.Epochs} must be positive.");
            if (options.ProgressInterval < 1)
                throw new ArgumentOutOfRangeException(nameof(options.ProgressInterval), options.ProgressInterval, $"ProgressInterval={options.ProgressInterval} must be positive.");
            Transforms.FrontEndLimits.Check(options.SampleRate, options.Duration, options.FftSize, options.HopLength, options.BatchSize);
            if (options.Methods != null && options.Methods.Count == 0)
                throw new ArgumentException("Methods is empty; give at least one method or null for the defaults.", nameof(options));
            if (options.Methods != null && options.Methods.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Methods.Count)
                throw new ArgumentException("Methods contains a name twice; method names must be unique.", nameof(options));
        }
    }
}
