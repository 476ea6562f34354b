using System;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, in order (unlike
    /// <see cref="Progress{T}"/>, which posts to the thread pool when there is no synchronisation context).</summary>
    internal sealed class SynchronousProgress<T> : IProgress<T>
    {
        private readonly Action<T> _handler;

        public SynchronousProgress(Action<T> handler) => _handler = handler;

        public void Report(T value) => _handler(value);
    }
}
