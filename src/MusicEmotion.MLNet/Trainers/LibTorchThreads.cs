using System;
using TorchSharp;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// libtorch's intra-op thread count for a stretch of work on the calling thread. With libtorch's OpenMP runtime the
    /// count a thread uses is its own (<c>omp_set_num_threads</c> sets the calling thread's value; a thread new to
    /// libtorch takes the last value set anywhere), so a scope that sets and then restores it leaves other threads and
    /// later work as they were.
    /// </summary>
    internal static class LibTorchThreads
    {
        /// <summary>
        /// Sets the calling thread's intra-op threads to <paramref name="threads"/> until the returned scope is disposed.
        /// </summary>
        public static Scope Use(int threads)
        {
            int previous = torch.get_num_threads();
            if (previous != threads)
                torch.set_num_threads(threads);
            return new Scope(previous, previous != threads);
        }

        /// <summary>Restores the calling thread's previous count.</summary>
        public readonly struct Scope : IDisposable
        {
            private readonly int _previous;
            private readonly bool _changed;

            internal Scope(int previous, bool changed)
            {
                _previous = previous;
                _changed = changed;
            }

            public void Dispose()
            {
                if (_changed)
                    torch.set_num_threads(_previous);
            }
        }
    }
}
