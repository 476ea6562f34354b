namespace MusicEmotion.MLNet
{
    /// <summary>
    /// An audio file that could not be read and was left out of the data: its path and, in the package's own words,
    /// why (for example <c>Audio file '/music/a.mp3' is empty (0 bytes).</c>).
    /// </summary>
    /// <remarks>
    /// <see cref="AudioLoadingTransformer.RejectedFiles"/> lists these when <c>LoadAudio</c> runs with
    /// <see cref="AudioLoadingEstimator.Options.SkipUnreadableFiles"/>, and so does <c>ExpandToClips</c> with
    /// <c>skipUnreadableFiles</c>.
    /// </remarks>
    public sealed class AudioFileError
    {
        /// <summary>Creates the record of one unreadable file.</summary>
        /// <param name="path">The file as its row named it.</param>
        /// <param name="reason">One sentence naming the file and the cause.</param>
        public AudioFileError(string path, string reason)
        {
            Path = path ?? string.Empty;
            Reason = reason ?? string.Empty;
        }

        /// <summary>The file as its row named it.</summary>
        public string Path { get; }

        /// <summary>Why it could not be read: the decoder's message, one sentence naming the file and the cause.</summary>
        public string Reason { get; }

        /// <summary>The reason (which names the file).</summary>
        public override string ToString() => Reason;
    }
}
