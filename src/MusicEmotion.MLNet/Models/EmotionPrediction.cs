using System;
using System.Collections.Generic;
using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The emotion of a stretch of audio, from <see cref="Start"/> to <see cref="End"/> seconds, as an
    /// <see cref="EmotionModel"/> predicts it. For a file, a stream or a sample buffer the audio is cut into clips of the
    /// model's <see cref="EmotionModel.ClipDuration"/>; each clip's answer is one of <see cref="Segments"/> (itself an
    /// <see cref="EmotionPrediction"/> of that clip, without segments), and <see cref="Probabilities"/> is the mean of
    /// the clip probabilities, whose largest gives <see cref="PredictedLabel"/>.
    /// </summary>
    /// <remarks>
    /// In a batch (<see cref="EmotionModel.PredictFiles(IEnumerable{string}, int, double?, bool, bool)"/>) a file that cannot be read gives a prediction with
    /// <see cref="Error"/> set, no label, no probabilities and no segments.
    /// </remarks>
    public sealed class EmotionPrediction
    {
        /// <summary>
        /// Below this RMS level (−60 dBFS, 0.1 % of full scale) the decoded audio is taken for silence. The log-STFT's
        /// top_db=80 floor is relative to the clip's own peak, so a silent or near-silent clip (digital silence, or
        /// stereo in antiphase that cancels in the mono mix) becomes a full-range spectrogram of noise and gets a
        /// confident but meaningless label; music, even a quiet passage, has a clip RMS well above −60 dBFS
        /// (16-bit dither alone is about −100 dBFS).
        /// </summary>
        internal const double SilenceThresholdDbfs = -60;

        internal EmotionPrediction(string path, IReadOnlyList<string> classes, double clipDuration, double start, double end,
            string predictedLabel, IReadOnlyList<float> probabilities, IReadOnlyList<EmotionPrediction> segments, double rmsDbfs,
            AudioFileError error = null)
        {
            Path = path;
            Start = start;
            End = end;
            Classes = classes;
            ClipDuration = clipDuration;
            PredictedLabel = predictedLabel;
            Probabilities = probabilities;
            Segments = segments;
            RmsDbfs = rmsDbfs;
            Error = error;
        }

        /// <summary>The audio file, as given; <see langword="null"/> for a stream or a sample buffer.</summary>
        public string Path { get; }

        /// <summary>Start of the audio this prediction is about, in seconds: 0 for a whole file, the clip's offset for a segment.</summary>
        public double Start { get; }

        /// <summary>End of the audio this prediction is about, in seconds: the end of the last clip scored for a whole
        /// file, <see cref="Start"/> plus <see cref="ClipDuration"/> for a segment (past the end of the audio for a last
        /// partial clip, which is filled by looping as LoadAudio fills short files).</summary>
        public double End { get; }

        /// <summary>The model's classes, the order of <see cref="Probabilities"/> (<see cref="EmotionModel.Classes"/>).</summary>
        public IReadOnlyList<string> Classes { get; }

        /// <summary>Length of each clip the model scored, in seconds (<see cref="EmotionModel.ClipDuration"/>).</summary>
        public double ClipDuration { get; }

        /// <summary>The class with the highest mean probability over the clips; <see langword="null"/> when
        /// <see cref="Error"/> is set.</summary>
        public string PredictedLabel { get; }

        /// <summary>Each class's probability averaged over <see cref="Segments"/>, in the order of <see cref="Classes"/>;
        /// empty when <see cref="Error"/> is set.</summary>
        public IReadOnlyList<float> Probabilities { get; }

        /// <summary>The clips scored, in time order: one for audio no longer than a clip, else one every hop seconds
        /// (the clip duration unless a timeline hop was given); empty for a segment itself and when <see cref="Error"/> is set.</summary>
        public IReadOnlyList<EmotionPrediction> Segments { get; }

        /// <summary>RMS level of the mono audio the model saw, in dB relative to full scale, over all its clips
        /// (<see cref="double.NegativeInfinity"/> for digital silence, <see cref="double.NaN"/> when <see cref="Error"/> is set).</summary>
        public double RmsDbfs { get; }

        /// <summary>Whether the audio is silent or near-silent (<see cref="RmsDbfs"/> below −60 dBFS, 0.1 % of full
        /// scale): its label then says nothing about the music.</summary>
        public bool IsSilent => RmsDbfs < SilenceThresholdDbfs;

        /// <summary>Why the file could not be read, in a batch (<see cref="EmotionModel.PredictFiles(IEnumerable{string}, int, double?, bool, bool)"/>); otherwise
        /// <see langword="null"/>.</summary>
        public AudioFileError Error { get; }

        /// <summary>This prediction and its segments with <see cref="Path"/> null (audio read from a stream through a temporary file).</summary>
        internal EmotionPrediction WithoutPath()
            => new EmotionPrediction(null, Classes, ClipDuration, Start, End, PredictedLabel, Probabilities,
                Segments.Select(s => s.WithoutPath()).ToArray(), RmsDbfs, Error);

        /// <summary>The mean probability of <paramref name="label"/>.</summary>
        /// <param name="label">One of <see cref="Classes"/>.</param>
        /// <exception cref="ArgumentException"><paramref name="label"/> is not one of the model's classes.</exception>
        /// <exception cref="InvalidOperationException"><see cref="Error"/> is set.</exception>
        public float GetProbability(string label)
        {
            if (Error != null)
                throw new InvalidOperationException($"Audio file '{Path}' was not read, so it has no probabilities: {Error.Reason}");
            for (int i = 0; i < Classes.Count; i++)
                if (string.Equals(Classes[i], label, StringComparison.Ordinal))
                    return Probabilities[i];
            throw new ArgumentException($"label='{label}' is not one of the model's classes ({string.Join(", ", Classes)}).", nameof(label));
        }

        /// <summary>The file name, label and probabilities, e.g. <c>song.mp3: happy (angry 0.10, happy 0.70, ...)</c>;
        /// a segment also gives its seconds, e.g. <c>song.mp3 30-60 s: sad (...)</c>.</summary>
        public override string ToString()
        {
            var name = Path == null ? "audio" : System.IO.Path.GetFileName(Path);
            if (Segments.Count == 0 && Error == null)
                name += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {Start:0.##}-{End:0.##} s");
            if (Error != null)
                return $"{name}: not read ({Error.Reason})";
            var parts = new string[Classes.Count];
            for (int i = 0; i < parts.Length; i++)
                parts[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Classes[i]} {Probabilities[i]:0.00}");
            return $"{name}: {PredictedLabel} ({string.Join(", ", parts)})";
        }
    }
}
