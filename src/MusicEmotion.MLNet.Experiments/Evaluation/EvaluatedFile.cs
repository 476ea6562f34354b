using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>One readable labelled row of an <see cref="EvaluationReport"/>: its file, its true class and the
    /// model's prediction of the whole file (the mean of its clips, each clip one of the prediction's segments).</summary>
    internal sealed class EvaluatedFile
    {
        public EvaluatedFile(int row, string label, int labelIndex, EmotionPrediction prediction)
        {
            Row = row;
            Label = label;
            LabelIndex = labelIndex;
            Prediction = prediction;
        }

        /// <summary>The row's position in the evaluated data (0-based, unreadable rows included).</summary>
        public int Row { get; }

        /// <summary>The audio file.</summary>
        public string Path => Prediction.Path;

        /// <summary>The true class.</summary>
        public string Label { get; }

        /// <summary>Index of <see cref="Label"/> in the model's classes.</summary>
        public int LabelIndex { get; }

        /// <summary>The file's prediction: probabilities averaged over its clips (<see cref="ClipAveraging"/>).</summary>
        public EmotionPrediction Prediction { get; }

        /// <summary>The clips the file was scored as (1 for a file no longer than one clip, which is looped to fill it).</summary>
        public int Clips => Prediction.Segments.Count;

        /// <summary>Each clip's class probabilities.</summary>
        public IEnumerable<IReadOnlyList<float>> ClipProbabilities
        {
            get
            {
                foreach (var segment in Prediction.Segments)
                    yield return segment.Probabilities;
            }
        }
    }
}
