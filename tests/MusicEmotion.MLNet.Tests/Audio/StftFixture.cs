using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>
    /// One reference case written by TestData/stft/make_stft_fixtures.py (a float64 numpy restatement of librosa's
    /// <c>stft</c> and <c>amplitude_to_db</c>): the STFT settings, the float32 signal, and the reference magnitudes and
    /// decibels, frequency-major.
    /// </summary>
    internal sealed class StftFixture
    {
        /// <summary>Signals stored for every case.</summary>
        public static readonly string[] Signals = { "chirp", "noise", "silence", "impulse" };

        private static readonly string s_directory = Path.Combine(AppContext.BaseDirectory, "TestData", "stft");

        public string Case { get; private set; }
        public string Signal { get; private set; }
        public int FftSize { get; private set; }
        public int HopLength { get; private set; }
        public int WindowLength { get; private set; }
        public WindowType Window { get; private set; }
        public bool Center { get; private set; }
        public PaddingMode PadMode { get; private set; }
        public DecibelReference Reference { get; private set; }
        public float Amin { get; private set; }
        public float? TopDb { get; private set; }
        public int Bins { get; private set; }
        public int Frames { get; private set; }
        public float[] Samples { get; private set; }
        public float[] Magnitude { get; private set; }
        public float[] Decibels { get; private set; }

        /// <summary>Names of the cases in cases.txt.</summary>
        public static IEnumerable<string> CaseNames() => ReadManifest().Select(fields => fields[0]);

        /// <summary>Every (case, signal) pair, as xunit theory data.</summary>
        public static IEnumerable<object[]> All()
            => from name in CaseNames() from signal in Signals select new object[] { name, signal };

        /// <summary>Reads case <paramref name="name"/> with signal <paramref name="signal"/>.</summary>
        public static StftFixture Load(string name, string signal)
        {
            var f = ReadManifest().Single(fields => fields[0] == name);
            var fixture = new StftFixture
            {
                Case = name,
                Signal = signal,
                FftSize = int.Parse(f[1], CultureInfo.InvariantCulture),
                HopLength = int.Parse(f[2], CultureInfo.InvariantCulture),
                WindowLength = int.Parse(f[3], CultureInfo.InvariantCulture),
                Window = f[4] switch
                {
                    "hann" => WindowType.Hann,
                    "hamming" => WindowType.Hamming,
                    "boxcar" => WindowType.Rectangular,
                    _ => throw new InvalidDataException($"Unknown window {f[4]} in cases.txt."),
                },
                Center = f[5] == "true",
                PadMode = f[6] == "reflect" ? PaddingMode.Reflect : PaddingMode.Constant,
                Reference = f[7] == "max" ? DecibelReference.Max : DecibelReference.One,
                Amin = float.Parse(f[8], CultureInfo.InvariantCulture),
                TopDb = f[9] == "none" ? null : float.Parse(f[9], CultureInfo.InvariantCulture),
                Bins = int.Parse(f[11], CultureInfo.InvariantCulture),
                Frames = int.Parse(f[12], CultureInfo.InvariantCulture),
            };
            int length = int.Parse(f[10], CultureInfo.InvariantCulture);
            var values = ReadFloats(Path.Combine(s_directory, $"{name}_{signal}.f32.gz"));
            int size = fixture.Bins * fixture.Frames;
            if (values.Length != length + 2 * size)
                throw new InvalidDataException($"{name}_{signal}.f32.gz holds {values.Length} floats; {length + 2 * size} expected.");
            fixture.Samples = values[..length];
            fixture.Magnitude = values[length..(length + size)];
            fixture.Decibels = values[(length + size)..];
            return fixture;
        }

        /// <summary>Estimator options equal to this case's settings.</summary>
        public LogStftEstimator.Options ToOptions(string output, string input, SpectrogramScale scale) => new LogStftEstimator.Options
        {
            OutputColumnName = output,
            InputColumnName = input,
            FftSize = FftSize,
            HopLength = HopLength,
            WindowLength = WindowLength,
            Window = Window,
            Center = Center,
            ReflectPad = PadMode == PaddingMode.Reflect,
            Scale = scale,
            RelativeToMax = Reference == DecibelReference.Max,
            Amin = Amin,
            TopDb = TopDb,
        };

        private static List<string[]> ReadManifest()
            => File.ReadAllLines(Path.Combine(s_directory, "cases.txt"))
                .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToList();

        private static float[] ReadFloats(string path)
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            var bytes = memory.ToArray();
            var values = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }
    }
}
