using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// ML.NET's <see cref="RowToRowMapperTransform"/> for a transform whose rows are large and already computed on
    /// several cores (<see cref="LogStftTransformer"/>): a cursor that reads an added column is one ordered cursor over
    /// the source, mapped row by row on the consumer's thread, never split across threads.
    /// </summary>
    /// <remarks>
    /// For such a cursor <see cref="RowToRowMapperTransform"/> splits its source over worker threads and consolidates
    /// their rows in batches; with 5-MB spectrograms those batches hold gigabytes, and the cursors of
    /// <see cref="AudioReadAheadDataView"/> already overlap the decoding. Cursors that read none of the added columns are
    /// the plain transform's. Values are the mapper's, through <see cref="IRowToRowMapper.GetRow"/>. A cursor set is
    /// that cursor plus an empty one, so that a parallel transform downstream consolidates row by row instead of
    /// splitting the cursor into 128-row batches.
    /// </remarks>
    internal sealed class OrderedMapperDataView : IDataView
    {
        private readonly IDataView _source;
        private readonly IDataView _inner;
        private readonly IRowToRowMapper _rowMapper;
        private readonly HashSet<int> _addedColumns;

        public OrderedMapperDataView(IDataView source, RowToRowMapperTransform inner, IRowMapper mapper)
        {
            _source = source;
            _inner = inner;
            _rowMapper = inner;
            _addedColumns = new HashSet<int>(new ColumnBindings(source.Schema, mapper.GetOutputColumns()).AddedColumnIndices);
        }

        public bool CanShuffle => _inner.CanShuffle;

        public DataViewSchema Schema => _inner.Schema;

        public long? GetRowCount() => _inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
        {
            var columns = columnsNeeded?.ToArray() ?? Array.Empty<DataViewSchema.Column>();
            if (!columns.Any(c => _addedColumns.Contains(c.Index)))
                return _inner.GetRowCursor(columns, rand);
            var input = _source.GetRowCursor(_rowMapper.GetDependencies(columns), rand);
            try
            {
                return new MappedRowCursor(input, _rowMapper.GetRow(input, columns));
            }
            catch
            {
                input.Dispose();
                throw;
            }
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
        {
            var columns = columnsNeeded?.ToArray() ?? Array.Empty<DataViewSchema.Column>();
            if (!columns.Any(c => _addedColumns.Contains(c.Index)))
                return _inner.GetRowCursorSet(columns, n, rand);
            var cursor = (MappedRowCursor)GetRowCursor(columns, rand);
            if (n <= 1)
                return new DataViewRowCursor[] { cursor };
            // A lone cursor would be split by the consuming transform into 128-row batches (gigabytes of
            // spectrograms). With an empty partner, ML.NET consolidates instead, one batch per row (Batch is the
            // row's position), so a parallel transform downstream holds a few rows.
            cursor.BatchPerRow = true;
            return new DataViewRowCursor[] { cursor, new EmptyCursor(cursor) };
        }

        /// <summary>A cursor with no rows and the schema and active columns of its partner.</summary>
        private sealed class EmptyCursor : DataViewRowCursor
        {
            private readonly DataViewRowCursor _partner;

            public EmptyCursor(DataViewRowCursor partner) => _partner = partner;

            public override DataViewSchema Schema => _partner.Schema;

            public override long Position => -1;

            public override long Batch => 0;

            public override ValueGetter<DataViewRowId> GetIdGetter()
                => (ref DataViewRowId value) => throw new InvalidOperationException("The cursor has no rows.");

            public override bool IsColumnActive(DataViewSchema.Column column) => _partner.IsColumnActive(column);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                => (ref TValue value) => throw new InvalidOperationException("The cursor has no rows.");

            public override bool MoveNext() => false;
        }
    }
}
