using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>
    /// Fits LoadAudio -> LogStft (written once per clip to a temporary <see cref="SpectrogramCache"/> file) and then LabelToKey -> the chosen network (<see cref="NetworkTrainers"/>) -> KeyToLabel,
    /// and returns the two joined, so the saved zip takes raw audio paths.
    /// </summary>
    internal static class TrainingSession
    {
        public const string SpectrogramColumn = "Spectrogram";

        public static TrainedModel Train(MLContext ml, IDataView data, TrainingSettings settings,
            IProgress<TrainingProgress> progress, Action<int> clipDone = null)
        {
            // Up to ClipsPerFile consecutive clips of each file, each read at its offset; the saved model's LoadAudio
            // reads paths only (StrictCopy), as evaluate and predict cut files themselves.
            var clips = ml.Data.FirstClips(data, "Path", settings.Duration, settings.ClipsPerFile, settings.SkipUnreadableFiles,
                out var unprobed, out var offsetColumn, settings.DecoderBackend);
            var frontEnd = ml.Transforms.LoadAudio("Audio", "Path", sampleRate: settings.SampleRate, duration: settings.Duration,
                    offsetColumnName: offsetColumn, skipUnreadableFiles: settings.SkipUnreadableFiles, decoderBackend: settings.DecoderBackend)
                .Append(ml.Transforms.LogStft(SpectrogramColumn, "Audio", fftSize: settings.FftSize, hopLength: settings.HopLength))
                .Append(ml.Transforms.DropColumns("Audio"));
            var watch = Stopwatch.StartNew();
            var frontEndModel = frontEnd.Fit(clips);
            // The spectrograms go to a disk-backed cache (one 8-bit record per clip, ≤ 0.157 dB from the float values
            // at top_db 80), read back one row per cursor, so memory does not grow with the number of clips. The one
            // pass that writes it also finds the unreadable files (with skipping they are left out and listed).
            var cachePath = SpectrogramCache.NewTemporaryPath("train");
            try
            {
                var spectrograms = frontEndModel.Transform(clips);
                if (offsetColumn != null)
                    spectrograms = ml.Transforms.DropColumns(offsetColumn).Fit(spectrograms).Transform(spectrograms);
                var written = SpectrogramCache.Write(ml, spectrograms, SpectrogramColumn, cachePath,
                    SpectrogramCache.CodeBytesFor(LogStftEstimator.Defaults.TopDb), clipDone);
                var loader = frontEndModel.OfType<AudioLoadingTransformer>().First();
                // A file the length probe refused gives no clip, so it is in one list only; each list has a path once.
                var rejected = unprobed.Concat(loader.RejectedFiles).ToArray();
                if (written.Rows == 0 && rejected.Length > 0)
                    throw new InvalidDataException(
                        $"None of the {rejected.Length} audio files could be read; the first: {rejected[0].Reason}");
                if (written.Rows == 0)
                    throw new InvalidOperationException("The data set has no clips to train on.");
                var features = SpectrogramCache.Open(ml, cachePath);
                CheckClasses(features, rejected.Length);
                int rows = (int)written.Rows;
                double featureSeconds = watch.Elapsed.TotalSeconds;
                var dims = ((VectorDataViewType)features.Schema[SpectrogramColumn].Type).Dimensions;

                var classifier = ml.Transforms.Conversion.MapValueToKey("Label")
                    .Append(NetworkTrainers.Create(ml, settings, progress))
                    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
                watch.Restart();
                var classifierModel = classifier.Fit(features);
                double trainingSeconds = watch.Elapsed.TotalSeconds;
                // The saved model's LoadAudio fails fast (a zip does not silently skip files).
                var saved = new TransformerChain<ITransformer>(new ITransformer[] { StrictCopy(ml, loader, data) }
                    .Concat(frontEndModel.Skip(1)).ToArray());
                var model = saved.Append(classifierModel);
                var network = ModelInspector.FindNetwork(model);
                return new TrainedModel(model, network, network?.TrainingHistory ?? Array.Empty<TrainingProgress>(),
                    rows, dims[0], dims.Length > 1 ? dims[1] : 1, featureSeconds, trainingSeconds, rejected);
            }
            finally
            {
                File.Delete(cachePath);
            }
        }

        /// <summary>A classifier needs two classes; say so in our words (the trainer's own check names its key count)
        /// when the readable clips, after leaving out unreadable files, have only one.</summary>
        private static void CheckClasses(IDataView features, int rejected)
        {
            var labels = features.GetColumn<ReadOnlyMemory<char>>("Label").Select(l => l.ToString())
                .Distinct(StringComparer.Ordinal).ToArray();
            if (labels.Length < 2)
                throw new InvalidDataException(
                    $"Training needs clips of at least two classes; every readable clip is labelled '{labels[0]}'" +
                    (rejected > 0 ? $" ({rejected} unreadable files were left out)." : "."));
        }

        private static AudioLoadingTransformer StrictCopy(MLContext ml, AudioLoadingTransformer loader, IDataView data)
            => ml.Transforms.LoadAudio(new AudioLoadingEstimator.Options
            {
                OutputColumnName = loader.OutputColumnName,
                InputColumnName = loader.InputColumnName,
                SampleRate = loader.SampleRate,
                Duration = loader.Duration,
                Offset = loader.Offset,
                CenterClip = loader.CenterClip,
                DecoderBackend = loader.DecoderBackend,
            }).Fit(data);

        /// <summary>Per-label row counts, for the opening line of a training run.</summary>
        public static string DescribeLabels(IDataView data)
            => string.Join(", ", data.GetColumn<ReadOnlyMemory<char>>("Label").Select(l => l.ToString())
                .GroupBy(l => l).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
    }
}
