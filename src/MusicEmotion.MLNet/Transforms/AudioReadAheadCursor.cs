using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Cursor of <see cref="AudioReadAheadDataView"/> that reads the clip column. A second cursor over the input (the
    /// leader, reading only the path and offset columns) runs up to <c>depth</c> rows ahead of this one (the follower,
    /// which serves every other column); each row the leader passes is decoded on a worker by
    /// <see cref="ClipReadAhead{TSource}"/>, and the follower takes the clips in order.
    /// </summary>
    /// <remarks>
    /// Each clip is <see cref="AudioLoadingTransformer.Decode"/> of the follower's own path and offset, exactly as the row
    /// mapper computes it: a clip is used only when the leader's path and offset for that row are equal; otherwise (a
    /// source whose two cursors disagree, or a leader that failed) the cursor stops reading ahead and decodes on the
    /// caller's thread from that row on. A decoding error is thrown when the clip column of its row is read.
    ///
    /// With <see cref="AudioLoadingTransformer.SkipUnreadableFiles"/> the cursor waits for each row's clip in
    /// <see cref="MoveNext"/> instead: a row whose file cannot be read (see <see cref="AudioFileErrorList.IsUnreadableFile"/>)
    /// is recorded in the transformer's <see cref="AudioLoadingTransformer.RejectedFiles"/> and passed over, so
    /// <see cref="Position"/> counts only the rows served and stays consecutive; any other error is thrown there.
    /// </remarks>
    internal sealed class AudioReadAheadCursor : DataViewRowCursor
    {
        private readonly AudioLoadingTransformer _parent;
        private readonly DataViewSchema _schema;
        private readonly ColumnBindings _bindings;
        private readonly bool[] _active;
        private readonly int _clipColumn;
        private readonly DataViewRowCursor _follower;
        private readonly Func<ClipSource> _followerSource;
        private readonly ValueGetter<VBuffer<float>> _clipGetter;
        private DataViewRowCursor _leader;
        private Func<ClipSource> _leaderSource;
        private ClipReadAhead<ClipSource> _readAhead;
        private ClipReadAhead<ClipSource>.Clip _current;
        private readonly bool _skip;
        private float[] _own;
        private bool _ownHolds;
        private long _position = -1;
        private bool _disposed;

        public AudioReadAheadCursor(IHost host, AudioLoadingTransformer parent, DataViewSchema schema, ColumnBindings bindings,
            IEnumerable<int> activeColumns, DataViewRowCursor follower, DataViewRowCursor leader,
            int pathColumn, int offsetColumn, int depth)
        {
            Contracts.AssertValue(host);
            _parent = parent;
            _schema = schema;
            _bindings = bindings;
            _clipColumn = bindings.AddedColumnIndices[0];
            _active = new bool[schema.Count];
            foreach (int column in activeColumns)
                _active[column] = true;
            _follower = follower;
            _leader = leader;
            _followerSource = parent.MakeSourceGetter(follower, pathColumn, offsetColumn);
            _skip = parent.SkipUnreadableFiles;
            if (leader != null)
            {
                _leaderSource = parent.MakeSourceGetter(leader, pathColumn, offsetColumn);
                _readAhead = new ClipReadAhead<ClipSource>((source, clip) => parent.Decode(source, clip.Span),
                    parent.ClipLength, depth);
            }
            _clipGetter = GetClip;
        }

        public override DataViewSchema Schema => _schema;

        public override long Position => _position;

        public override long Batch => _follower.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _follower.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw Contracts.ExceptParam(nameof(column), $"Column '{column.Name}' is not active in this cursor.");
            if (column.Index == _clipColumn)
            {
                if (_clipGetter is ValueGetter<TValue> getter)
                    return getter;
                throw Contracts.ExceptParam(nameof(column),
                    $"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{column.Type.RawType}'.");
            }
            int source = _bindings.MapColumnIndex(out _, column.Index);
            return _follower.GetGetter<TValue>(_follower.Schema[source]);
        }

        public override bool MoveNext()
        {
            while (true)
            {
                _current?.Release();
                _current = null;
                _ownHolds = false;
                if (_disposed || !_follower.MoveNext())
                {
                    StopReadingAhead();
                    return false;
                }
                if (_readAhead != null)
                {
                    Lead();
                    if (_readAhead.Count > 0)
                        _current = _readAhead.Dequeue();
                }
                if (!_skip || TryDecodeCurrent())
                {
                    _position++;
                    return true;
                }
            }
        }

        /// <summary>With skipping: waits for (or makes) the clip of the follower's row; false, with the file recorded as
        /// rejected, when the file cannot be read.</summary>
        private bool TryDecodeCurrent()
        {
            var source = _followerSource();
            try
            {
                if (_current != null && _current.Source == source)
                {
                    _current.Wait();
                }
                else
                {
                    if (_current != null)
                        StopReadingAhead();
                    _own ??= new float[_parent.ClipLength];
                    _parent.Decode(source, _own);
                    _ownHolds = true;
                }
                return true;
            }
            catch (Exception e) when (AudioFileErrorList.IsUnreadableFile(e))
            {
                _parent.Rejects.Add(source.Path, e);
                return false;
            }
        }

        /// <summary>Moves the leader on until <c>depth</c> clips are in flight or the input ends.</summary>
        private void Lead()
        {
            while (_leader != null && _readAhead.HasRoom)
            {
                ClipSource source;
                try
                {
                    if (!_leader.MoveNext())
                    {
                        DisposeLeader();
                        return;
                    }
                    source = _leaderSource();
                }
                catch (Exception)
                {
                    // A row the input cannot give (a parse error, say): the follower meets the same error at that row,
                    // where the consumer expects it. Rows from there on are decoded on the caller's thread.
                    DisposeLeader();
                    return;
                }
                _readAhead.Enqueue(source);
            }
        }

        private void GetClip(ref VBuffer<float> dst)
        {
            var source = _followerSource();
            int length = _parent.ClipLength;
            var editor = VBufferEditor.Create(ref dst, length);
            if (_ownHolds)
            {
                _own.CopyTo(editor.Values);
            }
            else if (_current != null && _current.Source == source)
            {
                _current.Wait().CopyTo(editor.Values);
            }
            else
            {
                if (_current != null)
                    StopReadingAhead();
                _parent.Decode(source, editor.Values);
            }
            dst = editor.Commit();
        }

        private void StopReadingAhead()
        {
            _current?.WaitQuietly();
            _current = null;
            _readAhead?.Dispose();
            _readAhead = null;
            DisposeLeader();
        }

        private void DisposeLeader()
        {
            _leader?.Dispose();
            _leader = null;
            _leaderSource = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (_disposed)
                return;
            if (disposing)
            {
                StopReadingAhead();
                _follower.Dispose();
            }
            _disposed = true;
            base.Dispose(disposing);
        }
    }
}
