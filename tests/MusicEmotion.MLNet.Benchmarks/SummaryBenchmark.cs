using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>summary [clips]</c>: time of <c>SpectralSummary</c> on full-size inputs (30 s at 22,050 Hz: a
    /// [1025, 1292] decibel spectrogram and the 661,500-sample waveform), per clip, single-threaded cursor.
    /// </summary>
    internal static class SummaryBenchmark
    {
        private const int Bins = 1025, Frames = 1292, Samples = 661500;

        public static int Run(string[] args)
        {
            int clips = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
            var random = new Random(1);
            var rows = Enumerable.Range(0, clips).Select(_ => new Row
            {
                Spectrogram = Enumerable.Range(0, Bins * Frames).Select(_ => (float)(random.NextDouble() * 80 - 60)).ToArray(),
                Audio = Enumerable.Range(0, Samples).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
            }).ToArray();
            var ml = new MLContext(seed: 1);
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Spectrogram)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Bins, Frames);
            schema[nameof(Row.Audio)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Samples);
            var data = ml.Data.LoadFromEnumerable(rows, schema);
            var model = ml.Transforms.SpectralSummary("Features", "Spectrogram", "Audio").Fit(data);
            var output = model.Transform(data);
            Consume(output, 1);
            var watch = Stopwatch.StartNew();
            int n = Consume(output, clips);
            watch.Stop();
            Console.WriteLine($"SpectralSummary: {n} clips of [{Bins}, {Frames}] + {Samples} samples, " +
                $"{watch.Elapsed.TotalMilliseconds / n:F1} ms per clip ({Environment.ProcessorCount} cores visible)");
            return 0;
        }

        private static int Consume(IDataView output, int limit)
        {
            var column = output.Schema["Features"];
            using var cursor = output.GetRowCursor(new[] { column });
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            int n = 0;
            while (n < limit && cursor.MoveNext())
            {
                getter(ref value);
                n++;
            }
            return n;
        }

        private sealed class Row
        {
            public float[] Spectrogram { get; set; }

            public float[] Audio { get; set; }
        }
    }
}
