namespace MusicEmotion.MLNet
{
    /// <summary>
    /// One labelled audio clip, the row type of every reader in <see cref="MusicEmotion.MLNet.Data"/>: the columns
    /// Path, Label, Song, Valence and Arousal of the <see cref="Microsoft.ML.IDataView"/> they return.
    /// </summary>
    public sealed class MusicClip
    {
        /// <summary>Absolute path of the audio file.</summary>
        public string Path { get; set; }

        /// <summary>The class label, e.g. one of <see cref="EmotionLabels.All"/>.</summary>
        public string Label { get; set; }

        /// <summary>
        /// The group the clip belongs to: clips with the same Song must stay on one side of every split. Readers
        /// without song information give each clip its own group (the file's name or the clip number).
        /// </summary>
        public string Song { get; set; }

        /// <summary>Valence rating, <see cref="float.NaN"/> when unknown.</summary>
        public float Valence { get; set; } = float.NaN;

        /// <summary>Arousal (energy) rating, <see cref="float.NaN"/> when unknown.</summary>
        public float Arousal { get; set; } = float.NaN;

        /// <inheritdoc/>
        public override string ToString() => $"{Label} {Song} {Path}";
    }
}
