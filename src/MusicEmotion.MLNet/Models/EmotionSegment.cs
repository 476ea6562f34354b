using System.Collections.Generic;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The model's answer for one clip of a song: the clip from <see cref="Start"/> to <see cref="End"/> seconds, its
    /// most probable class and the probability of every class. One element of <see cref="EmotionPrediction.Segments"/>.
    /// </summary>
    public sealed class EmotionSegment
    {
        internal EmotionSegment(double start, double end, string predictedLabel, IReadOnlyList<float> probabilities)
        {
            Start = start;
            End = end;
            PredictedLabel = predictedLabel;
            Probabilities = probabilities;
        }

        /// <summary>Start of the clip in seconds from the beginning of the audio.</summary>
        public double Start { get; }

        /// <summary>End of the clip in seconds: <see cref="Start"/> plus the model's <see cref="EmotionModel.ClipDuration"/>
        /// (past the end of the audio for a last partial clip, which is filled by looping as LoadAudio fills short files).</summary>
        public double End { get; }

        /// <summary>The class with the highest probability in this clip.</summary>
        public string PredictedLabel { get; }

        /// <summary>The softmax probability of each class, in the order of <see cref="EmotionModel.Classes"/>; they sum to 1.</summary>
        public IReadOnlyList<float> Probabilities { get; }
    }
}
