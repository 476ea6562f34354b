namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Which cached feature column a <see cref="ComparisonMethod"/> reads.</summary>
    public enum MethodInput
    {
        /// <summary>The spectral summary vector (shallow models).</summary>
        Summary,

        /// <summary>The [bins, frames] log-STFT (deep models).</summary>
        Spectrogram,
    }
}
