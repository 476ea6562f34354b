using Microsoft.ML;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Extensions on <see cref="DataOperationsCatalog"/> that read the paper's data set.</summary>
    public static class SoundtracksCatalog
    {
        /// <summary>Reads the Soundtracks data set (Eerola and Vuoskoski 2011), see <see cref="SoundtracksReader"/>.</summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="folder">The data set folder holding <c>mean_ratings_set1.csv</c> (or set 2) and the audio.</param>
        /// <param name="strategy">How the mean ratings become one of the four <see cref="EmotionLabels"/>.</param>
        /// <param name="set">Which rated set to read.</param>
        public static IDataView LoadSoundtracks(this DataOperationsCatalog catalog, string folder,
            SoundtracksLabelStrategy strategy = SoundtracksLabelStrategy.MaxRating, SoundtracksSet set = SoundtracksSet.Set1)
            => catalog.LoadMusicClips(SoundtracksReader.Read(folder, strategy, set));

        /// <summary>
        /// The core package's <c>LoadAudioData(path)</c> (the reader chosen from the path: a CSV manifest, a folder
        /// holding <c>labels.csv</c>, one sub-folder per class) that also reads a Soundtracks folder (one holding
        /// <c>mean_ratings_set1.csv</c>), its ratings turned into labels by <paramref name="strategy"/>.
        /// </summary>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="path">A CSV manifest or a folder.</param>
        /// <param name="strategy">How a Soundtracks folder's mean ratings become labels.</param>
        /// <returns>The columns Path, Label, Song, Valence, Arousal, one row per audio file.</returns>
        public static IDataView LoadAudioData(this DataOperationsCatalog catalog, string path, SoundtracksLabelStrategy strategy)
            => DataSource.LoadLogged(catalog, path, folder => catalog.LoadSoundtracks(folder, strategy));
    }
}
