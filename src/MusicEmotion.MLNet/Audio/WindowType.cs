namespace MusicEmotion.MLNet
{
    /// <summary>Analysis window (librosa <c>window</c>), always periodic (<c>fftbins=True</c>).</summary>
    public enum WindowType
    {
        /// <summary>0.5 - 0.5·cos(2πn/L), <c>'hann'</c>.</summary>
        Hann = 0,

        /// <summary>0.54 - 0.46·cos(2πn/L), <c>'hamming'</c>.</summary>
        Hamming = 1,

        /// <summary>All ones, <c>'boxcar'</c>.</summary>
        Rectangular = 2,
    }
}
