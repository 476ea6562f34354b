using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>Reads a labelled data set from a manifest CSV, a folder with <c>labels.csv</c>, a Soundtracks folder or a
    /// folder with one sub-folder per emotion.</summary>
    internal static class DataSource
    {
        public const string Description =
            "Labelled audio: a CSV manifest (path,label[,song]), a folder holding labels.csv, a Soundtracks folder " +
            "(mean_ratings_set1.csv) or a folder with one sub-folder per emotion (happy/, angry/, sad/, tender/).";

        /// <summary>Loads the data set. A class subfolder without audio files is a warning on
        /// <paramref name="warnings"/>, or an error with <paramref name="strict"/> (a model trained on it would silently
        /// know one class fewer). A manifest row naming a missing audio file fails here with <paramref name="strict"/>;
        /// otherwise the row is kept for LoadAudio to reject and list with the other unreadable files.</summary>
        /// <param name="ml">The context.</param>
        /// <param name="path">The --data value.</param>
        /// <param name="warnings">Where warnings go; null drops them.</param>
        /// <param name="strict">--strict: suspicious input is an error.</param>
        public static IDataView Load(MLContext ml, string path, TextWriter warnings = null, bool strict = false)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException("--data must name a CSV manifest or a folder.");
            if (File.Exists(path))
                return LoadManifest(ml, path, strict);
            if (!Directory.Exists(path))
                throw new FileNotFoundException($"Data {path} not found: give a CSV manifest or a folder.", path);
            var manifest = Path.Combine(path, "labels.csv");
            if (File.Exists(manifest))
                return LoadManifest(ml, manifest, strict);
            if (IsSoundtracks(path))
                return ml.Data.LoadSoundtracks(path);
            var empty = new List<string>();
            var clips = AudioFolderReader.Read(path, labels: null, empty);
            if (empty.Count > 0)
            {
                var found = string.Join(", ", clips.Select(c => c.Label).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal));
                var folders = string.Join(", ", empty);
                if (strict)
                    throw new InvalidDataException($"Class folder {folders} holds no audio files (--strict); the data has only the classes {found}.");
                warnings?.WriteLine($"mer: warning: class folder {folders} holds no audio files; the data has only the classes {found}.");
            }
            return ml.Data.LoadMusicClips(clips);
        }

        private static IDataView LoadManifest(MLContext ml, string path, bool requireFiles)
        {
            var clips = AudioManifestReader.Read(path, requireFiles: requireFiles);
            if (clips.Count == 0)
                throw new InvalidDataException($"Manifest {path} lists no clips: after its header it needs one line per clip (path,label[,song]).");
            return ml.Data.LoadMusicClips(clips);
        }

        /// <summary>Rows (audio files) in a data set read by <see cref="Load"/>.</summary>
        public static int CountRows(IDataView data)
            => (int)(data.GetRowCount() ?? data.GetColumn<ReadOnlyMemory<char>>("Path").Count());

        private static bool IsSoundtracks(string folder)
            => new[] { "mean_ratings_set1.csv", Path.Combine("set1", "mean_ratings_set1.csv") }
                .Any(name => File.Exists(Path.Combine(folder, name)));
    }
}
