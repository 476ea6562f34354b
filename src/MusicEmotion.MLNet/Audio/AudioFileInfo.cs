namespace MusicEmotion.MLNet
{
    /// <summary>What a file's header says, read without decoding the audio.</summary>
    internal readonly struct AudioFileInfo
    {
        public AudioFileInfo(long frames, int sampleRate, int channels, AudioBackend backend)
        {
            Frames = frames;
            SampleRate = sampleRate;
            Channels = channels;
            Backend = backend;
        }

        /// <summary>Frames (samples per channel) at the source rate.</summary>
        public long Frames { get; }

        /// <summary>Source sample rate in Hz.</summary>
        public int SampleRate { get; }

        /// <summary>Channel count.</summary>
        public int Channels { get; }

        /// <summary>The decoder that can read the file.</summary>
        public AudioBackend Backend { get; }

        /// <summary>Length in seconds.</summary>
        public double Duration => (double)Frames / SampleRate;
    }
}
