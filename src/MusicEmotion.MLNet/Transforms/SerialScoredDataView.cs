using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A model chain applied to a view row by row on the consumer's thread, through the chain's
    /// <see cref="IRowToRowMapper"/>: one ordered cursor, never split.
    /// </summary>
    /// <remarks>
    /// Cursoring <c>model.Transform(data)</c> lets ML.NET's scorer split its single input cursor over worker threads and
    /// consolidate them in batches of 128 rows, up to seven batches in flight: with ~1 MB spectrograms per row that is
    /// hundreds of megabytes (the memory growth of <c>mer predict</c> on long files), and an unreadable file's exception
    /// reaches the user wrapped in "Splitter/consolidator worker encountered exception ...". Here the decoding still
    /// overlaps (LoadAudio's read-ahead cursor), the rest is computed as each row is read, memory stays at a few rows,
    /// and errors arrive as thrown.
    /// </remarks>
    internal sealed class SerialScoredDataView : IDataView
    {
        private readonly IDataView _input;
        private readonly IRowToRowMapper _mapper;

        public SerialScoredDataView(IDataView input, ITransformer model)
        {
            _input = input;
            _mapper = model.GetRowToRowMapper(input.Schema);
        }

        public bool CanShuffle => false;

        public DataViewSchema Schema => _mapper.OutputSchema;

        public long? GetRowCount() => _input.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
        {
            var columns = (columnsNeeded ?? Enumerable.Empty<DataViewSchema.Column>()).Select(c => Schema[c.Index]).ToArray();
            var input = _input.GetRowCursor(_mapper.GetDependencies(columns));
            try
            {
                return new MappedRowCursor(input, _mapper.GetRow(input, columns));
            }
            catch
            {
                input.Dispose();
                throw;
            }
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };
    }
}
