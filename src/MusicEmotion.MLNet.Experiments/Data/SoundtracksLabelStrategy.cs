namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>How <see cref="SoundtracksReader"/> turns the Soundtracks mean ratings into one of the four
    /// <see cref="EmotionLabels"/>.</summary>
    public enum SoundtracksLabelStrategy
    {
        /// <summary>
        /// The paper's "maximum confidence label": the highest of the anger, fear, happy, sad and tender mean
        /// ratings, with fear counted as angry. All clips are kept. A tie goes to the first of the tied columns in
        /// the order anger, fear, happy, sad, tender. On the published set 1 ratings this gives angry 144, happy 65,
        /// sad 75, tender 76, not the 156/58/68/78 the paper reports.
        /// </summary>
        MaxRating = 0,

        /// <summary>
        /// The intended category (TARGET column) of the clip: only clips whose target is HAPPY, ANGER, SAD or
        /// TENDER are kept (120 clips in set 1), mapped to happy, angry, sad, tender. Other targets are dropped.
        /// </summary>
        Target = 1,

        /// <summary>
        /// The quadrant of the valence and energy mean ratings relative to the scale midpoint (5 on the 1–9 scale),
        /// see <see cref="EmotionLabels.FromValenceArousal"/>; a rating equal to the midpoint counts as high.
        /// </summary>
        Quadrant = 2,
    }
}
