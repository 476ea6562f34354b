using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>An in-memory row of a [bins, frames] spectrogram and its class key, as the network trainer reads it.</summary>
    internal sealed class SpectrogramRow
    {
        public float[] Features;

        public uint Label;

        /// <summary>The schema of rows of [<paramref name="bins"/>, <paramref name="frames"/>] with <paramref name="classes"/> keys.</summary>
        public static SchemaDefinition Schema(int bins, int frames, int classes)
        {
            var schema = SchemaDefinition.Create(typeof(SpectrogramRow));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, bins, frames);
            schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
            return schema;
        }
    }
}
