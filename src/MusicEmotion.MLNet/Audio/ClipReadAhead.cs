using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A first-in first-out queue of clips being decoded on thread-pool workers: <see cref="Enqueue"/> starts decoding
    /// the next row's clip, <see cref="Dequeue"/> hands back the oldest one. At most <see cref="Depth"/> clips are in
    /// flight, and their buffers are reused, so memory stays at about <c>(Depth + 1) × clip length</c> floats.
    /// </summary>
    /// <typeparam name="TSource">What a decode needs (a file and an offset).</typeparam>
    /// <remarks>Used by one consumer thread. <see cref="Dispose"/> cancels the clips that have not started and waits
    /// for the ones being decoded, so no worker outlives the queue.</remarks>
    internal sealed class ClipReadAhead<TSource> : IDisposable
    {
        private readonly Action<TSource, Memory<float>> _decode;
        private readonly int _clipLength;
        private readonly Queue<Clip> _pending = new Queue<Clip>();
        private readonly Stack<float[]> _free = new Stack<float[]>();
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private bool _disposed;

        /// <param name="decode">Fills the buffer with the clip of a source; runs on worker threads, concurrently.</param>
        /// <param name="clipLength">Values in each clip.</param>
        /// <param name="depth">Clips in flight at most, 1 or more.</param>
        public ClipReadAhead(Action<TSource, Memory<float>> decode, int clipLength, int depth)
        {
            if (depth < 1)
                throw new ArgumentOutOfRangeException(nameof(depth), depth, $"Depth={depth} must be 1 or more.");
            _decode = decode;
            _clipLength = clipLength;
            Depth = depth;
        }

        /// <summary>Clips in flight at most.</summary>
        public int Depth { get; }

        /// <summary>Clips enqueued and not yet dequeued.</summary>
        public int Count => _pending.Count;

        /// <summary>Whether another clip may be enqueued now.</summary>
        public bool HasRoom => _pending.Count < Depth;

        /// <summary>Starts decoding <paramref name="source"/> on a worker.</summary>
        public void Enqueue(TSource source)
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(ClipReadAhead<TSource>));
            if (!HasRoom)
                throw new InvalidOperationException($"{Depth} clips are already in flight.");
            var buffer = _free.Count > 0 ? _free.Pop() : new float[_clipLength];
            var token = _cancel.Token;
            var task = Task.Run(() => _decode(source, buffer), token);
            _pending.Enqueue(new Clip(this, source, buffer, task));
        }

        /// <summary>The oldest clip in flight; <see cref="Clip.Wait"/> gives its values.</summary>
        public Clip Dequeue() => _pending.Dequeue();

        /// <summary>Cancels the clips not started yet and waits for those being decoded.</summary>
        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            _cancel.Cancel();
            foreach (var clip in _pending)
                clip.WaitQuietly();
            _pending.Clear();
            _free.Clear();
            _cancel.Dispose();
        }

        /// <summary>One clip in flight or decoded.</summary>
        public sealed class Clip
        {
            private readonly ClipReadAhead<TSource> _owner;
            private readonly float[] _buffer;
            private readonly Task _task;

            internal Clip(ClipReadAhead<TSource> owner, TSource source, float[] buffer, Task task)
            {
                _owner = owner;
                Source = source;
                _buffer = buffer;
                _task = task;
            }

            /// <summary>What was decoded.</summary>
            public TSource Source { get; }

            /// <summary>Waits for the decode and returns the clip, or throws what the decode threw (its own stack
            /// trace kept), the same exception as decoding on the caller's thread.</summary>
            public ReadOnlySpan<float> Wait()
            {
                try
                {
                    _task.Wait();
                }
                catch (AggregateException e) when (e.InnerExceptions.Count == 1)
                {
                    ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                }
                return _buffer;
            }

            /// <summary>Gives the buffer back for a later clip once the decode is over; a clip still being decoded keeps
            /// its buffer (the garbage collector takes it).</summary>
            public void Release()
            {
                if (_task.IsCompleted && !_owner._disposed)
                    _owner._free.Push(_buffer);
            }

            internal void WaitQuietly()
            {
                try
                {
                    _task.Wait();
                }
                catch (AggregateException)
                {
                    // Cancelled or failed: nobody reads this clip any more.
                }
            }
        }
    }
}
