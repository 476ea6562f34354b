using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Data;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>Reads a labelled data set from a manifest CSV, a folder with <c>labels.csv</c>, a Soundtracks folder or a
    /// folder with one sub-folder per emotion.</summary>
    internal static class DataSource
    {
        public const string Description =
            "Labelled audio: a CSV manifest (path,label[,song]), a folder holding labels.csv, a Soundtracks folder " +
            "(mean_ratings_set1.csv) or a folder with one sub-folder per emotion (happy/, angry/, sad/, tender/).";

        /// <param name="ml">The context.</param>
        /// <param name="path">The --data value.</param>
        /// <param name="requireFiles">Whether a manifest row naming a missing audio file fails here (--strict); otherwise
        /// the row is kept for LoadAudio to reject and list with the other unreadable files.</param>
        public static IDataView Load(MLContext ml, string path, bool requireFiles = true)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException("--data must name a CSV manifest or a folder.");
            if (File.Exists(path))
                return ml.Data.LoadAudioManifest(path, requireFiles: requireFiles);
            if (!Directory.Exists(path))
                throw new FileNotFoundException($"Data {path} not found: give a CSV manifest or a folder.", path);
            var manifest = Path.Combine(path, "labels.csv");
            if (File.Exists(manifest))
                return ml.Data.LoadAudioManifest(manifest, requireFiles: requireFiles);
            if (IsSoundtracks(path))
                return ml.Data.LoadSoundtracks(path);
            return ml.Data.LoadAudioFolder(path);
        }

        /// <summary>Rows (audio files) in a data set read by <see cref="Load"/>.</summary>
        public static int CountRows(IDataView data)
            => (int)(data.GetRowCount() ?? data.GetColumn<ReadOnlyMemory<char>>("Path").Count());

        private static bool IsSoundtracks(string folder)
            => new[] { "mean_ratings_set1.csv", Path.Combine("set1", "mean_ratings_set1.csv") }
                .Any(name => File.Exists(Path.Combine(folder, name)));
    }
}
