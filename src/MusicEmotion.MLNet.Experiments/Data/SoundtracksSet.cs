namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>The two rated sets of the Soundtracks data set (Eerola and Vuoskoski 2011).</summary>
    public enum SoundtracksSet
    {
        /// <summary>Set 1: 360 clips, <c>mean_ratings_set1.csv</c>; the set the paper uses.</summary>
        Set1 = 1,

        /// <summary>Set 2: 110 clips, <c>mean_ratings_set2.csv</c> (capitalised headers).</summary>
        Set2 = 2,
    }
}
