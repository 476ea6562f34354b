using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>Expands files and folders given on the command line into audio files.</summary>
    internal static class AudioInputs
    {
        public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
        {
            var files = new List<string>();
            var walker = new DirectoryWalker();
            foreach (var path in paths)
            {
                if (File.Exists(path))
                {
                    files.Add(Path.GetFullPath(path));
                }
                else if (Directory.Exists(path))
                {
                    // Each real folder once: a symbolic link back up the tree (self -> .) is not followed again.
                    var found = walker.Files(path).Where(AudioFileTypes.IsAudio).OrderBy(f => f, StringComparer.Ordinal).ToList();
                    if (found.Count == 0)
                        throw new FileNotFoundException($"Folder {path} holds no audio files ({string.Join(", ", AudioFileTypes.Extensions)}).");
                    files.AddRange(found.Select(Path.GetFullPath));
                }
                else
                {
                    throw new FileNotFoundException($"Audio file {path} not found.", path);
                }
            }
            return files.Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
