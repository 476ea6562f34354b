
namespace MusicEmotion.MLNet
{
    /// <summary>What <see cref="StftEngine"/> does with each magnitude: librosa's <c>amplitude_to_db</c> (with its
    /// <c>ref</c>, <c>amin</c> and <c>top_db</c>), <c>log1p</c>, or nothing.</summary>
    internal readonly struct SpectrumScaling
    {
        public SpectrumScaling(SpectrogramScale scale, DecibelReference reference, float amin, float? topDb)
        {
            Scale = scale;
            Reference = reference;
            Amin = amin;
            TopDb = topDb;
        }

        public SpectrogramScale Scale { get; }

        public DecibelReference Reference { get; }

        public float Amin { get; }

        public float? TopDb { get; }
    }
}
