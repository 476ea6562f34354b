namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Where <see cref="AudioLoadingEstimator"/> cuts a clip from a file that is longer than the clip duration
    /// (Han, Chen and Ban 2023, §3.1). A file shorter than the clip is looped whatever the alignment.
    /// </summary>
    internal enum ClipAlignment
    {
        /// <summary>The clip starts at the offset (seconds from the start of the file; 0 by default).</summary>
        Start = 0,

        /// <summary>The clip is taken from the middle of the file; the offset must be 0.</summary>
        Center = 1,
    }
}
