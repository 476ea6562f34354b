using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary>Inputs and expected outputs written by TestData/summary/make_summary_fixtures.py.</summary>
    internal static class SummaryFixture
    {
        public const int Bins = 65;
        public const int Frames = 40;

        public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "summary");

        public static float[] ReadFloats(string name)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Folder, name));
            var values = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }

        public static double[] ReadExpected(string name) => File.ReadAllLines(Path.Combine(Folder, name))
            .Where(l => l.Trim().Length > 0)
            .Select(l => double.Parse(l, CultureInfo.InvariantCulture))
            .ToArray();

        /// <summary>Rows of (Spectrogram [bins, frames], Audio) as an IDataView with the spectrogram's dimensions set.</summary>
        public static IDataView DataView(MLContext ml, float[][] spectrograms, float[][] audio, int bins = Bins, int frames = Frames)
        {
            var rows = spectrograms.Select((s, i) => new Row { Spectrogram = s, Audio = audio[i] }).ToArray();
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Spectrogram)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, bins, frames);
            int audioLength = audio[0].Length;
            schema[nameof(Row.Audio)].ColumnType = audio.All(a => a.Length == audioLength)
                ? new VectorDataViewType(NumberDataViewType.Single, audioLength)
                : new VectorDataViewType(NumberDataViewType.Single);
            return ml.Data.LoadFromEnumerable(rows, schema);
        }

        public sealed class Row
        {
            public float[] Spectrogram { get; set; }

            public float[] Audio { get; set; }
        }
    }
}
