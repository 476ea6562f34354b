using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.Win32.SafeHandles;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The rows of a <see cref="SpectrogramCache"/> file as an <see cref="IDataView"/>. Each cursor opens the file and
    /// reads the active columns of its current row with positioned reads (no memory map, no read-ahead of other
    /// rows), dequantising the spectrogram into the caller's <see cref="VBuffer{T}"/>; text and scalar columns come
    /// from the table loaded at open. <see cref="CanShuffle"/> is true: a cursor given a <see cref="Random"/> visits the
    /// rows in a permutation drawn from it. Row ids are the record numbers, the same in every order.
    /// </summary>
    internal sealed class SpectrogramCacheDataView : IDataView
    {
        internal enum ColumnKind
        {
            Text = 0,
            Scalar = 1,
            Vector = 2,
            Spectrogram = 3,
        }

        /// <summary>A stored column: its name, kind, dimensions and (set by <see cref="Layout"/>) offset in a record.</summary>
        internal sealed class StoredColumn
        {
            public StoredColumn(string name, ColumnKind kind, int[] dimensions)
            {
                Name = name;
                Kind = kind;
                Dimensions = dimensions;
                Size = dimensions.Aggregate(1, (a, d) => checked(a * d));
            }

            public string Name { get; }

            public ColumnKind Kind { get; }

            public int[] Dimensions { get; }

            public int Size { get; }

            public long Offset { get; set; }
        }

        private readonly IHost _host;
        private readonly StoredColumn[] _columns;
        private readonly string[][] _texts;
        private readonly float[][] _scalars;
        private readonly long _rows;

        internal SpectrogramCacheDataView(IHostEnvironment env, string path, StoredColumn[] columns, int codeBytes, long recordBytes,
            long rows, double maxError, string[][] texts, float[][] scalars)
        {
            _host = env.Register(nameof(SpectrogramCacheDataView));
            Path = path;
            _columns = columns;
            CodeBytes = codeBytes;
            RecordBytes = recordBytes;
            _rows = rows;
            MaxError = maxError;
            _texts = texts;
            _scalars = scalars;
            var builder = new DataViewSchema.Builder();
            foreach (var column in columns)
            {
                DataViewType type = column.Kind switch
                {
                    ColumnKind.Text => TextDataViewType.Instance,
                    ColumnKind.Scalar => NumberDataViewType.Single,
                    _ => new VectorDataViewType(NumberDataViewType.Single, column.Dimensions),
                };
                builder.AddColumn(column.Name, type);
            }
            Schema = builder.ToSchema();
        }

        public string Path { get; }

        /// <summary>Bytes per spectrogram value: 1 or 2.</summary>
        public int CodeBytes { get; }

        public long RecordBytes { get; }

        /// <summary>The largest quantisation error of the file's spectrogram values, in dB.</summary>
        public double MaxError { get; }

        public bool CanShuffle => true;

        public DataViewSchema Schema { get; }

        public long? GetRowCount() => _rows;

        /// <summary>Sets each column's offset in a record and returns the record size.</summary>
        internal static long Layout(StoredColumn[] columns, int codeBytes)
        {
            long offset = 0;
            foreach (var column in columns)
            {
                column.Offset = offset;
                if (column.Kind == ColumnKind.Spectrogram)
                    offset += 8 + (long)column.Size * codeBytes;
                else if (column.Kind == ColumnKind.Vector)
                    offset += (long)column.Size * sizeof(float);
            }
            // Records start on 8-byte boundaries, so the float vectors in them stay aligned.
            return (offset + 7) & ~7L;
        }

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
            => GetRowCursorSet(columnsNeeded, 1, rand)[0];

        /// <summary>
        /// Up to <paramref name="n"/> cursors that deal the rows (in file order or the permutation drawn from
        /// <paramref name="rand"/>) round-robin, each row's <c>Batch</c> being its position in
        /// that order. ML.NET's consolidator, which merges a parallel transform's cursors by batch, then holds a few
        /// rows, not the 128-row batches its splitter makes of a single cursor (5.3 MB spectrograms: gigabytes).
        /// </summary>
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
        {
            var active = new bool[_columns.Length];
            foreach (var column in columnsNeeded ?? Enumerable.Empty<DataViewSchema.Column>())
                active[column.Index] = true;
            int[] order = null;
            if (rand != null)
            {
                if (_rows > int.MaxValue)
                    throw new InvalidOperationException($"Spectrogram cache {Path} has {_rows} rows; a shuffled cursor handles up to {int.MaxValue}.");
                order = new int[_rows];
                for (int i = 0; i < order.Length; i++)
                    order[i] = i;
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = rand.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }
            int count = (int)Math.Clamp(Math.Min(n, _rows), 1, 64);
            var cursors = new DataViewRowCursor[count];
            try
            {
                for (int k = 0; k < count; k++)
                    cursors[k] = new Cursor(this, active, order, k, count);
            }
            catch
            {
                foreach (var cursor in cursors)
                    cursor?.Dispose();
                throw;
            }
            return cursors;
        }

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly SpectrogramCacheDataView _parent;
            private readonly bool[] _active;
            private readonly int[] _order;
            private readonly SafeFileHandle _file;
            private byte[] _buffer;
            private readonly int _stride;
            private long _position = -1;
            private long _index;
            private long _row = -1;
            private bool _disposed;

            public Cursor(SpectrogramCacheDataView parent, bool[] active, int[] order, int first, int stride)
            {
                _parent = parent;
                _active = active;
                _order = order;
                _index = first - stride;
                _stride = stride;
                bool readsRecords = parent._columns.Where((c, i) => active[i] && (c.Kind == ColumnKind.Spectrogram || c.Kind == ColumnKind.Vector)).Any();
                if (readsRecords)
                    _file = File.OpenHandle(parent.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);
            }

            public override DataViewSchema Schema => _parent.Schema;

            public override long Position => _position;

            /// <summary>The row's position in the cursor set's common order.</summary>
            public override long Batch => _index;

            public override ValueGetter<DataViewRowId> GetIdGetter()
                => (ref DataViewRowId value) =>
                {
                    _parent._host.Check(_row >= 0, "The cursor is not on a row.");
                    value = new DataViewRowId((ulong)_row, 0);
                };

            public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

            public override bool MoveNext()
            {
                if (_disposed)
                    return false;
                if (_index + _stride >= _parent._rows)
                {
                    Dispose();
                    return false;
                }
                _position++;
                _index += _stride;
                _row = _order == null ? _index : _order[_index];
                return true;
            }

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                _parent._host.Check(column.Index >= 0 && column.Index < _active.Length && _active[column.Index],
                    $"Column '{column.Name}' is not active in this cursor.");
                var stored = _parent._columns[column.Index];
                int index = column.Index;
                Delegate getter;
                switch (stored.Kind)
                {
                    case ColumnKind.Text:
                        CheckType<TValue, ReadOnlyMemory<char>>(column);
                        var texts = _parent._texts[index];
                        getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = texts[CurrentRow()].AsMemory());
                        break;
                    case ColumnKind.Scalar:
                        CheckType<TValue, float>(column);
                        var scalars = _parent._scalars[index];
                        getter = (ValueGetter<float>)((ref float value) => value = scalars[CurrentRow()]);
                        break;
                    case ColumnKind.Vector:
                        CheckType<TValue, VBuffer<float>>(column);
                        getter = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                        {
                            var editor = VBufferEditor.Create(ref value, stored.Size);
                            Read(stored, MemoryMarshal.AsBytes(editor.Values));
                            value = editor.Commit();
                        });
                        break;
                    default:
                        CheckType<TValue, VBuffer<float>>(column);
                        getter = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                        {
                            int codeBytes = _parent.CodeBytes;
                            int bytes = 8 + stored.Size * codeBytes;
                            if (_buffer == null || _buffer.Length < bytes)
                                _buffer = new byte[bytes];
                            var record = _buffer.AsSpan(0, bytes);
                            Read(stored, record);
                            float min = BinaryPrimitives.ReadSingleLittleEndian(record);
                            float step = BinaryPrimitives.ReadSingleLittleEndian(record.Slice(4));
                            var editor = VBufferEditor.Create(ref value, stored.Size);
                            if (codeBytes == 1)
                                SpectrogramQuantizer.Dequantize(record.Slice(8), min, step, editor.Values);
                            else
                                SpectrogramQuantizer.Dequantize(MemoryMarshal.Cast<byte, ushort>(record.Slice(8)), min, step, editor.Values);
                            value = editor.Commit();
                        });
                        break;
                }
                return (ValueGetter<TValue>)getter;
            }

            private long CurrentRow()
            {
                _parent._host.Check(_row >= 0 && !_disposed, "The cursor is not on a row.");
                return _row;
            }

            /// <summary>Reads the column's bytes of the current row.</summary>
            private void Read(StoredColumn column, Span<byte> destination)
            {
                long offset = SpectrogramCache.HeaderBytes + CurrentRow() * _parent.RecordBytes + column.Offset;
                int done = 0;
                while (done < destination.Length)
                {
                    int read = RandomAccess.Read(_file, destination.Slice(done), offset + done);
                    if (read <= 0)
                        throw new InvalidDataException($"Spectrogram cache {_parent.Path} ends inside row {_row}; the file is damaged.");
                    done += read;
                }
            }

            private static void CheckType<TValue, TExpected>(DataViewSchema.Column column)
            {
                if (typeof(TValue) != typeof(TExpected))
                    throw new InvalidOperationException(
                        $"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{typeof(TExpected)}' for column '{column.Name}'.");
            }

            protected override void Dispose(bool disposing)
            {
                if (_disposed)
                    return;
                if (disposing)
                    _file?.Dispose();
                _disposed = true;
                _row = -1;
                base.Dispose(disposing);
            }
        }
    }
}
