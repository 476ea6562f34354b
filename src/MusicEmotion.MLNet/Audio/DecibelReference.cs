namespace MusicEmotion.MLNet
{
    /// <summary>The <c>ref</c> of <c>amplitude_to_db</c>.</summary>
    internal enum DecibelReference
    {
        /// <summary><c>ref=1.0</c>: absolute decibels.</summary>
        One = 0,

        /// <summary><c>ref=np.max</c>: relative to the loudest bin of the clip, so the maximum is 0 dB.</summary>
        Max = 1,
    }
}
