using System;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>A waveform column's row as the spectral transforms read it.</summary>
    internal static class WaveformRow
    {
        /// <summary>The samples of <paramref name="row"/> as one dense span (a sparse row is expanded into
        /// <paramref name="dense"/>, allocated once per getter), after checking it holds <paramref name="expected"/>
        /// samples as the schema of <paramref name="column"/> says.</summary>
        public static ReadOnlySpan<float> Samples(IExceptionContext host, in VBuffer<float> row, int expected, string column,
            ref float[] dense)
        {
            host.Check(row.Length == expected, $"Input column '{column}' has a row of {row.Length} samples; the schema says {expected}.");
            if (row.IsDense)
                return row.GetValues();
            dense ??= new float[expected];
            row.CopyTo(dense);
            return dense;
        }
    }
}
