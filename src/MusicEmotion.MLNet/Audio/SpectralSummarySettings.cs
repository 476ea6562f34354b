
namespace MusicEmotion.MLNet
{
    /// <summary>The parameters of <see cref="SpectralDescriptors"/>, as saved by the transformer.</summary>
    internal readonly struct SpectralSummarySettings
    {
        public SpectralSummarySettings(SpectrogramScale scale, int sampleRate, double rollPercent, double flatnessAmin,
            double flatnessPower, int zeroCrossingFrameLength, int zeroCrossingHopLength, bool center,
            SpectralSummaryFeatures features = SpectralSummaryFeatures.Paper, int hopLength = 512)
        {
            Features = features;
            HopLength = hopLength;
            Scale = scale;
            SampleRate = sampleRate;
            RollPercent = rollPercent;
            FlatnessAmin = flatnessAmin;
            FlatnessPower = flatnessPower;
            ZeroCrossingFrameLength = zeroCrossingFrameLength;
            ZeroCrossingHopLength = zeroCrossingHopLength;
            Center = center;
        }

        public SpectrogramScale Scale { get; }

        public int SampleRate { get; }

        public double RollPercent { get; }

        public double FlatnessAmin { get; }

        public double FlatnessPower { get; }

        public int ZeroCrossingFrameLength { get; }

        public int ZeroCrossingHopLength { get; }

        public bool Center { get; }

        /// <summary>The groups written.</summary>
        public SpectralSummaryFeatures Features { get; }

        /// <summary>librosa <c>hop_length</c> of the spectrogram's frames (onset envelope and tempo).</summary>
        public int HopLength { get; }
    }
}
