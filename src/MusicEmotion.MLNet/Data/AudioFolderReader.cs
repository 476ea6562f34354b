using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Reads a folder per class: <c>root/&lt;label&gt;/…/clip.wav</c>. Every subfolder of the root is a label; the
    /// audio files (<see cref="AudioFileTypes"/>) anywhere below it are its clips. Song is the clip's path relative
    /// to the root (<c>happy/clip.wav</c>), so each clip is its own group; Valence and Arousal are NaN.
    /// </summary>
    internal static class AudioFolderReader
    {
        /// <summary>Reads the clips, ordered by label folder then path (ordinal), so the order is stable.</summary>
        /// <param name="root">The folder holding one subfolder per class.</param>
        /// <param name="labels">The allowed labels, compared without regard to case; <c>null</c> allows the four
        /// <see cref="EmotionLabels"/> and the quadrant names Q1…Q4 (mapped to them).</param>
        /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
        /// <exception cref="InvalidDataException">A subfolder is not an allowed label, or no audio file is found.</exception>
        public static IReadOnlyList<MusicClip> Read(string root, IEnumerable<string> labels = null)
            => Read(root, labels, emptyFolders: null);

        /// <summary>Reads the clips as <see cref="Read(string, IEnumerable{string})"/> does and adds each label
        /// subfolder that holds no audio file to <paramref name="emptyFolders"/> (a class the data then lacks).</summary>
        internal static IReadOnlyList<MusicClip> Read(string root, IEnumerable<string> labels, ICollection<string> emptyFolders)
        {
            if (string.IsNullOrWhiteSpace(root))
                throw new ArgumentException("The audio folder must be given.", nameof(root));
            if (!Directory.Exists(root))
                throw new DirectoryNotFoundException($"Audio folder {root} not found.");
            var vocabulary = new LabelVocabulary(labels);
            var fullRoot = Path.GetFullPath(root);
            var clips = new List<MusicClip>();
            var folders = Directory.GetDirectories(fullRoot)
                .Where(d => !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal))
                .OrderBy(d => d, StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                var name = Path.GetFileName(folder);
                var label = vocabulary.Resolve(name);
                if (label == null)
                    throw new InvalidDataException($"Folder {folder}: '{name}' is not a known label; allowed: {vocabulary.Allowed}.");
                // Symbolic links to folders are followed, each real folder once (a link cycle ends).
                var files = new DirectoryWalker().Files(folder)
                    .Where(AudioFileTypes.IsAudio)
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                    emptyFolders?.Add(folder);
                foreach (var file in files)
                {
                    clips.Add(new MusicClip
                    {
                        Path = file,
                        Label = label,
                        Song = Path.GetRelativePath(fullRoot, file).Replace('\\', '/'),
                    });
                }
            }
            if (clips.Count == 0)
                throw new InvalidDataException($"Audio folder {root} holds no audio files ({string.Join(" ", AudioFileTypes.Extensions)}) in label subfolders.");
            return clips;
        }
    }
}
