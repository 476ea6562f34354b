using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The unreadable files one transformer (or one <c>ExpandToClips</c> view) met: one entry per path, in the order
    /// they were first met, safe to read while cursors on other threads add to it.
    /// </summary>
    internal sealed class AudioFileErrorList : IReadOnlyList<AudioFileError>
    {
        private readonly object _lock = new object();
        private readonly List<AudioFileError> _errors = new List<AudioFileError>();
        private readonly HashSet<string> _paths = new HashSet<string>(StringComparer.Ordinal);
        private readonly IHost _host;

        /// <param name="host">Where each new reject is logged as a warning.</param>
        public AudioFileErrorList(IHost host)
        {
            _host = host;
        }

        public int Count
        {
            get
            {
                lock (_lock)
                    return _errors.Count;
            }
        }

        public AudioFileError this[int index]
        {
            get
            {
                lock (_lock)
                    return _errors[index];
            }
        }

        /// <summary>
        /// Whether <paramref name="exception"/> says that a file is bad, rather than that the code or its use is wrong:
        /// <see cref="InvalidDataException"/> (the content cannot be decoded), <see cref="NotSupportedException"/> (no
        /// backend decodes the format), <see cref="IOException"/> (missing, vanished or unreadable file, among them
        /// <see cref="FileNotFoundException"/>) and <see cref="UnauthorizedAccessException"/> (no permission to read it).
        /// Anything else (a bad option, a missing native library, a bug) is never taken for a bad file.
        /// </summary>
        public static bool IsUnreadableFile(Exception exception)
            => exception is InvalidDataException || exception is NotSupportedException || exception is IOException
                || exception is UnauthorizedAccessException;

        /// <summary>Records that <paramref name="path"/> could not be read because of <paramref name="exception"/>;
        /// a path already recorded is not added again.</summary>
        public void Add(string path, Exception exception)
        {
            var reason = exception.Message.Replace(Environment.NewLine, " ", StringComparison.Ordinal).Replace('\n', ' ').Trim();
            if (reason.Length == 0)
                reason = $"Audio file '{path}' could not be read ({exception.GetType().Name}).";
            lock (_lock)
            {
                if (!_paths.Add(path))
                    return;
                _errors.Add(new AudioFileError(path, reason));
            }
            if (_host != null)
            {
                using var channel = _host.Start("Unreadable audio file");
                channel.Warning($"Skipped audio file '{path}': {reason}");
            }
        }

        public IEnumerator<AudioFileError> GetEnumerator()
        {
            AudioFileError[] copy;
            lock (_lock)
                copy = _errors.ToArray();
            return ((IEnumerable<AudioFileError>)copy).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
