using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// The package's embedded demo corpus: short synthetic pieces whose musical cues follow the quadrant model
    /// (fast, major, bright, loud and detached for happy; fast, minor, low, loud and harsh for angry; slow, minor,
    /// low, soft and legato for sad; slow, major, mid-high, soft and legato for tender). Generated deterministically
    /// from a seed, so no download is needed and every machine gets the same files.
    /// </summary>
    public static class DemoCorpus
    {
        /// <summary>Default values of <see cref="Generate"/>.</summary>
        public static class Defaults
        {
            /// <summary>Pieces per class.</summary>
            public const int ClipsPerClass = 24;

            /// <summary>Length of each piece in seconds (LoadAudio loops it to the clip duration).</summary>
            public const double Seconds = 10;

            /// <summary>Sample rate of the written WAV files (librosa's default <c>sr</c>).</summary>
            public const int SampleRate = 22050;

            /// <summary>Seed of the whole corpus.</summary>
            public const int Seed = 2023;
        }

        /// <summary>
        /// Writes <paramref name="clipsPerClass"/> pieces per emotion class as 16-bit mono WAV files into
        /// <paramref name="directory"/> and a manifest <c>labels.csv</c> (<c>path,label,song</c>) that
        /// <see cref="AudioManifestReader"/> and <c>mlContext.Data.LoadAudioManifest</c> read. Existing identical
        /// files are overwritten. Every piece is its own song.
        /// </summary>
        /// <param name="directory">Output folder, created when missing.</param>
        /// <param name="clipsPerClass">Pieces per class; must be positive.</param>
        /// <param name="seconds">Length of each piece in seconds; must be positive.</param>
        /// <param name="seed">Seed: the same seed writes the same corpus.</param>
        /// <param name="sampleRate">Sample rate in Hz; must be at least 8000.</param>
        /// <returns>The path of the manifest.</returns>
        public static string Generate(string directory, int clipsPerClass = Defaults.ClipsPerClass,
            double seconds = Defaults.Seconds, int seed = Defaults.Seed, int sampleRate = Defaults.SampleRate)
        {
            if (string.IsNullOrWhiteSpace(directory))
                throw new ArgumentException("The output directory must be given.", nameof(directory));
            if (clipsPerClass <= 0)
                throw new ArgumentOutOfRangeException(nameof(clipsPerClass), clipsPerClass, $"clipsPerClass={clipsPerClass} must be positive.");
            if (!(seconds > 0))
                throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"seconds={seconds} must be positive.");
            if (sampleRate < 8000)
                throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, $"sampleRate={sampleRate} must be at least 8000.");

            Directory.CreateDirectory(directory);
            var manifest = new StringBuilder("path,label,song\n");
            var styles = DemoPieceStyle.All;
            for (int s = 0; s < styles.Length; s++)
            {
                for (int i = 0; i < clipsPerClass; i++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"{styles[s].Label}_{i:D3}");
                    int pieceSeed = unchecked(seed * 7919 + s * 104729 + i);
                    var samples = DemoPieceSynthesizer.Synthesize(styles[s], pieceSeed, seconds, sampleRate);
                    OutputFile.WriteKeepingExtension(Path.Combine(directory, name + ".wav"),
                        temporary => AudioWriter.Write(temporary, samples, channels: 1, sampleRate));
                    manifest.Append(name).Append(".wav,").Append(styles[s].Label).Append(',').Append(name).Append('\n');
                }
            }
            var manifestPath = Path.Combine(directory, "labels.csv");
            OutputFile.WriteAllText(manifestPath, manifest.ToString());
            return manifestPath;
        }

        /// <summary>Synthesises one piece of the given class in memory (mono, peak at the style's loudness).</summary>
        /// <param name="label">One of <see cref="EmotionLabels.All"/>.</param>
        /// <param name="seed">Seed of the piece.</param>
        /// <param name="seconds">Length in seconds.</param>
        /// <param name="sampleRate">Sample rate in Hz.</param>
        public static float[] Synthesize(string label, int seed, double seconds = Defaults.Seconds, int sampleRate = Defaults.SampleRate)
        {
            int quadrant = EmotionLabels.ToQuadrant(label);
            if (!(seconds > 0))
                throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"seconds={seconds} must be positive.");
            return DemoPieceSynthesizer.Synthesize(DemoPieceStyle.All[quadrant - 1], seed, seconds, sampleRate);
        }
    }
}
