using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Transforms
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
    /// the plain transform's. Values are the mapper's, through <see cref="IRowToRowMapper.GetRow"/>.
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
                return new Cursor(input, _rowMapper.GetRow(input, columns));
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
            return new[] { GetRowCursor(columns, rand) };
        }

        /// <summary>A source cursor and the mapped row over it.</summary>
        private sealed class Cursor : DataViewRowCursor
        {
            private readonly DataViewRowCursor _input;
            private readonly DataViewRow _row;
            private bool _disposed;

            public Cursor(DataViewRowCursor input, DataViewRow row)
            {
                _input = input;
                _row = row;
            }

            public override DataViewSchema Schema => _row.Schema;

            public override long Position => _input.Position;

            public override long Batch => _input.Batch;

            public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

            public override bool IsColumnActive(DataViewSchema.Column column) => _row.IsColumnActive(column);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _row.GetGetter<TValue>(column);

            public override bool MoveNext() => !_disposed && _input.MoveNext();

            protected override void Dispose(bool disposing)
            {
                if (_disposed)
                    return;
                if (disposing)
                {
                    _row.Dispose();
                    _input.Dispose();
                }
                _disposed = true;
                base.Dispose(disposing);
            }
        }
    }
}
