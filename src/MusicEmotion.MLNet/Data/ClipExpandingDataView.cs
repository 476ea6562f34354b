using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The view behind <see cref="MusicDataCatalog.ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, AudioDecoderBackend)"/>: each input row repeated once per clip,
    /// with <c>ClipIndex</c> and <c>ClipOffset</c> appended. Input columns are served by the input cursor's own
    /// getters, which keep returning the current input row while its clips are enumerated. With a reject list, a row whose
    /// file cannot be probed (see <see cref="AudioFileErrorList.IsUnreadableFile"/>) gives no clips and is recorded there.
    /// </summary>
    internal sealed class ClipExpandingDataView : IDataView
    {
        // Tolerance on seconds, so that a clip ending exactly at the end of the file counts as whole.
        private const double Epsilon = 1e-9;

        private readonly IHost _host;
        private readonly IDataView _input;
        private readonly int _pathColumn;
        private readonly double _duration;
        private readonly double _hop;
        private readonly bool _includePartialClip;
        private readonly int _inputColumnCount;
        private readonly AudioFileErrorList _rejects;
        private readonly AudioDecoderBackend _decoderBackend;

        public ClipExpandingDataView(IHostEnvironment env, IDataView input, int pathColumn, double duration, double hop, bool includePartialClip,
            bool skipUnreadableFiles = false, AudioDecoderBackend decoderBackend = AudioDecoderBackend.Auto)
        {
            _decoderBackend = decoderBackend;
            _host = env.Register(nameof(ClipExpandingDataView));
            _rejects = skipUnreadableFiles ? new AudioFileErrorList(_host) : null;
            _input = input;
            _pathColumn = pathColumn;
            _duration = duration;
            _hop = hop;
            _includePartialClip = includePartialClip;
            _inputColumnCount = input.Schema.Count;
            var builder = new DataViewSchema.Builder();
            builder.AddColumns(input.Schema);
            builder.AddColumn(MusicDataCatalog.ClipIndexColumnName, NumberDataViewType.Int32);
            builder.AddColumn(MusicDataCatalog.ClipOffsetColumnName, NumberDataViewType.Double);
            Schema = builder.ToSchema();
        }

        public DataViewSchema Schema { get; }

        /// <summary>The files that could not be probed, when skipping; otherwise null.</summary>
        public AudioFileErrorList RejectedFiles => _rejects;

        public bool CanShuffle => false;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random rand = null)
        {
            var needed = columnsNeeded.Where(c => c.Index < _inputColumnCount).Select(c => _input.Schema[c.Index]).ToList();
            if (needed.All(c => c.Index != _pathColumn))
                needed.Add(_input.Schema[_pathColumn]);
            return new Cursor(this, _input.GetRowCursor(needed));
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random rand = null)
            => new[] { GetRowCursor(columnsNeeded, rand) };

        /// <summary>Number of clips in a file <paramref name="length"/> seconds long (see <see cref="MusicDataCatalog.ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, AudioDecoderBackend)"/>).</summary>
        internal static int CountClips(double length, double duration, double hop, bool includePartialClip)
        {
            if (length <= duration + Epsilon)
                return 1;
            int whole = (int)Math.Floor((length - duration) / hop + Epsilon) + 1;
            double nextStart = whole * hop;
            return includePartialClip && nextStart < length - Epsilon ? whole + 1 : whole;
        }

        private sealed class Cursor : DataViewRowCursor
        {
            private readonly ClipExpandingDataView _parent;
            private readonly DataViewRowCursor _input;
            private readonly ValueGetter<ReadOnlyMemory<char>> _getPath;
            private ReadOnlyMemory<char> _path;
            private int _clip;
            private int _clipCount;
            private long _position = -1;

            public Cursor(ClipExpandingDataView parent, DataViewRowCursor input)
            {
                _parent = parent;
                _input = input;
                _getPath = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[parent._pathColumn]);
            }

            public override DataViewSchema Schema => _parent.Schema;

            public override long Position => _position;

            public override long Batch => 0;

            public override bool MoveNext()
            {
                if (_clip + 1 < _clipCount)
                {
                    _clip++;
                    _position++;
                    return true;
                }
                AudioFileInfo info;
                while (true)
                {
                    if (!_input.MoveNext())
                    {
                        _clipCount = 0;
                        return false;
                    }
                    _getPath(ref _path);
                    var path = _path.ToString();
                    try
                    {
                        info = AudioDecoder.Probe(path, _parent._decoderBackend);
                        break;
                    }
                    catch (Exception e) when (_parent._rejects != null && AudioFileErrorList.IsUnreadableFile(e))
                    {
                        _parent._rejects.Add(path, e);
                    }
                }
                _clipCount = CountClips(info.Duration, _parent._duration, _parent._hop, _parent._includePartialClip);
                _clip = 0;
                _position++;
                return true;
            }

            public override ValueGetter<DataViewRowId> GetIdGetter()
            {
                var getInputId = _input.GetIdGetter();
                return (ref DataViewRowId value) =>
                {
                    getInputId(ref value);
                    value = value.Combine(new DataViewRowId((ulong)_clip, 0));
                };
            }

            public override bool IsColumnActive(DataViewSchema.Column column)
                => column.Index >= _parent._inputColumnCount || _input.IsColumnActive(_input.Schema[column.Index]);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (column.Index < _parent._inputColumnCount)
                    return _input.GetGetter<TValue>(_input.Schema[column.Index]);
                if (column.Index == _parent._inputColumnCount)
                {
                    ValueGetter<int> index = (ref int value) => value = _clip;
                    return index as ValueGetter<TValue>
                        ?? throw _parent._host.Except($"Column '{column.Name}' is Int32, not {typeof(TValue).Name}.");
                }
                ValueGetter<double> offset = (ref double value) => value = _clip * _parent._hop;
                return offset as ValueGetter<TValue>
                    ?? throw _parent._host.Except($"Column '{column.Name}' is Double, not {typeof(TValue).Name}.");
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    _input.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
