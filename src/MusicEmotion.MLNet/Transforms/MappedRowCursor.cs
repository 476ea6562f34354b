using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>A source cursor and the row an <see cref="IRowToRowMapper"/> maps over it: one ordered cursor, each
    /// row computed when it is read on the consumer's thread.</summary>
    internal sealed class MappedRowCursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _input;
        private readonly DataViewRow _row;
        private bool _disposed;

        public MappedRowCursor(DataViewRowCursor input, DataViewRow row)
        {
            _input = input;
            _row = row;
        }

        public override DataViewSchema Schema => _row.Schema;

        public override long Position => _input.Position;

        /// <summary>Set when the cursor is one of a set: every row is its own batch.</summary>
        public bool BatchPerRow { get; set; }

        public override long Batch => BatchPerRow ? _input.Position : _input.Batch;

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
