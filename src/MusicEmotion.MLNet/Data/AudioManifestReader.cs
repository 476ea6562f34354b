using System;
using System.Collections.Generic;
using System.IO;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Reads a CSV manifest with a header row naming its columns (any order, case-insensitive, other columns
    /// ignored): <c>path</c> (or <c>file</c>), <c>label</c>, and optionally <c>song</c>, <c>valence</c>,
    /// <c>arousal</c>. This reads the <c>labels.csv</c> that <c>render.sh</c> writes for EMOPIA and VGMIDI.
    /// </summary>
    /// <remarks>
    /// Relative paths are resolved against the manifest's folder. Without a song column, or with an empty cell,
    /// Song is the path as written, so each clip is its own group. Empty or missing valence/arousal give NaN.
    /// </remarks>
    internal static class AudioManifestReader
    {
        /// <summary>Reads the clips in the order of the manifest.</summary>
        /// <param name="csvPath">The manifest file.</param>
        /// <param name="labels">The allowed labels, compared without regard to case; <c>null</c> allows the four
        /// <see cref="EmotionLabels"/> and the quadrant names Q1…Q4 (mapped to them).</param>
        /// <param name="requireFiles">Whether a row naming a missing audio file throws here (the default). With
        /// <see langword="false"/> the row is kept, so that <c>LoadAudio</c> with <c>skipUnreadableFiles</c> leaves it out
        /// and lists the file among its rejected files, with the other unreadable ones.</param>
        /// <exception cref="FileNotFoundException">The manifest, or (with <paramref name="requireFiles"/>) an audio file it
        /// names, is missing.</exception>
        /// <exception cref="InvalidDataException">A row is malformed, has an unknown label or repeats a file listed
        /// before (the message gives the line).</exception>
        public static IReadOnlyList<MusicClip> Read(string csvPath, IEnumerable<string> labels = null, bool requireFiles = true)
        {
            if (string.IsNullOrWhiteSpace(csvPath))
                throw new ArgumentException("The manifest path must be given.", nameof(csvPath));
            var vocabulary = new LabelVocabulary(labels);
            var table = CsvTable.Read(csvPath);
            int path = table.Require("path", "file");
            int label = table.Require("label");
            int song = table.Find("song");
            int valence = table.Find("valence");
            int arousal = table.Find("arousal");
            var folder = Path.GetDirectoryName(Path.GetFullPath(csvPath));
            var clips = new List<MusicClip>();
            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                var written = row.Fields[path].Trim();
                if (written.Length == 0)
                    throw new InvalidDataException($"{table.FileName} line {row.Line}: empty {table.Header[path]}.");
                var rawLabel = row.Fields[label].Trim();
                var resolved = vocabulary.Resolve(rawLabel);
                if (resolved == null)
                    throw new InvalidDataException($"{table.FileName} line {row.Line}: label '{rawLabel}' is not known; allowed: {vocabulary.Allowed}.");
                var full = Path.GetFullPath(Path.Combine(folder, written));
                if (requireFiles && Directory.Exists(full))
                    throw new InvalidDataException($"{table.FileName} line {row.Line}: {full} is a folder, not an audio file.");
                if (requireFiles && !File.Exists(full))
                    throw new FileNotFoundException($"{table.FileName} line {row.Line}: audio file {full} not found.", full);
                // A clip listed twice would count twice in training and could sit on both sides of a split.
                if (lines.TryGetValue(full, out int first))
                    throw new InvalidDataException($"{table.FileName} line {row.Line}: audio file {full} is already listed on line {first}; list each clip once.");
                lines[full] = row.Line;
                var group = song >= 0 ? row.Fields[song].Trim() : string.Empty;
                clips.Add(new MusicClip
                {
                    Path = full,
                    Label = resolved,
                    Song = group.Length > 0 ? group : written,
                    Valence = table.ParseOptionalSingle(row, valence),
                    Arousal = table.ParseOptionalSingle(row, arousal),
                });
            }
            return clips;
        }
    }
}
