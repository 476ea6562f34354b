namespace MusicEmotion.MLNet
{
    /// <summary>Which decoder read a file.</summary>
    internal enum AudioBackend
    {
        /// <summary>libsndfile, in process.</summary>
        SndFile,
        /// <summary>libmpg123 directly, for MPEG audio (libsndfile's own mp3 decoder, made quiet and exact).</summary>
        Mpg123,
        /// <summary>The ffmpeg executable (fallback).</summary>
        Ffmpeg,
        /// <summary>NAudio (WAV, AIFF) or NLayer (MPEG audio), no native library.</summary>
        Managed,
    }
}
