using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="DataOperationsCatalog"/> that read labelled music collections as an
    /// <see cref="IDataView"/> with the columns of <see cref="MusicClip"/>: Path (text, absolute audio path), Label
    /// (text), Song (text, the grouping key for splits: pass it as <c>samplingKeyColumnName</c>), Valence and
    /// Arousal (Single, NaN when unknown). The readers only list files; decoding is <c>LoadAudio</c>'s job.
    /// <see cref="ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, AudioDecoderBackend)"/> cuts whole songs into consecutive clips, one row per clip, for <c>LoadAudio</c> with an
    /// offset column.
    /// </summary>
    public static class MusicDataCatalog
    {
        /// <summary>Name of the Int32 column that <see cref="ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, AudioDecoderBackend)"/> adds: the clip's index in its file,
        /// from 0.</summary>
        public const string ClipIndexColumnName = "ClipIndex";

        /// <summary>Name of the Double column that <see cref="ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, AudioDecoderBackend)"/> adds: the clip's start in seconds.</summary>
        public const string ClipOffsetColumnName = "ClipOffset";

        /// <summary>
        /// Repeats each row of <paramref name="input"/> once per clip of <paramref name="duration"/> seconds in the
        /// audio file named by <paramref name="pathColumnName"/>, adding <see cref="ClipIndexColumnName"/> (Int32) and
        /// <see cref="ClipOffsetColumnName"/> (Double, seconds). Feed the result to
        /// <c>LoadAudio(..., duration: duration, offsetColumnName: "ClipOffset")</c> to decode each clip.
        /// </summary>
        /// <remarks>
        /// Clips start at <c>k × hopSeconds</c> for every <c>k</c> whose clip lies wholly inside the file; a file no longer
        /// than <paramref name="duration"/> gives one clip at 0 (which <c>LoadAudio</c> loops). With
        /// <paramref name="includePartialClip"/> a last clip starting before the end but running past it is added
        /// (<c>LoadAudio</c> loops its remainder). File lengths are the true decoded lengths: from the headers
        /// (libsndfile, or ffprobe for containers libsndfile cannot open), and for mp3 from a scan of its frames
        /// (libmpg123, about 2 ms per minute of audio); no audio is decoded. The files are probed lazily, as rows are read, and
        /// a missing or unreadable file throws then, naming the file (the overload with <c>skipUnreadableFiles</c> can
        /// leave such files out and list them instead).
        /// </remarks>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="input">Rows with a text column of audio file paths.</param>
        /// <param name="pathColumnName">Name of the text column of file paths.</param>
        /// <param name="duration">Clip length in seconds, greater than 0.</param>
        /// <param name="hopSeconds">Seconds between clip starts (not STFT samples, which <c>LogStft</c>'s <c>hopLength</c> counts), greater than 0; <see langword="null"/> means
        /// <paramref name="duration"/> (consecutive, non-overlapping clips).</param>
        /// <param name="includePartialClip">Whether to add a last clip that runs past the end of the file.</param>
        /// <param name="decoderBackend">Which decoder reads the lengths; give the one <c>LoadAudio</c> uses (an mp3
        /// without a Xing/Info header can differ by one frame between NLayer and libmpg123).</param>
        /// <returns>The input's columns followed by <c>ClipIndex</c> and <c>ClipOffset</c>, one row per clip.</returns>
        public static IDataView ExpandToClips(this DataOperationsCatalog catalog, IDataView input, string pathColumnName,
            double duration = AudioLoadingEstimator.Defaults.Duration, double? hopSeconds = null, bool includePartialClip = false,
            AudioDecoderBackend decoderBackend = AudioDecoderBackend.Auto)
            => Expand(catalog, input, pathColumnName, duration, hopSeconds, includePartialClip, skipUnreadableFiles: false, decoderBackend);

        /// <summary>
        /// <see cref="ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, AudioDecoderBackend)"/> with a policy for
        /// files whose header cannot be read: with <paramref name="skipUnreadableFiles"/> such a file (missing, empty, of
        /// an unknown format, unreadable) gives no rows and is listed in <paramref name="rejectedFiles"/> with the cause,
        /// and logged as a warning; without it, it throws when its row is read, as the other overload does.
        /// </summary>
        /// <remarks>Only the header is read here: a file whose header is sound but whose audio is not is rejected later
        /// by <c>LoadAudio</c> with <c>skipUnreadableFiles</c>, in that transformer's list.</remarks>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="input">Rows with a text column of audio file paths.</param>
        /// <param name="pathColumnName">Name of the text column of file paths.</param>
        /// <param name="duration">Clip length in seconds, greater than 0.</param>
        /// <param name="hopSeconds">Seconds between clip starts (not STFT samples, which <c>LogStft</c>'s <c>hopLength</c> counts), greater than 0; <see langword="null"/> means
        /// <paramref name="duration"/>.</param>
        /// <param name="includePartialClip">Whether to add a last clip that runs past the end of the file.</param>
        /// <param name="skipUnreadableFiles">Whether a file that cannot be probed is left out instead of throwing.</param>
        /// <param name="rejectedFiles">The files left out, one per path in the order met; it fills as the view is read
        /// (thread-safe) and stays empty without <paramref name="skipUnreadableFiles"/>.</param>
        /// <param name="decoderBackend">Which decoder reads the lengths; give the one <c>LoadAudio</c> uses.</param>
        /// <returns>The input's columns followed by <c>ClipIndex</c> and <c>ClipOffset</c>, one row per clip.</returns>
        public static IDataView ExpandToClips(this DataOperationsCatalog catalog, IDataView input, string pathColumnName,
            double duration, double? hopSeconds, bool includePartialClip, bool skipUnreadableFiles,
            out IReadOnlyList<AudioFileError> rejectedFiles,
            AudioDecoderBackend decoderBackend = AudioDecoderBackend.Auto)
        {
            var view = Expand(catalog, input, pathColumnName, duration, hopSeconds, includePartialClip, skipUnreadableFiles, decoderBackend);
            rejectedFiles = (IReadOnlyList<AudioFileError>)view.RejectedFiles ?? Array.Empty<AudioFileError>();
            return view;
        }

        /// <summary>Up to <paramref name="maxClips"/> consecutive whole clips from the start of each file (a file shorter
        /// than one clip gives one, which <c>LoadAudio</c> loops): <see cref="ExpandToClips(DataOperationsCatalog, IDataView, string, double, double?, bool, bool, out IReadOnlyList{AudioFileError}, AudioDecoderBackend)"/>
        /// with the later clips filtered out. <paramref name="offsetColumnName"/> is the column <c>LoadAudio</c> reads each
        /// clip's start from (drop it after loading); with <paramref name="maxClips"/> 1 the input is returned as it is (no
        /// file is probed) and the offset column is null. What the comparison and <c>mer train</c> learn from.</summary>
        internal static IDataView FirstClips(this DataOperationsCatalog catalog, IDataView input, string pathColumnName,
            double duration, int maxClips, bool skipUnreadableFiles, out IReadOnlyList<AudioFileError> rejectedFiles,
            out string offsetColumnName, AudioDecoderBackend decoderBackend)
        {
            if (maxClips <= 1)
            {
                rejectedFiles = Array.Empty<AudioFileError>();
                offsetColumnName = null;
                return input;
            }
            var expanded = catalog.ExpandToClips(input, pathColumnName, duration, hopSeconds: null, includePartialClip: false,
                skipUnreadableFiles, out rejectedFiles, decoderBackend);
            var env = catalog.GetEnvironment();
            var first = catalog.FilterRowsByColumn(expanded, ClipOffsetColumnName, 0, (maxClips - 0.5) * duration);
            offsetColumnName = ClipOffsetColumnName;
            return new Microsoft.ML.Transforms.ColumnSelectingTransformer(env, null, new[] { ClipIndexColumnName }).Transform(first);
        }

        private static ClipExpandingDataView Expand(DataOperationsCatalog catalog, IDataView input, string pathColumnName,
            double duration, double? hopSeconds, bool includePartialClip, bool skipUnreadableFiles,
            AudioDecoderBackend decoderBackend)
        {
            var env = Contracts.CheckRef(catalog, nameof(catalog)).GetEnvironment();
            env.CheckValue(input, nameof(input));
            if (string.IsNullOrEmpty(pathColumnName))
                throw new ArgumentException("pathColumnName must be a non-empty column name.", nameof(pathColumnName));
            if (!(duration > 0) || double.IsInfinity(duration))
                throw new ArgumentOutOfRangeException(nameof(duration), duration,
                    $"Duration={duration} must be a finite number of seconds greater than 0.");
            double step = hopSeconds ?? duration;
            if (!(step > 0) || double.IsInfinity(step))
                throw new ArgumentOutOfRangeException(nameof(hopSeconds), hopSeconds,
                    $"HopSeconds={step} must be a finite number of seconds greater than 0.");
            var column = input.Schema.GetColumnOrNull(pathColumnName)
                ?? throw env.ExceptSchemaMismatch(nameof(input), "path", pathColumnName);
            if (!(column.Type is TextDataViewType))
                throw env.ExceptSchemaMismatch(nameof(input), "path", pathColumnName,
                    "Text", column.Type.ToString());
            if (!Enum.IsDefined(typeof(AudioDecoderBackend), decoderBackend))
                throw new ArgumentOutOfRangeException(nameof(decoderBackend), decoderBackend,
                    $"DecoderBackend={decoderBackend} is not an AudioDecoderBackend value (Auto, Native, Managed or Ffmpeg).");
            return new ClipExpandingDataView(env, input, column.Index, duration, step, includePartialClip, skipUnreadableFiles, decoderBackend);
        }

        /// <summary>Reads a folder per class (<c>root/&lt;label&gt;/*.wav</c>), see <see cref="AudioFolderReader"/>.</summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="root">The folder holding one subfolder per class.</param>
        /// <param name="labels">Allowed labels; <c>null</c> for the four <see cref="EmotionLabels"/> (and Q1…Q4).</param>
        public static IDataView LoadAudioFolder(this DataOperationsCatalog catalog, string root, IEnumerable<string> labels = null)
            => ToDataView(catalog, AudioFolderReader.Read(root, labels));

        /// <summary>Reads a CSV manifest (<c>path,label[,song][,valence,arousal]</c>), see <see cref="AudioManifestReader"/>.</summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="csvPath">The manifest; relative audio paths are resolved against its folder.</param>
        /// <param name="labels">Allowed labels; <c>null</c> for the four <see cref="EmotionLabels"/> (and Q1…Q4).</param>
        /// <param name="requireFiles">Whether a row naming a missing audio file throws here; <see langword="false"/> keeps
        /// it for <c>LoadAudio(..., skipUnreadableFiles: true)</c> to reject and list.</param>
        public static IDataView LoadAudioManifest(this DataOperationsCatalog catalog, string csvPath, IEnumerable<string> labels = null,
            bool requireFiles = true)
            => ToDataView(catalog, AudioManifestReader.Read(csvPath, labels, requireFiles));

        /// <summary>
        /// Reads a labelled data set, choosing the reader from <paramref name="path"/>: a CSV file is a manifest
        /// (<see cref="LoadAudioManifest"/>), a folder holding <c>labels.csv</c> is read through that manifest, a folder
        /// holding <c>mean_ratings_set1.csv</c> is the Soundtracks data set, whose reader is in the MusicEmotion.MLNet.Experiments
        /// package (its <c>LoadAudioData(path, strategy)</c> reads all four kinds; this one refuses Soundtracks with that
        /// advice), any other folder has one sub-folder per class (<see cref="LoadAudioFolder"/>). The <c>mer</c>
        /// commands read <c>--data</c> this way.
        /// </summary>
        /// <remarks>A class sub-folder without audio files is a warning on ML.NET's log channel, not an error. A
        /// manifest row naming a missing audio file is kept, for <c>LoadAudio(..., skipUnreadableFiles: true)</c> to
        /// reject and list.</remarks>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="path">A CSV manifest or a folder.</param>
        /// <returns>The columns Path, Label, Song, Valence, Arousal, one row per audio file.</returns>
        /// <exception cref="System.IO.FileNotFoundException"><paramref name="path"/> is neither a file nor a folder.</exception>
        /// <exception cref="System.IO.InvalidDataException">The manifest lists no clips, or the folder is a Soundtracks folder.</exception>
        public static IDataView LoadAudioData(this DataOperationsCatalog catalog, string path)
            => DataSource.LoadLogged(catalog, path, soundtracks: null);

        /// <summary>The clips as an <see cref="IDataView"/> with the columns Path, Label, Song, Valence, Arousal.</summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="clips">The clips, e.g. read from a list of your own.</param>
        public static IDataView LoadMusicClips(this DataOperationsCatalog catalog, IEnumerable<MusicClip> clips)
            => ToDataView(catalog, clips);

        /// <summary>
        /// Splits <paramref name="data"/> into <paramref name="numberOfFolds"/> train/test pairs with
        /// <see cref="GroupedStratifiedKFold"/>: stratified by the label column and keeping each value of the
        /// sampling key column (the song) in one fold, unlike ML.NET's <c>CrossValidationSplit</c>, which groups but
        /// does not stratify. Works on any <see cref="IDataView"/>, e.g. features cached in ML.NET's binary format.
        /// </summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="data">The rows to split; read once to find labels and songs.</param>
        /// <param name="numberOfFolds">Number of folds k.</param>
        /// <param name="labelColumnName">The label column: text or key type.</param>
        /// <param name="samplingKeyColumnName">The group column: text.</param>
        /// <param name="seed">Seed of <see cref="GroupedStratifiedKFold"/>.</param>
        /// <returns>One <see cref="DataOperationsCatalog.TrainTestData"/> per fold, in fold order.</returns>
        public static IReadOnlyList<DataOperationsCatalog.TrainTestData> GroupedStratifiedCrossValidationSplit(this DataOperationsCatalog catalog,
            IDataView data, int numberOfFolds = GroupedStratifiedKFold.DefaultFolds, string labelColumnName = "Label",
            string samplingKeyColumnName = "Song", int seed = 0)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            ArgumentNullException.ThrowIfNull(data);
            var labels = ReadAsText(data, labelColumnName, nameof(labelColumnName), allowKey: true);
            var songs = ReadAsText(data, samplingKeyColumnName, nameof(samplingKeyColumnName), allowKey: false);
            var assignment = GroupedStratifiedKFold.AssignFolds(labels, songs, numberOfFolds, seed);
            var foldOfSong = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int r = 0; r < songs.Length; r++)
                foldOfSong[songs[r]] = assignment[r];

            var transforms = new TransformsCatalog(catalog.GetEnvironment());
            const string marker = "__GroupedStratifiedFold__";
            var result = new DataOperationsCatalog.TrainTestData[numberOfFolds];
            for (int f = 0; f < numberOfFolds; f++)
            {
                // 1 for the songs of fold f, 0 for the rest; filtered as ML.NET's own CrossValidationSplit does.
                var map = foldOfSong.Select(p => new KeyValuePair<string, float>(p.Key, p.Value == f ? 1f : 0f));
                var marked = transforms.Conversion.MapValue(marker, map, samplingKeyColumnName).Fit(data).Transform(data);
                var test = catalog.FilterRowsByColumn(marked, marker, lowerBound: 0.5, upperBound: 1.5);
                var train = catalog.FilterRowsByColumn(marked, marker, lowerBound: -0.5, upperBound: 0.5);
                var drop = transforms.DropColumns(marker);
                result[f] = new DataOperationsCatalog.TrainTestData(drop.Fit(train).Transform(train), drop.Fit(test).Transform(test));
            }
            return result;
        }

        private static string[] ReadAsText(IDataView data, string name, string parameter, bool allowKey)
        {
            var column = data.Schema.GetColumnOrNull(name)
                ?? throw new ArgumentOutOfRangeException(parameter, $"Could not find input column '{name}'");
            if (column.Type is TextDataViewType)
                return data.GetColumn<ReadOnlyMemory<char>>(column).Select(v => v.ToString()).ToArray();
            if (allowKey && column.Type is KeyDataViewType key && key.RawType == typeof(uint))
                return data.GetColumn<uint>(column).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
            throw new ArgumentOutOfRangeException(parameter,
                $"Schema mismatch for input column '{name}': expected {(allowKey ? "String or Key<UInt32>" : "String")}, got {column.Type}");
        }

        private static IDataView ToDataView(DataOperationsCatalog catalog, IEnumerable<MusicClip> clips)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            ArgumentNullException.ThrowIfNull(clips);
            return catalog.LoadFromEnumerable(clips);
        }
    }
}
