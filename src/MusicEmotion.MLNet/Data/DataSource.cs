using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Guesses the reader of a labelled data set from its path: a manifest CSV, a folder with <c>labels.csv</c>, a
    /// Soundtracks folder or a folder with one sub-folder per emotion. The one copy of that rule, behind
    /// <see cref="MusicDataCatalog.LoadAudioData"/>, the Experiments package's <c>LoadAudioData(path, strategy)</c>,
    /// the <c>mer</c> commands and the samples. The Soundtracks reader lives in the Experiments package: its callers
    /// pass it in; without it a Soundtracks folder is an error that says where the reader is.
    /// </summary>
    internal static class DataSource
    {
        public const string Description =
            "Labelled audio: a CSV manifest (path,label[,song]), a folder holding labels.csv, a Soundtracks folder " +
            "(mean_ratings_set1.csv) or a folder with one sub-folder per emotion (happy/, angry/, sad/, tender/).";

        /// <summary>Loads the data set. A class subfolder without audio files is a warning given to
        /// <paramref name="warn"/>, or an error with <paramref name="strict"/> (a model trained on it would silently
        /// know one class fewer). A manifest row naming a missing audio file fails here with <paramref name="strict"/>;
        /// otherwise the row is kept for LoadAudio to reject and list with the other unreadable files.</summary>
        /// <param name="ml">The context.</param>
        /// <param name="path">The manifest or folder.</param>
        /// <param name="warn">Receives each warning as one sentence starting in lower case; null drops them.</param>
        /// <param name="strict">Suspicious input is an error.</param>
        /// <param name="optionName">How the caller names <paramref name="path"/> in the error for an empty one.</param>
        /// <param name="soundtracks">Reads a Soundtracks folder (the Experiments package's <c>LoadSoundtracks</c>).</param>
        public static IDataView Load(MLContext ml, string path, Action<string> warn = null, bool strict = false,
            string optionName = "path", Func<string, IDataView> soundtracks = null)
            => Load(ml.Data, path, warn, strict, optionName, soundtracks);

        /// <summary><see cref="Load(MLContext, string, Action{string}, bool, string, Func{string, IDataView})"/> on a catalog.</summary>
        public static IDataView Load(DataOperationsCatalog ml, string path, Action<string> warn = null, bool strict = false,
            string optionName = "path", Func<string, IDataView> soundtracks = null)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException($"{optionName} must name a CSV manifest or a folder.", optionName);
            if (File.Exists(path))
                return LoadManifest(ml, path, strict);
            if (!Directory.Exists(path))
                throw new FileNotFoundException($"Data {path} not found: give a CSV manifest or a folder.", path);
            var manifest = Path.Combine(path, "labels.csv");
            if (File.Exists(manifest))
                return LoadManifest(ml, manifest, strict);
            if (IsSoundtracks(path))
                return soundtracks?.Invoke(path) ?? throw new InvalidDataException(
                    $"Folder {path} holds the Soundtracks ratings ({SoundtracksRatings}): read it with LoadSoundtracks or " +
                    "LoadAudioData(path, strategy) of the MusicEmotion.MLNet.Experiments package.");
            var empty = new List<string>();
            var clips = AudioFolderReader.Read(path, labels: null, empty);
            if (empty.Count > 0)
            {
                var found = string.Join(", ", clips.Select(c => c.Label).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal));
                var folders = string.Join(", ", empty);
                if (strict)
                    throw new InvalidDataException($"Class folder {folders} holds no audio files (--strict); the data has only the classes {found}.");
                warn?.Invoke($"class folder {folders} holds no audio files; the data has only the classes {found}.");
            }
            return ml.LoadMusicClips(clips);
        }

        /// <summary><see cref="Load(DataOperationsCatalog, string, Action{string}, bool, string, Func{string, IDataView})"/>
        /// for the public <c>LoadAudioData</c> methods: not strict, warnings on ML.NET's log channel.</summary>
        public static IDataView LoadLogged(DataOperationsCatalog catalog, string path, Func<string, IDataView> soundtracks)
        {
            var env = Contracts.CheckRef(catalog, nameof(catalog)).GetEnvironment();
            using var channel = env.Start("LoadAudioData");
            return Load(catalog, path, warning => channel.Warning(char.ToUpperInvariant(warning[0]) + warning.Substring(1)),
                strict: false, optionName: nameof(path), soundtracks);
        }

        private static IDataView LoadManifest(DataOperationsCatalog ml, string path, bool requireFiles)
        {
            var clips = AudioManifestReader.Read(path, requireFiles: requireFiles);
            if (clips.Count == 0)
                throw new InvalidDataException($"Manifest {path} lists no clips: after its header it needs one line per clip (path,label[,song]).");
            return ml.LoadMusicClips(clips);
        }

        /// <summary>Rows (audio files) in a data set read by <c>Load</c>.</summary>
        public static int CountRows(IDataView data)
            => (int)(data.GetRowCount() ?? data.GetColumn<ReadOnlyMemory<char>>("Path").Count());

        /// <summary>The ratings file of the Soundtracks data set's first set, which marks its folder.</summary>
        internal const string SoundtracksRatings = "mean_ratings_set1.csv";

        private static bool IsSoundtracks(string folder)
            => new[] { SoundtracksRatings, Path.Combine("set1", SoundtracksRatings) }
                .Any(name => File.Exists(Path.Combine(folder, name)));
    }
}
