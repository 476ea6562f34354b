using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The four emotion classes of Han, Chen and Ban (2023), one per quadrant of the Thayer/Russell
    /// valence-arousal plane: Q1 (+valence, +arousal) happy, Q2 (−, +) angry, Q3 (−, −) sad, Q4 (+, −) tender.
    /// </summary>
    internal static class EmotionLabels
    {
        /// <summary>Quadrant 1: positive valence, high arousal.</summary>
        public const string Happy = "happy";

        /// <summary>Quadrant 2: negative valence, high arousal.</summary>
        public const string Angry = "angry";

        /// <summary>Quadrant 3: negative valence, low arousal.</summary>
        public const string Sad = "sad";

        /// <summary>Quadrant 4: positive valence, low arousal.</summary>
        public const string Tender = "tender";

        /// <summary>The four labels in quadrant order Q1, Q2, Q3, Q4.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Happy, Angry, Sad, Tender };

        /// <summary>The label of quadrant <paramref name="quadrant"/> (1 to 4).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The quadrant is not 1, 2, 3 or 4.</exception>
        public static string FromQuadrant(int quadrant)
        {
            if (quadrant < 1 || quadrant > 4)
                throw new ArgumentOutOfRangeException(nameof(quadrant), quadrant, $"quadrant={quadrant} must be 1, 2, 3 or 4.");
            return All[quadrant - 1];
        }

        /// <summary>The quadrant (1 to 4) of one of the four labels, compared without regard to case.</summary>
        /// <exception cref="ArgumentException">The label is not one of <see cref="All"/>.</exception>
        public static int ToQuadrant(string label)
        {
            for (int i = 0; i < All.Count; i++)
            {
                if (string.Equals(All[i], label, StringComparison.OrdinalIgnoreCase))
                    return i + 1;
            }
            throw new ArgumentException($"Label '{label}' is not one of {string.Join(", ", All)}.", nameof(label));
        }

        /// <summary>
        /// The label of a point of the valence-arousal plane, with both axes taken relative to
        /// <paramref name="midpoint"/>. A value equal to the midpoint counts as positive (high), so ties go to
        /// Q1 (happy) on both axes, Q4 (tender) on arousal only and Q2 (angry) on valence only.
        /// </summary>
        /// <param name="valence">Valence rating.</param>
        /// <param name="arousal">Arousal (energy) rating.</param>
        /// <param name="midpoint">The neutral point of the rating scale (5 on a 1–9 scale, 0 on −1…+1).</param>
        /// <exception cref="ArgumentException">A rating is NaN or infinite.</exception>
        public static string FromValenceArousal(float valence, float arousal, float midpoint)
        {
            if (!float.IsFinite(valence) || !float.IsFinite(arousal))
                throw new ArgumentException($"Valence={valence} and Arousal={arousal} must be finite numbers.");
            bool positive = valence >= midpoint;
            bool high = arousal >= midpoint;
            if (high)
                return positive ? Happy : Angry;
            return positive ? Tender : Sad;
        }

        /// <summary>
        /// Returns the canonical label for <paramref name="value"/>: one of <see cref="All"/> compared without
        /// regard to case, or a quadrant name <c>Q1</c>…<c>Q4</c>; <c>null</c> when it is neither.
        /// </summary>
        public static string Normalize(string value)
        {
            if (value == null)
                return null;
            var trimmed = value.Trim();
            foreach (var label in All)
            {
                if (string.Equals(label, trimmed, StringComparison.OrdinalIgnoreCase))
                    return label;
            }
            if (trimmed.Length == 2 && (trimmed[0] == 'Q' || trimmed[0] == 'q') && trimmed[1] >= '1' && trimmed[1] <= '4')
                return All[trimmed[1] - '1'];
            return null;
        }
    }
}
