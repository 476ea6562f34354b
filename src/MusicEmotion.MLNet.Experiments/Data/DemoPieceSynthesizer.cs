using System;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Synthesises a short deterministic piece in a <see cref="DemoPieceStyle"/>: a melody that walks the scale of a
    /// random key over a block-chord accompaniment, additive-synthesis notes with an attack-decay envelope.
    /// </summary>
    internal static class DemoPieceSynthesizer
    {
        private static readonly int[] s_majorScale = { 0, 2, 4, 5, 7, 9, 11 };
        private static readonly int[] s_minorScale = { 0, 2, 3, 5, 7, 8, 10 };

        /// <summary>Returns <paramref name="seconds"/> of mono audio at <paramref name="sampleRate"/>, peak-normalised
        /// to the style's loudness.</summary>
        public static float[] Synthesize(DemoPieceStyle style, int seed, double seconds, int sampleRate)
        {
            var random = new Random(seed);
            var output = new double[(int)Math.Round(seconds * sampleRate)];
            double tempo = style.MinTempo + random.NextDouble() * (style.MaxTempo - style.MinTempo);
            double beat = 60.0 / tempo;
            int tonic = 48 + random.Next(12);
            var scale = style.Major ? s_majorScale : s_minorScale;

            // Melody: a random walk on scale degrees, kept inside the style's register.
            int degree = random.Next(7);
            int octave = (style.LowestMidiNote + style.HighestMidiNote) / 2 / 12 * 12;
            double time = 0;
            while (time < seconds)
            {
                int step = random.Next(5) - 2;
                degree += step;
                int note = NoteOf(tonic, octave, scale, degree);
                while (note > style.HighestMidiNote) { degree -= 7; note = NoteOf(tonic, octave, scale, degree); }
                while (note < style.LowestMidiNote) { degree += 7; note = NoteOf(tonic, octave, scale, degree); }
                double length = beat * (random.NextDouble() < 0.25 ? 2 : 1);
                AddNote(output, sampleRate, note, time, length * style.Articulation, 1.0, style, random);
                time += length;
            }

            // Accompaniment: a triad on the tonic, subdominant or dominant every bar of four beats, an octave below.
            int[] chordRoots = { 0, 3, 4, 0 };
            int bar = 0;
            for (double barStart = 0; barStart < seconds; barStart += 4 * beat, bar++)
            {
                int root = chordRoots[(bar + random.Next(2)) % chordRoots.Length];
                foreach (int offset in new[] { 0, 2, 4 })
                {
                    int note = NoteOf(tonic, octave - 12, scale, root + offset);
                    AddNote(output, sampleRate, note, barStart, 4 * beat * Math.Max(style.Articulation, 0.6), 0.45, style, random);
                }
            }

            return Normalize(output, style.Loudness);
        }

        private static int NoteOf(int tonic, int octave, int[] scale, int degree)
        {
            int wrapped = ((degree % 7) + 7) % 7;
            int octaves = (int)Math.Floor(degree / 7.0);
            return octave + tonic % 12 + scale[wrapped] + 12 * octaves;
        }

        private static void AddNote(double[] output, int sampleRate, int midiNote, double start, double length,
            double gain, DemoPieceStyle style, Random random)
        {
            double frequency = 440.0 * Math.Pow(2, (midiNote - 69) / 12.0);
            int first = (int)(start * sampleRate);
            double release = 0.05;
            int count = (int)((length + release) * sampleRate);
            double attack = style.Articulation < 0.5 ? 0.005 : 0.04;
            double detune = 1 + style.Roughness * 0.012;
            double phaseOffset = random.NextDouble() * 2 * Math.PI;
            for (int i = 0; i < count && first + i < output.Length; i++)
            {
                double t = (double)i / sampleRate;
                double envelope = t < attack ? t / attack
                    : t < length ? Math.Exp(-(t - attack) * (style.Articulation < 0.5 ? 6.0 : 1.2))
                    : Math.Exp(-(length - attack) * (style.Articulation < 0.5 ? 6.0 : 1.2)) * Math.Max(0, 1 - (t - length) / release);
                double sample = 0;
                for (int h = 1; h <= style.Harmonics; h++)
                {
                    double partial = Math.Sin(2 * Math.PI * frequency * h * t + phaseOffset * h) / h;
                    if (style.Roughness > 0)
                        partial += style.Roughness * Math.Sin(2 * Math.PI * frequency * h * detune * t) / h;
                    sample += partial;
                }
                if (style.Roughness > 0 && t < 0.03)
                    sample += style.Roughness * (random.NextDouble() * 2 - 1);
                output[first + i] += gain * envelope * sample;
            }
        }

        private static float[] Normalize(double[] samples, double peak)
        {
            double max = 1e-12;
            foreach (var x in samples)
                max = Math.Max(max, Math.Abs(x));
            var result = new float[samples.Length];
            for (int i = 0; i < samples.Length; i++)
                result[i] = (float)(samples[i] / max * peak);
            return result;
        }
    }
}
