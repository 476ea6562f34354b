using System;
using System.Collections.Generic;
using System.IO;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Writes every output file (model zip, CSV, PNG, Markdown, JSON) under a temporary name,
    /// <c>&lt;name&gt;.tmp-&lt;pid&gt;</c> in the same folder, and moves it over the final name only when it is
    /// complete, so a crash, Ctrl+C or SIGTERM never leaves a half-written file under the name a reader trusts.
    /// </summary>
    internal static class OutputFile
    {
        private static readonly object s_gate = new object();
        private static readonly HashSet<string> s_pending = new HashSet<string>(StringComparer.Ordinal);
        private static bool s_abandoned;

        /// <summary>The temporary name <paramref name="path"/> is written under: <c>&lt;path&gt;.tmp-&lt;pid&gt;</c>.</summary>
        public static string TemporaryName(string path) => $"{Path.GetFullPath(path)}.tmp-{Environment.ProcessId}";

        /// <summary>Calls <paramref name="write"/> with the temporary name, then moves that file to
        /// <paramref name="path"/> (replacing it); the folder is created. On failure the temporary file is deleted and
        /// <paramref name="path"/> is left as it was.</summary>
        /// <exception cref="IOException"><paramref name="path"/> is a folder.</exception>
        /// <exception cref="OperationCanceledException">The process is being interrupted (<see cref="Abandon"/>).</exception>
        public static void Write(string path, Action<string> write) => Write(path, write, keepExtension: false);

        /// <summary>As <see cref="Write(string, Action{string})"/>, for writers that choose the format by the file's
        /// extension (AudioWriter): the temporary name keeps it, <c>&lt;stem&gt;.tmp-&lt;pid&gt;&lt;.ext&gt;</c>.</summary>
        public static void WriteKeepingExtension(string path, Action<string> write) => Write(path, write, keepExtension: true);

        private static void Write(string path, Action<string> write, bool keepExtension)
        {
            ArgumentNullException.ThrowIfNull(path);
            ArgumentNullException.ThrowIfNull(write);
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
                throw new IOException($"Output file {path} is a folder; give a file name.");
            Directory.CreateDirectory(Path.GetDirectoryName(full));
            var temporary = keepExtension
                ? Path.Combine(Path.GetDirectoryName(full), $"{Path.GetFileNameWithoutExtension(full)}.tmp-{Environment.ProcessId}{Path.GetExtension(full)}")
                : TemporaryName(full);
            lock (s_gate)
            {
                if (s_abandoned)
                    throw new OperationCanceledException($"Interrupted before {path} was written.");
                s_pending.Add(temporary);
            }
            try
            {
                write(temporary);
                lock (s_gate)
                {
                    if (s_abandoned)
                        throw new OperationCanceledException($"Interrupted before {path} was written.");
                    File.Move(temporary, full, overwrite: true);
                }
            }
            finally
            {
                lock (s_gate)
                    s_pending.Remove(temporary);
                TryDelete(temporary);
            }
        }

        /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> through a temporary file.</summary>
        public static void WriteAllText(string path, string text) => Write(path, t => File.WriteAllText(t, text));

        /// <summary>Writes a stream to <paramref name="path"/> through a temporary file.</summary>
        public static void WriteStream(string path, Action<Stream> write)
            => Write(path, t =>
            {
                using var stream = File.Create(t);
                write(stream);
            });

        /// <summary>For an interrupted process: deletes every temporary file being written and lets no later write
        /// reach its final name.</summary>
        public static void Abandon()
        {
            lock (s_gate)
            {
                s_abandoned = true;
                foreach (var temporary in s_pending)
                    TryDelete(temporary);
                s_pending.Clear();
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path))
                    File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
