namespace MusicEmotion.MLNet
{
    /// <summary>What <see cref="SpectrogramCache.Write"/> wrote: rows, bytes, seconds and the largest quantisation error.</summary>
    internal sealed class SpectrogramCacheWriteResult
    {
        public SpectrogramCacheWriteResult(string path, long rows, long bytes, double seconds, double storeSeconds, double maxError, int spectrogramSize)
        {
            Path = path;
            Rows = rows;
            Bytes = bytes;
            Seconds = seconds;
            StoreSeconds = storeSeconds;
            MaxError = maxError;
            SpectrogramSize = spectrogramSize;
        }

        public string Path { get; }

        /// <summary>Rows written (may be fewer than the clips given, when the source skips unreadable files).</summary>
        public long Rows { get; }

        public long Bytes { get; }

        /// <summary>Seconds from the first row requested to the file moved into place, computing the source included.</summary>
        public double Seconds { get; }

        /// <summary>Of <see cref="Seconds"/>, the time spent quantising and writing (the rest computes the source).</summary>
        public double StoreSeconds { get; }

        /// <summary>The largest |stored − original| over all values, in the spectrogram's unit (dB): half the largest step.</summary>
        public double MaxError { get; }

        public int SpectrogramSize { get; }

        public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;

        public double MegabytesPerRow => Rows > 0 ? Bytes / 1e6 / Rows : 0;
    }
}
