using System;
using System.Collections.Generic;
using Microsoft.ML;
using MusicEmotion.MLNet.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="DataOperationsCatalog"/> that read labelled music collections as an
    /// <see cref="IDataView"/> with the columns of <see cref="MusicClip"/>: Path (text, absolute audio path), Label
    /// (text), Song (text, the grouping key for splits: pass it as <c>samplingKeyColumnName</c>), Valence and
    /// Arousal (Single, NaN when unknown). The readers only list files; decoding is <c>LoadAudio</c>'s job.
    /// </summary>
    public static class MusicDataCatalog
    {
        /// <summary>Reads the Soundtracks data set (Eerola and Vuoskoski 2011), see <see cref="SoundtracksReader"/>.</summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="folder">The data set folder holding <c>mean_ratings_set1.csv</c> (or set 2) and the audio.</param>
        /// <param name="strategy">How the mean ratings become one of the four <see cref="EmotionLabels"/>.</param>
        /// <param name="set">Which rated set to read.</param>
        public static IDataView LoadSoundtracks(this DataOperationsCatalog catalog, string folder,
            SoundtracksLabelStrategy strategy = SoundtracksLabelStrategy.MaxRating, SoundtracksSet set = SoundtracksSet.Set1)
            => ToDataView(catalog, SoundtracksReader.Read(folder, strategy, set));

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
        public static IDataView LoadAudioManifest(this DataOperationsCatalog catalog, string csvPath, IEnumerable<string> labels = null)
            => ToDataView(catalog, AudioManifestReader.Read(csvPath, labels));

        /// <summary>The clips as an <see cref="IDataView"/> with the columns Path, Label, Song, Valence, Arousal.</summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="clips">The clips, e.g. from one of the readers in <see cref="MusicEmotion.MLNet.Data"/>.</param>
        public static IDataView LoadMusicClips(this DataOperationsCatalog catalog, IEnumerable<MusicClip> clips)
            => ToDataView(catalog, clips);

        private static IDataView ToDataView(DataOperationsCatalog catalog, IEnumerable<MusicClip> clips)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            ArgumentNullException.ThrowIfNull(clips);
            return catalog.LoadFromEnumerable(clips);
        }
    }
}
