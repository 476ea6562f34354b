using System;
using System.Collections.Generic;
using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>Resolves raw label text to a canonical label: the four <see cref="EmotionLabels"/> (quadrant names
    /// Q1…Q4 accepted) by default, or a caller's list compared without regard to case.</summary>
    internal sealed class LabelVocabulary
    {
        private readonly string[] _labels;

        public LabelVocabulary(IEnumerable<string> labels)
        {
            if (labels != null)
            {
                _labels = labels.ToArray();
                if (_labels.Length == 0 || _labels.Any(string.IsNullOrWhiteSpace))
                    throw new ArgumentException("labels must be null or a non-empty list of non-empty names.", nameof(labels));
            }
        }

        public string Allowed => _labels == null
            ? string.Join(", ", EmotionLabels.All) + " (or Q1, Q2, Q3, Q4)"
            : string.Join(", ", _labels);

        /// <summary>The canonical label, or null when <paramref name="value"/> is not allowed.</summary>
        public string Resolve(string value)
        {
            if (_labels == null)
                return EmotionLabels.Normalize(value);
            var trimmed = value?.Trim();
            return _labels.FirstOrDefault(l => string.Equals(l, trimmed, StringComparison.OrdinalIgnoreCase));
        }
    }
}
