namespace MusicEmotion.MLNet
{
    /// <summary>The scale of a spectrogram: what it holds for each magnitude S = |STFT|. <see cref="LogStftEstimator"/>
    /// writes it; <see cref="SpectralSummaryEstimator"/> reads it to recover S.</summary>
    public enum SpectrogramScale
    {
        /// <summary>librosa <c>amplitude_to_db(S, ref, amin, top_db)</c>.</summary>
        Decibels = 0,

        /// <summary>ln(1 + S), <c>np.log1p</c>.</summary>
        NaturalLog1p = 1,

        /// <summary>S itself.</summary>
        Magnitude = 2,
    }
}
