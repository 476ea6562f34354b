using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The data view of <see cref="AudioLoadingTransformer.Transform"/>: the schema and values of ML.NET's own
    /// <see cref="RowToRowMapperTransform"/> over the transformer's row mapper, but a cursor that reads the clip column
    /// gets its clips from <see cref="AudioReadAheadCursor"/>, which decodes the next rows' files on worker threads.
    /// </summary>
    /// <remarks>
    /// For a cursor over an added column, ML.NET's <see cref="RowToRowMapperTransform"/> asks its source for a cursor
    /// set, splits a single source cursor over worker threads and consolidates their rows in batches: the output is
    /// parallel but buffered by the batch (hundreds of megabytes of clips), and a decoding error ends the cursor at
    /// <c>MoveNext</c>, wrapped. This view gives one ordered cursor instead (also for cursor sets, which may hold fewer
    /// cursors than asked for), overlapping the decoding of the next rows, with bounded memory and each error at its
    /// row. Cursors that do not read the clip column are the plain transform's.
    ///
    /// With <see cref="AudioLoadingTransformer.SkipUnreadableFiles"/> every cursor is an
    /// <see cref="AudioReadAheadCursor"/>, even one that does not read the clip column (it decodes to decide which rows
    /// exist, so that all cursors of the view give the same rows), and the row count is unknown.
    /// </remarks>
    internal sealed class AudioReadAheadDataView : IDataView
    {
        private readonly IHost _host;
        private readonly AudioLoadingTransformer _parent;
        private readonly IDataView _input;
        private readonly IDataView _serial;
        private readonly ColumnBindings _bindings;
        private readonly int _clipColumn;
        private readonly int _pathColumn;
        private readonly int _offsetColumn;

        public AudioReadAheadDataView(IHost host, AudioLoadingTransformer parent, IDataView input, IDataView serial)
        {
            _host = host;
            _parent = parent;
            _input = input;
            _serial = serial;
            (_pathColumn, _offsetColumn) = parent.FindInputColumns(input.Schema);
            IRowMapper mapper = parent.CreateRowMapper(input.Schema);
            _bindings = new ColumnBindings(input.Schema, mapper.GetOutputColumns());
            _clipColumn = _bindings.AddedColumnIndices[0];
        }

        /// <summary>Clips decoded ahead of the consumer by one cursor: two per core, at most 16 (about 42 MB of
        /// 30-s clips at 22,050 Hz); 0 or 1 turns the read-ahead off. Settable for tests.</summary>
        internal static int ReadAheadDepth { get; set; } = Math.Min(16, 2 * Environment.ProcessorCount);

        public bool CanShuffle => _serial.CanShuffle;

        public DataViewSchema Schema => _serial.Schema;

        public long? GetRowCount() => _parent.SkipUnreadableFiles ? null : _serial.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
        {
            var columns = columnsNeeded?.ToArray() ?? Array.Empty<DataViewSchema.Column>();
            int depth = ReadAheadDepth;
            if (!UsesOwnCursor(columns, depth))
                return _serial.GetRowCursor(columns, rand);
            return MakeReadAheadCursor(columns, rand, depth);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
        {
            var columns = columnsNeeded?.ToArray() ?? Array.Empty<DataViewSchema.Column>();
            int depth = ReadAheadDepth;
            if (!UsesOwnCursor(columns, depth))
                return _serial.GetRowCursorSet(columns, n, rand);
            // One ordered cursor (a set may have fewer cursors than asked for): ML.NET would otherwise split the source
            // and consolidate batches of clips, holding hundreds of megabytes and reporting errors at MoveNext.
            return new[] { MakeReadAheadCursor(columns, rand, depth) };
        }

        private bool UsesOwnCursor(DataViewSchema.Column[] columns, int depth)
            => _parent.SkipUnreadableFiles || (depth >= 2 && columns.Any(c => c.Index == _clipColumn));

        private DataViewRowCursor MakeReadAheadCursor(DataViewSchema.Column[] columns, Random rand, int depth)
        {
            var inputColumns = new HashSet<int> { _pathColumn };
            if (_offsetColumn >= 0)
                inputColumns.Add(_offsetColumn);
            foreach (var column in columns)
            {
                int index = _bindings.MapColumnIndex(out bool isSource, column.Index);
                if (isSource)
                    inputColumns.Add(index);
            }
            var sourceColumns = _offsetColumn >= 0
                ? new[] { _input.Schema[_pathColumn], _input.Schema[_offsetColumn] }
                : new[] { _input.Schema[_pathColumn] };

            // Both cursors must see the rows in the same order; with a shuffling source they get the same seed, and the
            // cursor checks each row's path and offset anyway.
            int? seed = rand?.Next();
            var follower = _input.GetRowCursor(inputColumns.Select(i => _input.Schema[i]),
                seed.HasValue ? new Random(seed.Value) : null);
            DataViewRowCursor leader = null;
            try
            {
                // Without read-ahead (depth below 2, with skipping) there is no leader and every clip is decoded on the
                // caller's thread.
                if (depth >= 2)
                    leader = _input.GetRowCursor(sourceColumns, seed.HasValue ? new Random(seed.Value) : null);
                return new AudioReadAheadCursor(_host, _parent, Schema, _bindings, columns.Select(c => c.Index),
                    follower, leader, _pathColumn, _offsetColumn, depth);
            }
            catch
            {
                leader?.Dispose();
                follower.Dispose();
                throw;
            }
        }
    }
}
