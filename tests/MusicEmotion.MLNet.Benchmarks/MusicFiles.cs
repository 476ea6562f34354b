using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>The benchmarks' input: real 30-s 44.1 kHz stereo mp3 files of a synthetic music-like signal (chords with
    /// envelopes, a bass line, noise percussion; different left/right mixes), written once and reused.</summary>
    internal static class MusicFiles
    {
        /// <summary>Sample rate of the files.</summary>
        public const int SourceRate = 44100;

        /// <summary>Length of each file in seconds.</summary>
        public const int Seconds = 30;

        /// <summary>The paths of <paramref name="count"/> files <c>songNN.mp3</c> in <paramref name="folder"/>, writing
        /// those missing, and a line saying what was found or written.</summary>
        public static string[] Ensure(int count, string folder)
        {
            Directory.CreateDirectory(folder);
            var files = Enumerable.Range(0, count).Select(i => Path.Combine(folder, $"song{i:D2}.mp3")).ToArray();
            var write = Stopwatch.StartNew();
            int written = 0;
            for (int i = 0; i < count; i++)
            {
                if (File.Exists(files[i]) && new FileInfo(files[i]).Length > 100_000)
                    continue;
                AudioWriter.Write(files[i], MusicLike(i), 2, SourceRate);
                written++;
            }
            Console.WriteLine($"{count} files of {Seconds} s, 44.1 kHz stereo mp3 in {folder} ({written} written in {write.Elapsed.TotalSeconds:0.0} s, " +
                $"{files.Average(f => new FileInfo(f).Length) / 1024:0} KiB each)");
            return files;
        }

        /// <summary>30 s of interleaved stereo: chords of decaying harmonic notes, a bass line and noise hits, so that
        /// mp3 encoding and decoding do real work (no silence, no pure tone).</summary>
        public static float[] MusicLike(int seed)
        {
            var random = new Random(seed);
            int frames = SourceRate * Seconds;
            var left = new float[frames];
            var right = new float[frames];
            double beat = 60.0 / (90 + random.Next(60));
            var roots = new[] { 45, 50, 52, 57, 43, 48 };
            for (double t = 0; t < Seconds; t += beat)
            {
                int root = roots[random.Next(roots.Length)] + 12;
                foreach (int interval in new[] { 0, 4, 7, 12 })
                    AddNote(left, right, t, beat * 2, Midi(root + interval), 0.08, random.NextDouble());
                AddNote(left, right, t, beat, Midi(root - 12), 0.15, 0.5);
                AddNoise(left, right, t, 0.05, 0.2, random);
            }
            var interleaved = new float[2 * frames];
            for (int i = 0; i < frames; i++)
            {
                interleaved[2 * i] = Math.Clamp(left[i], -1f, 1f);
                interleaved[2 * i + 1] = Math.Clamp(right[i], -1f, 1f);
            }
            return interleaved;
        }

        private static double Midi(int note) => 440.0 * Math.Pow(2, (note - 69) / 12.0);

        private static void AddNote(float[] left, float[] right, double start, double length, double frequency, double amplitude, double pan)
        {
            int first = (int)(start * SourceRate), count = Math.Min((int)(length * SourceRate), left.Length - first);
            for (int i = 0; i < count; i++)
            {
                double t = (double)i / SourceRate;
                double envelope = amplitude * Math.Exp(-3 * t / length) * Math.Min(1, t * 200);
                double value = envelope * (Math.Sin(2 * Math.PI * frequency * t) + 0.4 * Math.Sin(4 * Math.PI * frequency * t)
                                           + 0.2 * Math.Sin(6 * Math.PI * frequency * t));
                left[first + i] += (float)(value * (1 - pan));
                right[first + i] += (float)(value * pan);
            }
        }

        private static void AddNoise(float[] left, float[] right, double start, double length, double amplitude, Random random)
        {
            int first = (int)(start * SourceRate), count = Math.Min((int)(length * SourceRate), left.Length - first);
            for (int i = 0; i < count; i++)
            {
                double envelope = amplitude * Math.Exp(-40.0 * i / SourceRate);
                left[first + i] += (float)(envelope * (random.NextDouble() * 2 - 1));
                right[first + i] += (float)(envelope * (random.NextDouble() * 2 - 1));
            }
        }
    }
}
