using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>cache --data manifest.csv [--clips N] [--epochs E] [--model model.zip]</c>: the spectrogram cache on N real
    /// clips (the manifest's rows, repeated under other song names when N is larger): cache MB per clip, write clips/s
    /// (LoadAudio → LogStft → quantise → write), read-back clips/s of a shuffled pass, seconds per training epoch of
    /// the Inception-GRU network on the cache, and the process's peak RSS after each phase. With <c>--model</c> (a
    /// <c>mer train</c> zip) it scores every clip twice, through the model's own float front end and from the
    /// quantised cache, and counts the predictions that differ and the largest probability difference.
    /// </summary>
    internal static class CacheBenchmark
    {
        public static int Run(string[] args)
        {
            string data = null, model = null;
            int clips = 0, epochs = 1;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--data": data = args[++i]; break;
                    case "--clips": clips = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--model": model = args[++i]; break;
                    default:
                        Console.Error.WriteLine($"cache: unknown option '{args[i]}'; usage: cache --data manifest.csv [--clips N] [--epochs E] [--model model.zip]");
                        return 2;
                }
            }
            if (data == null)
            {
                Console.Error.WriteLine("cache: --data is required (a CSV manifest path,label[,song]).");
                return 2;
            }
            var listed = AudioManifestReader.Read(data, null).ToList();
            if (clips <= 0)
                clips = listed.Count;
            var rows = Enumerable.Range(0, clips).Select(i => new MusicClip
            {
                Path = listed[i % listed.Count].Path,
                Label = listed[i % listed.Count].Label,
                Song = (listed[i % listed.Count].Song ?? listed[i % listed.Count].Path) + (i < listed.Count ? "" : $"-copy{i / listed.Count}"),
            }).ToArray();

            var ml = new MLContext(seed: 1);
            var input = ml.Data.LoadMusicClips(rows);
            var frontEnd = ml.Transforms.LoadAudio("Audio", "Path")
                .Append(ml.Transforms.LogStft("Spectrogram", "Audio"))
                .Append(ml.Transforms.DropColumns("Audio"))
                .Fit(input);
            var path = Path.Combine(Path.GetTempPath(), "MusicEmotion.MLNet", $"cache-benchmark-{Environment.ProcessId}.spc");
            try
            {
                Console.WriteLine($"{clips} clips from {data}; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
                var written = SpectrogramCache.Write(ml, frontEnd.Transform(input), "Spectrogram", path,
                    SpectrogramCache.CodeBytesFor(LogStftEstimator.Defaults.TopDb));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"write: {written.Rows} clips in {written.Seconds:F1} s = {written.RowsPerSecond:F1} clips/s (LoadAudio -> LogStft -> quantise -> write), " +
                    $"of which quantising and writing {written.StoreSeconds * 1000 / Math.Max(1, written.Rows):F2} ms/clip; " +
                    $"cache {written.MegabytesPerRow:F3} MB/clip, max error {written.MaxError:F4} dB; peak RSS {PeakRssMb():F0} MB"));

                var cache = SpectrogramCache.Open(ml, path);
                var read = Stopwatch.StartNew();
                long readRows = ReadAll(cache, new Random(1));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"read: {readRows} clips shuffled in {read.Elapsed.TotalSeconds:F2} s = {readRows / read.Elapsed.TotalSeconds:F0} clips/s; peak RSS {PeakRssMb():F0} MB"));

                if (epochs > 0)
                {
                    var trainer = ml.Transforms.Conversion.MapValueToKey("Label")
                        .Append(ml.MulticlassClassification.Trainers.InceptionGruResidual("Label", "Spectrogram", epochs: epochs, seed: 1));
                    var fit = Stopwatch.StartNew();
                    var trained = trainer.Fit(cache);
                    double seconds = fit.Elapsed.TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"train: {epochs} epochs of {written.Rows} clips in {seconds:F1} s = {seconds / epochs:F1} s/epoch ({written.Rows * epochs / seconds:F1} clips/s); peak RSS {PeakRssMb():F0} MB"));
                }

                if (model != null)
                    ComparePredictions(ml, model, input, cache);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS {PeakRssMb():F0} MB"));
                return 0;
            }
            finally
            {
                File.Delete(path);
            }
        }

        /// <summary>Scores every clip through the model as saved (float spectrograms) and through its classifier on
        /// the cache (quantised), and prints how many predicted labels differ and the largest probability difference.</summary>
        private static void ComparePredictions(MLContext ml, string modelPath, IDataView clips, IDataView cache)
        {
            var model = ml.Model.Load(modelPath, out _);
            var parts = Flatten(model);
            int logStft = parts.FindIndex(t => t is LogStftTransformer);
            if (logStft < 0)
                throw new InvalidDataException($"Model {modelPath} has no LogStft step; give a zip written by mer train.");
            int first = logStft + 1;
            while (first < parts.Count && parts[first] is ColumnSelectingTransformer)
                first++;
            var quantised = cache;
            for (int i = first; i < parts.Count; i++)
                quantised = parts[i].Transform(quantised);
            var full = model.Transform(clips);
            var a = Scores(full);
            var b = Scores(quantised);
            if (a.Count != b.Count)
                throw new InvalidOperationException($"Scored {a.Count} clips through the model and {b.Count} from the cache.");
            int changed = 0;
            double maxDiff = 0, maxMargin = 0;
            for (int r = 0; r < a.Count; r++)
            {
                int argA = ArgMax(a[r]), argB = ArgMax(b[r]);
                if (argA != argB)
                    changed++;
                for (int c = 0; c < a[r].Length; c++)
                    maxDiff = Math.Max(maxDiff, Math.Abs(a[r][c] - b[r][c]));
                maxMargin = Math.Max(maxMargin, a[r].Max());
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"predictions of {modelPath}: {a.Count} clips, {changed} predicted labels differ between float and quantised spectrograms, " +
                $"max |probability difference| {maxDiff:E2} (largest float probability {maxMargin:F3})"));
        }

        private static List<float[]> Scores(IDataView scored)
        {
            var column = scored.Schema["Score"];
            var result = new List<float[]>();
            using var cursor = scored.GetRowCursor(new[] { column });
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                result.Add(value.DenseValues().ToArray());
            }
            return result;
        }

        private static int ArgMax(float[] values)
        {
            int best = 0;
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] > values[best])
                    best = i;
            }
            return best;
        }

        private static List<ITransformer> Flatten(ITransformer model)
        {
            var result = new List<ITransformer>();
            void Add(ITransformer t)
            {
                if (t is IEnumerable<ITransformer> chain)
                {
                    foreach (var inner in chain)
                        Add(inner);
                }
                else
                {
                    result.Add(t);
                }
            }
            Add(model);
            return result;
        }

        private static long ReadAll(IDataView data, Random shuffle)
        {
            var column = data.Schema["Spectrogram"];
            using var cursor = data.GetRowCursor(new[] { column }, shuffle);
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            long n = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                n++;
            }
            return n;
        }

        /// <summary>The process's peak resident set (VmHWM on Linux), in MB.</summary>
        private static double PeakRssMb()
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / 1e6;
        }

        private static string LoadAverage()
            => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    }
}
