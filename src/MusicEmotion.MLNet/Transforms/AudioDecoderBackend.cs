namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Which decoder and resampler read audio files (<see cref="AudioLoadingEstimator.Options.DecoderBackend"/>, the
    /// <c>decoderBackend</c> parameter of <c>LoadAudio</c> and <c>ExpandToClips</c>, and <c>mer --decoder</c>).
    /// </summary>
    public enum AudioDecoderBackend
    {
        /// <summary>
        /// <see cref="Native"/> when libsndfile and libsoxr load, <see cref="Managed"/> otherwise; in both cases the
        /// <c>ffmpeg</c> executable, when on <c>PATH</c>, for the formats the chosen decoder cannot read.
        /// </summary>
        Auto = 0,

        /// <summary>
        /// libsndfile (and libmpg123 for mp3) decode and libsoxr resamples at <c>soxr_hq</c>, as librosa does; the
        /// <c>ffmpeg</c> executable for the formats libsndfile cannot read. A file read fails with a
        /// <see cref="System.DllNotFoundException"/> naming the library and its package when libsndfile or libsoxr is
        /// missing.
        /// </summary>
        Native = 1,

        /// <summary>
        /// No native library and no external process: WAV and AIFF through NAudio, mp3 through NLayer, and a managed
        /// Kaiser-windowed-sinc resampler with the response of <c>soxr_hq</c>. Other formats fail with a
        /// <see cref="System.NotSupportedException"/>.
        /// </summary>
        Managed = 2,

        /// <summary>Every file through the <c>ffmpeg</c> executable (resampled by libsoxr when it loads, by the
        /// managed resampler otherwise).</summary>
        Ffmpeg = 3,
    }
}
