using System.Collections.Generic;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// How the clips of one song become the song's answer: the mean of the clip probabilities, class by class, and the
    /// class with the largest mean. The one place <see cref="EmotionModel"/> (and whatever scores songs clip by clip)
    /// averages clips.
    /// </summary>
    internal static class ClipAveraging
    {
        /// <summary>The class-wise mean of <paramref name="clips"/> (each <paramref name="classes"/> probabilities);
        /// zeros for no clips.</summary>
        public static float[] MeanProbabilities(IEnumerable<IReadOnlyList<float>> clips, int classes)
        {
            var sum = new double[classes];
            int count = 0;
            foreach (var clip in clips)
            {
                for (int c = 0; c < classes; c++)
                    sum[c] += clip[c];
                count++;
            }
            var mean = new float[classes];
            if (count > 0)
                for (int c = 0; c < classes; c++)
                    mean[c] = (float)(sum[c] / count);
            return mean;
        }

        /// <summary>Index of the largest value, the first of equal ones.</summary>
        public static int ArgMax(IReadOnlyList<float> values)
        {
            int best = 0;
            for (int i = 1; i < values.Count; i++)
                if (values[i] > values[best])
                    best = i;
            return best;
        }
    }
}
