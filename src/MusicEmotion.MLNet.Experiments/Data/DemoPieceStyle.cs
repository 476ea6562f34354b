namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// The musical cues of one emotion quadrant used to synthesise demo pieces, after the cue profiles of
    /// Juslin and Laukka (2003) and Gabrielsson and Lindström (2010): tempo, mode, register, loudness,
    /// articulation and timbre.
    /// </summary>
    internal sealed class DemoPieceStyle
    {
        public DemoPieceStyle(string label, double minTempo, double maxTempo, bool major, int lowestMidiNote,
            int highestMidiNote, double loudness, double articulation, int harmonics, double roughness)
        {
            Label = label;
            MinTempo = minTempo;
            MaxTempo = maxTempo;
            Major = major;
            LowestMidiNote = lowestMidiNote;
            HighestMidiNote = highestMidiNote;
            Loudness = loudness;
            Articulation = articulation;
            Harmonics = harmonics;
            Roughness = roughness;
        }

        /// <summary>Class label (one of <see cref="EmotionLabels"/>).</summary>
        public string Label { get; }

        /// <summary>Slowest tempo in beats per minute.</summary>
        public double MinTempo { get; }

        /// <summary>Fastest tempo in beats per minute.</summary>
        public double MaxTempo { get; }

        /// <summary>Major (true) or minor (false) mode.</summary>
        public bool Major { get; }

        /// <summary>Lowest melody note (MIDI number).</summary>
        public int LowestMidiNote { get; }

        /// <summary>Highest melody note (MIDI number).</summary>
        public int HighestMidiNote { get; }

        /// <summary>Peak amplitude of the mix, 0..1.</summary>
        public double Loudness { get; }

        /// <summary>Fraction of each beat a note sounds: near 0.3 staccato, near 1 legato.</summary>
        public double Articulation { get; }

        /// <summary>Number of partials per note: more is brighter.</summary>
        public int Harmonics { get; }

        /// <summary>Amount of detuned beating and noise in the attack: harshness.</summary>
        public double Roughness { get; }

        /// <summary>The four quadrant styles: happy, angry, sad, tender.</summary>
        public static DemoPieceStyle[] All { get; } =
        {
            new DemoPieceStyle(EmotionLabels.Happy, 132, 168, major: true, 67, 88, loudness: 0.8, articulation: 0.35, harmonics: 6, roughness: 0.0),
            new DemoPieceStyle(EmotionLabels.Angry, 140, 180, major: false, 40, 64, loudness: 0.9, articulation: 0.5, harmonics: 10, roughness: 0.6),
            new DemoPieceStyle(EmotionLabels.Sad, 48, 68, major: false, 45, 64, loudness: 0.3, articulation: 0.95, harmonics: 2, roughness: 0.0),
            new DemoPieceStyle(EmotionLabels.Tender, 60, 84, major: true, 64, 81, loudness: 0.35, articulation: 0.9, harmonics: 3, roughness: 0.0),
        };
    }
}
