namespace MusicEmotion.MLNet.Transforms
{
    /// <summary>
    /// The scale of the spectrogram given to <see cref="SpectralSummaryEstimator"/>; it says how the magnitude
    /// <c>S</c> that librosa's spectral descriptors need is recovered from the values.
    /// </summary>
    public enum SpectralSummaryInputScale
    {
        /// <summary>Decibels relative to 1, as librosa's <c>amplitude_to_db(S, ref=1.0)</c>: <c>S = 10^(x/20)</c>.
        /// Values floored by <c>top_db</c> stay floored.</summary>
        Decibels = 0,

        /// <summary>The magnitude itself: <c>S = x</c> (values must not be negative).</summary>
        Magnitude = 1,

        /// <summary>Natural log of one plus the magnitude, <c>np.log1p(S)</c>: <c>S = expm1(x)</c>.</summary>
        NaturalLog1p = 2,
    }
}
