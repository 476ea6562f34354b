namespace MusicEmotion.MLNet
{
    /// <summary>How a centred STFT pads the signal's ends (librosa <c>pad_mode</c>).</summary>
    internal enum PaddingMode
    {
        /// <summary>Zeros, <c>'constant'</c> (librosa ≥ 0.10's default).</summary>
        Constant = 0,

        /// <summary>Mirror without repeating the edge sample, <c>'reflect'</c> (librosa &lt; 0.10's default).</summary>
        Reflect = 1,
    }
}
