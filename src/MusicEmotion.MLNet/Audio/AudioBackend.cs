namespace MusicEmotion.MLNet.Audio
{
    /// <summary>Which decoder read a file.</summary>
    internal enum AudioBackend
    {
        /// <summary>libsndfile, in process.</summary>
        SndFile,
        /// <summary>The ffmpeg executable (fallback).</summary>
        Ffmpeg,
    }
}
