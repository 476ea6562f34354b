using Microsoft.ML;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="TransformsCatalog"/> for the audio front end: <c>LoadAudio</c> (decode, downmix,
    /// resample, fit to a clip length) and <c>LogStft</c> (librosa-compatible log-magnitude spectrogram).
    /// </summary>
    public static class AudioTransformsCatalog
    {
    }
}
