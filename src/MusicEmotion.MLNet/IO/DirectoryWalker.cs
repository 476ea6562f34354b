using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Lists the files below folders, visiting each real folder once: a symbolic link to a folder already visited
    /// (a cycle such as <c>self -&gt; .</c>, or two links to one folder) is not entered again, so a walk always ends
    /// and lists each file once. One walker remembers the folders of all its walks.
    /// </summary>
    internal sealed class DirectoryWalker
    {
        private const int MaxLinkDepth = 40;
        private readonly HashSet<string> _visited = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The files below <paramref name="root"/> at any depth, in ordinal order of their paths within each
        /// folder (files first, then sub-folders); empty when the folder was already visited.</summary>
        public IEnumerable<string> Files(string root)
        {
            var full = Path.GetFullPath(root);
            var pending = new Stack<(string Path, string Real)>();
            pending.Push((full, RealPath(full)));
            while (pending.Count > 0)
            {
                var (folder, real) = pending.Pop();
                if (real == null || !_visited.Add(real))
                    continue;
                foreach (var file in Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
                    yield return file;
                var children = Directory.EnumerateDirectories(folder).OrderByDescending(d => d, StringComparer.Ordinal);
                foreach (var child in children)
                {
                    var info = new DirectoryInfo(child);
                    // A plain folder's real path is its parent's plus its name; only links need resolving.
                    pending.Push((child, info.LinkTarget == null ? Path.Combine(real, info.Name) : RealPath(child)));
                }
            }
        }

        /// <summary>The path with every symbolic link resolved, as POSIX <c>realpath</c>; null when the links do not
        /// end (a loop) or lead nowhere.</summary>
        public static string RealPath(string path) => RealPath(Path.GetFullPath(path), 0);

        private static string RealPath(string full, int depth)
        {
            if (depth > MaxLinkDepth)
                return null;
            var root = Path.GetPathRoot(full);
            var current = root;
            foreach (var part in full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar },
                StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, part);
                FileSystemInfo info = new DirectoryInfo(next);
                if (!info.Exists)
                    info = new FileInfo(next);
                var target = info.LinkTarget;
                if (target == null)
                {
                    current = next;
                    continue;
                }
                var resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                current = RealPath(Path.GetFullPath(resolved), depth + 1);
                if (current == null)
                    return null;
            }
            return current;
        }
    }
}
