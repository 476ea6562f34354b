using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Reads the Soundtracks data set of Eerola and Vuoskoski (2011), "A comparison of the discrete and dimensional
    /// models of emotion in music", the data of Han, Chen and Ban (2023).
    /// </summary>
    /// <remarks>
    /// <para>Expected layout: <c>mean_ratings_set1.csv</c> (or <c>_set2</c>) in the folder or in its <c>set1</c>
    /// (<c>set2</c>) subfolder, and the audio files named by clip number (<c>001.mp3</c> … <c>360.mp3</c>; any audio
    /// extension of <see cref="AudioFileTypes"/>, leading zeros optional) anywhere below the set's subfolder when
    /// there is one (the original archive has <c>set1/mp3/Soundtrack360_mp3/</c>), else below the folder.</para>
    /// <para>The CSV is UTF-8 with or without BOM; headers are matched without regard to case (set 1 has
    /// <c>number,valence,energy,tension,anger,fear,happy,sad,tender,TARGET</c>, set 2 capitalised names and more
    /// columns). Required: number, valence, energy, anger, fear, happy, sad, tender; TARGET (or TARGET_EMOTION) only
    /// for <see cref="SoundtracksLabelStrategy.Target"/>. TARGET values other than the four used are accepted as any
    /// text. Valence and Arousal of each clip are its mean valence and energy ratings; Song is the clip number
    /// (three digits), so every clip is its own group.</para>
    /// </remarks>
    public static class SoundtracksReader
    {
        /// <summary>Midpoint of the 1–9 rating scale, used by <see cref="SoundtracksLabelStrategy.Quadrant"/>.</summary>
        public const float RatingMidpoint = 5f;

        private static readonly string[] s_emotionColumns = { "anger", "fear", "happy", "sad", "tender" };
        private static readonly string[] s_emotionLabels =
            { EmotionLabels.Angry, EmotionLabels.Angry, EmotionLabels.Happy, EmotionLabels.Sad, EmotionLabels.Tender };

        /// <summary>The TARGET values kept by <see cref="SoundtracksLabelStrategy.Target"/> and their labels (compared
        /// without regard to case; the noun forms cover set 2's TARGET_EMOTION spelling, which we could not check).</summary>
        private static readonly Dictionary<string, string> s_targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["HAPPY"] = EmotionLabels.Happy,
            ["HAPPINESS"] = EmotionLabels.Happy,
            ["ANGER"] = EmotionLabels.Angry,
            ["ANGRY"] = EmotionLabels.Angry,
            ["SAD"] = EmotionLabels.Sad,
            ["SADNESS"] = EmotionLabels.Sad,
            ["TENDER"] = EmotionLabels.Tender,
            ["TENDERNESS"] = EmotionLabels.Tender,
        };

        /// <summary>The file name of the mean ratings of <paramref name="set"/>.</summary>
        public static string RatingsFileName(SoundtracksSet set) => set switch
        {
            SoundtracksSet.Set1 => "mean_ratings_set1.csv",
            SoundtracksSet.Set2 => "mean_ratings_set2.csv",
            _ => throw new ArgumentOutOfRangeException(nameof(set), set, $"set={set} must be Set1 or Set2."),
        };

        /// <summary>Reads the labelled clips of one set, in the order of the CSV.</summary>
        /// <param name="folder">The data set folder.</param>
        /// <param name="strategy">How ratings become labels.</param>
        /// <param name="set">Which rated set.</param>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        /// <exception cref="FileNotFoundException">The ratings CSV, or the audio of a kept clip, is missing.</exception>
        /// <exception cref="InvalidDataException">The CSV is malformed (the message gives the line).</exception>
        public static IReadOnlyList<MusicClip> Read(string folder, SoundtracksLabelStrategy strategy = SoundtracksLabelStrategy.MaxRating,
            SoundtracksSet set = SoundtracksSet.Set1)
        {
            if (string.IsNullOrWhiteSpace(folder))
                throw new ArgumentException("The Soundtracks folder must be given.", nameof(folder));
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"Soundtracks folder {folder} not found.");
            if (!Enum.IsDefined(strategy))
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy, $"strategy={strategy} must be MaxRating, Target or Quadrant.");

            var fileName = RatingsFileName(set);
            var setFolder = Path.Combine(folder, set == SoundtracksSet.Set1 ? "set1" : "set2");
            var csvPath = Path.Combine(folder, fileName);
            if (!File.Exists(csvPath) && File.Exists(Path.Combine(setFolder, fileName)))
                csvPath = Path.Combine(setFolder, fileName);
            if (!File.Exists(csvPath))
                throw new FileNotFoundException($"File {csvPath} not found: the Soundtracks folder must hold {fileName} (or set{(int)set}/{fileName}).", csvPath);

            var table = CsvTable.Read(csvPath);
            int number = table.Require("number");
            int valence = table.Require("valence");
            int energy = table.Require("energy");
            var emotions = s_emotionColumns.Select(c => table.Require(c)).ToArray();
            int target = strategy == SoundtracksLabelStrategy.Target ? table.Require("TARGET", "TARGET_EMOTION") : -1;

            // Parse and label every row first so CSV errors come before missing-audio errors.
            var seen = new HashSet<int>();
            var kept = new List<(int Clip, MusicClip Row)>();
            foreach (var row in table.Rows)
            {
                int clip = table.ParseInt32(row, number);
                if (clip < 0)
                    throw new InvalidDataException($"{table.FileName} line {row.Line}: number={clip} must not be negative.");
                if (!seen.Add(clip))
                    throw new InvalidDataException($"{table.FileName} line {row.Line}: clip number {clip} appears more than once.");
                float v = table.ParseSingle(row, valence);
                float a = table.ParseSingle(row, energy);
                var ratings = emotions.Select(c => table.ParseSingle(row, c)).ToArray();
                string label = strategy switch
                {
                    SoundtracksLabelStrategy.MaxRating => MaxRatingLabel(ratings),
                    SoundtracksLabelStrategy.Quadrant => EmotionLabels.FromValenceArousal(v, a, RatingMidpoint),
                    _ => s_targets.TryGetValue(row.Fields[target].Trim(), out var l) ? l : null,
                };
                if (label == null)
                    continue;
                kept.Add((clip, new MusicClip
                {
                    Label = label,
                    Song = clip.ToString("000", CultureInfo.InvariantCulture),
                    Valence = v,
                    Arousal = a,
                }));
            }

            var audioRoot = Directory.Exists(setFolder) ? setFolder : folder;
            var audio = IndexAudio(audioRoot);
            var clips = new List<MusicClip>(kept.Count);
            foreach (var (clip, row) in kept)
            {
                row.Path = FindAudio(audio, clip, audioRoot);
                clips.Add(row);
            }
            return clips;
        }

        /// <summary>Argmax over anger, fear, happy, sad, tender; the first column wins a tie.</summary>
        private static string MaxRatingLabel(float[] ratings)
        {
            int best = 0;
            for (int i = 1; i < ratings.Length; i++)
            {
                if (ratings[i] > ratings[best])
                    best = i;
            }
            return s_emotionLabels[best];
        }

        private static Dictionary<int, List<string>> IndexAudio(string root)
        {
            var index = new Dictionary<int, List<string>>();
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                if (!AudioFileTypes.IsAudio(file))
                    continue;
                var stem = Path.GetFileNameWithoutExtension(file);
                if (stem.Length == 0 || !stem.All(char.IsAsciiDigit)
                    || !int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    continue;
                if (!index.TryGetValue(n, out var list))
                    index[n] = list = new List<string>();
                list.Add(Path.GetFullPath(file));
            }
            return index;
        }

        private static string FindAudio(Dictionary<int, List<string>> audio, int clip, string root)
        {
            if (!audio.TryGetValue(clip, out var files))
            {
                var expected = clip.ToString("000", CultureInfo.InvariantCulture) + ".mp3";
                throw new FileNotFoundException(
                    $"No audio file for Soundtracks clip {clip}: expected {expected} (or another audio extension) below {root}.", expected);
            }
            if (files.Count > 1)
            {
                files.Sort(StringComparer.Ordinal);
                throw new InvalidDataException($"Soundtracks clip {clip} matches more than one audio file: {string.Join(", ", files)}.");
            }
            return files[0];
        }
    }
}
