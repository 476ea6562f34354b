using System.Collections.Generic;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>A file's emotion (the class with the highest mean probability over its segments) and its segments, with
    /// the RMS level of the audio the model saw (dB re full scale over all segments).</summary>
    internal sealed record FilePrediction(string Path, double ClipDuration, string Predicted, IReadOnlyList<float> Probabilities,
        IReadOnlyList<SegmentPrediction> Segments, double RmsDbfs = double.NaN)
    {
        /// <summary>
        /// Below this RMS level (−60 dBFS, 0.1 % of full scale) the decoded clip is taken for silence. The log-STFT's
        /// top_db=80 floor is relative to the clip's own peak, so a silent or near-silent clip (digital silence, or
        /// stereo in antiphase that cancels in the mono mix) becomes a full-range spectrogram of noise and gets a
        /// confident but meaningless label; music, even a quiet passage, has a clip RMS well above −60 dBFS
        /// (16-bit dither alone is about −100 dBFS).
        /// </summary>
        public const double SilenceThresholdDbfs = -60;

        /// <summary>Whether the audio is silent or near-silent (see <see cref="SilenceThresholdDbfs"/>).</summary>
        public bool Silent => RmsDbfs < SilenceThresholdDbfs;
    }
}
