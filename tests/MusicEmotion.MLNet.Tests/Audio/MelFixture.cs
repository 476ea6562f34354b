using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>
    /// One reference case written by TestData/mel/make_mel_fixtures.py (a float64 numpy restatement of librosa's
    /// <c>filters.mel</c>, <c>melspectrogram</c>, <c>power_to_db</c> and <c>mfcc</c>): the settings, the float32 signal,
    /// the reference mel decibels [n_mels, frames] and MFCCs [n_mfcc, frames].
    /// </summary>
    public sealed class MelFixture
    {
        public static readonly string[] Signals = { "chirp", "noise" };

        internal static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "TestData", "mel");

        public string Case { get; private set; }
        public int SampleRate { get; private set; }
        public int FftSize { get; private set; }
        public int HopLength { get; private set; }
        public int Mels { get; private set; }
        public float MinFrequency { get; private set; }
        public float? MaxFrequency { get; private set; }
        public bool Htk { get; private set; }
        public bool Slaney { get; private set; }
        public float? TopDb { get; private set; }
        public int Coefficients { get; private set; }
        public int Bins { get; private set; }
        public int Frames { get; private set; }
        public float[] Samples { get; private set; }
        public float[] MelDecibels { get; private set; }
        public float[] Mfcc { get; private set; }

        public static IEnumerable<string> CaseNames() => ReadManifest().Select(f => f[0]);

        public static MelFixture Load(string name, string signal)
        {
            var f = ReadManifest().Single(fields => fields[0] == name);
            var fixture = new MelFixture
            {
                Case = name,
                SampleRate = Int(f[1]),
                FftSize = Int(f[2]),
                HopLength = Int(f[3]),
                Mels = Int(f[4]),
                MinFrequency = float.Parse(f[5], CultureInfo.InvariantCulture),
                MaxFrequency = f[6] == "none" ? null : float.Parse(f[6], CultureInfo.InvariantCulture),
                Htk = f[7] == "true",
                Slaney = f[8] == "slaney",
                TopDb = f[9] == "none" ? null : float.Parse(f[9], CultureInfo.InvariantCulture),
                Coefficients = Int(f[10]),
                Bins = Int(f[12]),
                Frames = Int(f[13]),
            };
            int length = Int(f[11]);
            var values = ReadFloats(Path.Combine(Directory, $"{name}_{signal}.f32.gz"));
            int mel = fixture.Mels * fixture.Frames;
            int mfcc = fixture.Coefficients * fixture.Frames;
            if (values.Length != length + mel + mfcc)
                throw new InvalidDataException($"{name}_{signal}.f32.gz holds {values.Length} floats; {length + mel + mfcc} expected.");
            fixture.Samples = values[..length];
            fixture.MelDecibels = values[length..(length + mel)];
            fixture.Mfcc = values[(length + mel)..];
            return fixture;
        }

        /// <summary>The case's filter bank, [n_mels][bins].</summary>
        public double[][] FilterBank()
        {
            var values = ReadFloats(Path.Combine(Directory, $"{Case}_melfb.f32.gz"));
            return Enumerable.Range(0, Mels).Select(m => values.Skip(m * Bins).Take(Bins).Select(v => (double)v).ToArray()).ToArray();
        }

        /// <summary>Options equal to this case's settings.</summary>
        public MelSpectrogramEstimator.Options ToOptions(MelSpectrogramEstimator.Options options, string output, string input)
        {
            options.OutputColumnName = output;
            options.InputColumnName = input;
            options.SampleRate = SampleRate;
            options.FftSize = FftSize;
            options.HopLength = HopLength;
            options.NumberOfMels = Mels;
            options.MinFrequency = MinFrequency;
            options.MaxFrequency = MaxFrequency;
            options.Htk = Htk;
            options.Normalize = Slaney;
            options.TopDb = TopDb;
            return options;
        }

        internal static float[] ReadFloats(string path)
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            var bytes = memory.ToArray();
            var values = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }

        private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

        private static List<string[]> ReadManifest()
            => File.ReadAllLines(Path.Combine(Directory, "cases.txt"))
                .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToList();
    }
}
