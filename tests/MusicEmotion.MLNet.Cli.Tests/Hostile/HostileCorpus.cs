using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Tests.Hostile
{
    /// <summary>
    /// Generates the hostile-but-fair inputs of issue 13 under one folder: broken and unusual audio files (empty,
    /// text named .mp3, random bytes named .flac, truncated wav/flac/mp3, WAV headers with an unknown format tag,
    /// 1 Hz, 2 GHz, no data or a huge declared size, silence, antiphase stereo, a folder named x.wav), folders with
    /// symbolic-link cycles, per-class folders with an empty class, manifests (missing column, missing file,
    /// duplicate row, byte-order mark, unknown label, header only, binary) and, from a model trained on the corpus,
    /// broken model zips. Everything is written at test time; nothing here is larger than a few hundred KB.
    /// </summary>
    public sealed class HostileCorpus
    {
        public const int SampleRate = 8000;

        /// <summary>Front-end options that keep every run small: 1-s clips at 8 kHz, 129 × 63 spectrograms.</summary>
        public static readonly string[] SmallFrontEnd = { "--sample-rate", "8000", "--duration", "1", "--fft-size", "256", "--hop-length", "128" };

        private HostileCorpus(string root) => Root = root;

        public string Root { get; }

        /// <summary>A file of the <c>files</c> folder.</summary>
        public string File(string name) => Path.Combine(Root, "files", name);

        /// <summary>A manifest of the <c>manifests</c> folder.</summary>
        public string Manifest(string name) => Path.Combine(Root, "manifests", name);

        /// <summary>A model zip of the <c>models</c> folder (<see cref="GoodModel"/> and broken copies of it).</summary>
        public string ModelFile(string name) => Path.Combine(Root, "models", name);

        /// <summary>Where a case writes its outputs.</summary>
        public string Output(string name) => Path.Combine(Root, "out", name);

        /// <summary>A good 3-s, 8-kHz mono WAV.</summary>
        public string Good => File("good.wav");

        /// <summary>happy/, angry/, sad/ with two clips each and an empty tender/.</summary>
        public string ThreeClasses => Path.Combine(Root, "three-classes");

        /// <summary>happy/, angry/, sad/, tender/ with two clips each.</summary>
        public string FourClasses => Path.Combine(Root, "four-classes");

        /// <summary>One WAV and the links <c>self -&gt; .</c> and <c>sub/up -&gt; ..</c>.</summary>
        public string Cycle => Path.Combine(Root, "cycle");

        /// <summary>One WAV and two links to itself, <c>a -&gt; .</c> and <c>b -&gt; .</c> (2^depth paths when followed).</summary>
        public string DoubleCycle => Path.Combine(Root, "double-cycle");

        /// <summary>A folder holding only a text file.</summary>
        public string NoAudio => Path.Combine(Root, "no-audio");

        /// <summary>The model trained on <see cref="ThreeClasses"/> (set by the fixture).</summary>
        public string GoodModel => ModelFile("three-classes.zip");

        /// <summary>True when symbolic links could be made (not on Windows without the privilege).</summary>
        public bool HasLinks { get; private set; }

        /// <summary>Writes every input except the model zips under <paramref name="root"/>.</summary>
        public static HostileCorpus Generate(string root)
        {
            var corpus = new HostileCorpus(root);
            foreach (var folder in new[] { "files", "manifests", "models", "out" })
                Directory.CreateDirectory(Path.Combine(root, folder));
            corpus.WriteFiles();
            corpus.WriteFolders();
            corpus.WriteManifests();
            System.IO.File.WriteAllText(corpus.Output("a-file"), "a file where a folder is expected\n");
            return corpus;
        }

        private void WriteFiles()
        {
            var tone = Tone(440, 3, SampleRate);
            AudioWriter.Write(Good, tone, channels: 1, SampleRate);
            System.IO.File.WriteAllBytes(File("empty.wav"), Array.Empty<byte>());
            System.IO.File.WriteAllText(File("text.mp3"), "This is a shopping list, not an MP3.\nmilk\neggs\n");
            var random = new byte[2048];
            new Random(13).NextBytes(random);
            System.IO.File.WriteAllBytes(File("random.flac"), random);

            var pcm = Pcm16(tone.AsSpan(0, SampleRate).ToArray());
            System.IO.File.WriteAllBytes(File("truncated.wav"), Wav(1, 1, SampleRate, 16, pcm).Take(44 + 200).ToArray());
            System.IO.File.WriteAllBytes(File("unknown-format.wav"), Wav(0x1234, 1, SampleRate, 16, pcm));
            System.IO.File.WriteAllBytes(File("one-hertz.wav"), Wav(1, 1, 1, 16, pcm));
            System.IO.File.WriteAllBytes(File("two-gigahertz.wav"), Wav(1, 1, 2_000_000_000, 16, pcm));
            System.IO.File.WriteAllBytes(File("zero-data.wav"), Wav(1, 1, SampleRate, 16, Array.Empty<byte>()));
            System.IO.File.WriteAllBytes(File("huge-declared.wav"), Wav(1, 1, SampleRate, 16, pcm, declaredDataSize: 0xFFFF_FFF0u));

            AudioWriter.Write(File("silence.wav"), new float[SampleRate * 2], channels: 1, SampleRate);
            var antiphase = new float[tone.Length * 2];
            for (int i = 0; i < tone.Length; i++)
            {
                antiphase[2 * i] = tone[i];
                antiphase[2 * i + 1] = -tone[i];
            }
            AudioWriter.Write(File("antiphase.wav"), antiphase, channels: 2, SampleRate);

            var flac = File("whole.flac");
            AudioWriter.Write(flac, Noisy(2, SampleRate), channels: 1, SampleRate);
            var bytes = System.IO.File.ReadAllBytes(flac);
            System.IO.File.WriteAllBytes(File("truncated.flac"), bytes.Take(bytes.Length * 2 / 5).ToArray());
            System.IO.File.Delete(flac);

            var mp3 = File("whole.mp3");
            WriteMp3(mp3, Noisy(3, SampleRate));
            bytes = System.IO.File.ReadAllBytes(mp3);
            System.IO.File.WriteAllBytes(File("truncated.mp3"), bytes.Take(bytes.Length / 2 + 1).ToArray());
            System.IO.File.Delete(mp3);

            Directory.CreateDirectory(File("folder.wav"));
            System.IO.File.Copy(Good, File("unreadable.wav"));
            if (!OperatingSystem.IsWindows())
                System.IO.File.SetUnixFileMode(File("unreadable.wav"), UnixFileMode.None);
        }

        private void WriteFolders()
        {
            int piece = 0;
            foreach (var (root, withTender) in new[] { (ThreeClasses, false), (FourClasses, true) })
            {
                foreach (var label in new[] { "happy", "angry", "sad", "tender" })
                {
                    var folder = Directory.CreateDirectory(Path.Combine(root, label)).FullName;
                    if (label == "tender" && !withTender)
                    {
                        System.IO.File.WriteAllText(Path.Combine(folder, "notes.txt"), "no audio here\n");
                        continue;
                    }
                    for (int k = 0; k < 2; k++)
                    {
                        piece++;
                        AudioWriter.Write(Path.Combine(folder, $"{label}_{k}.wav"),
                            Tone(150 + 90 * piece, 1.5, SampleRate, harmonics: 1 + piece % 4), channels: 1, SampleRate);
                    }
                }
            }

            Directory.CreateDirectory(Path.Combine(Cycle, "sub"));
            System.IO.File.Copy(Good, Path.Combine(Cycle, "sub", "only.wav"));
            Directory.CreateDirectory(DoubleCycle);
            System.IO.File.Copy(Good, Path.Combine(DoubleCycle, "only.wav"));
            try
            {
                Directory.CreateSymbolicLink(Path.Combine(Cycle, "self"), ".");
                Directory.CreateSymbolicLink(Path.Combine(Cycle, "sub", "up"), "..");
                Directory.CreateSymbolicLink(Path.Combine(DoubleCycle, "a"), ".");
                Directory.CreateSymbolicLink(Path.Combine(DoubleCycle, "b"), ".");
                HasLinks = true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                HasLinks = false;
            }

            Directory.CreateDirectory(NoAudio);
            System.IO.File.WriteAllText(Path.Combine(NoAudio, "readme.txt"), "no audio\n");
        }

        private void WriteManifests()
        {
            var happy = Path.Combine(FourClasses, "happy", "happy_0.wav");
            var sad = Path.Combine(FourClasses, "sad", "sad_0.wav");
            var angry = Path.Combine(FourClasses, "angry", "angry_0.wav");
            System.IO.File.WriteAllText(Manifest("missing-column.csv"), $"path,song\n{happy},s1\n{sad},s2\n");
            System.IO.File.WriteAllText(Manifest("missing-file.csv"), $"path,label\n{happy},happy\n{Path.Combine(Root, "no-such.wav")},sad\n");
            System.IO.File.WriteAllText(Manifest("duplicate.csv"), $"path,label\n{happy},happy\n{sad},sad\n{happy},happy\n");
            System.IO.File.WriteAllText(Manifest("bom.csv"), $"path,label\n{happy},happy\n{sad},sad\n{angry},angry\n",
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            System.IO.File.WriteAllText(Manifest("unknown-label.csv"), $"path,label\n{happy},happy\n{sad},calm\n");
            System.IO.File.WriteAllText(Manifest("header-only.csv"), "path,label\n");
            var binary = new byte[1024];
            new Random(7).NextBytes(binary);
            System.IO.File.WriteAllBytes(Manifest("binary.csv"), binary);
        }

        /// <summary>Broken copies of <see cref="GoodModel"/>: entries removed, truncated, a zip of a text file, a text
        /// file, a folder.</summary>
        public void WriteBrokenModels()
        {
            System.IO.File.WriteAllText(ModelFile("text.zip"), "not a zip\n");
            CopyWithout(ModelFile("no-network.zip"), e => e.FullName.EndsWith("/Model/Network", StringComparison.Ordinal));
            CopyWithout(ModelFile("no-chain-key.zip"), e => e.FullName == "TransformerChain/Model.key");
            var bytes = System.IO.File.ReadAllBytes(GoodModel);
            System.IO.File.WriteAllBytes(ModelFile("truncated.zip"), bytes.Take(bytes.Length / 3).ToArray());
            using (var zip = ZipFile.Open(ModelFile("zipped-text.zip"), ZipArchiveMode.Create))
            {
                using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
                writer.Write("a zip, but not a model\n");
            }
            Directory.CreateDirectory(ModelFile("folder.zip"));
        }

        private void CopyWithout(string path, Func<ZipArchiveEntry, bool> drop)
        {
            System.IO.File.Copy(GoodModel, path, overwrite: true);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
            foreach (var entry in zip.Entries.Where(drop).ToList())
                entry.Delete();
        }

        private static float[] Tone(double hz, double seconds, int sampleRate, int harmonics = 1)
        {
            var samples = new float[(int)(seconds * sampleRate)];
            for (int i = 0; i < samples.Length; i++)
            {
                double t = (double)i / sampleRate, v = 0;
                for (int h = 1; h <= harmonics; h++)
                    v += Math.Sin(2 * Math.PI * hz * h * t) / h;
                samples[i] = (float)(0.3 * v);
            }
            return samples;
        }

        private static float[] Noisy(double seconds, int sampleRate)
        {
            var random = new Random(5);
            return Tone(330, seconds, sampleRate, 3).Select(s => s + (float)(0.05 * (random.NextDouble() - 0.5))).ToArray();
        }

        private static byte[] Pcm16(float[] samples)
        {
            var bytes = new byte[samples.Length * 2];
            for (int i = 0; i < samples.Length; i++)
                BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (short)Math.Round(samples[i] * 32767));
            return bytes;
        }

        /// <summary>A RIFF/WAVE file with the given header fields (which need not be consistent).</summary>
        private static byte[] Wav(ushort formatTag, ushort channels, uint sampleRate, ushort bits, byte[] data, uint? declaredDataSize = null)
        {
            using var stream = new MemoryStream();
            using var w = new BinaryWriter(stream);
            uint dataSize = declaredDataSize ?? (uint)data.Length;
            w.Write(Encoding.ASCII.GetBytes("RIFF"));
            w.Write(declaredDataSize.HasValue ? 0xFFFF_FFFFu : 36u + dataSize);
            w.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
            w.Write(16u);
            w.Write(formatTag);
            w.Write(channels);
            w.Write(sampleRate);
            w.Write(unchecked(sampleRate * channels * (uint)(bits / 8)));
            w.Write((ushort)(channels * bits / 8));
            w.Write(bits);
            w.Write(Encoding.ASCII.GetBytes("data"));
            w.Write(dataSize);
            w.Write(data);
            w.Flush();
            return stream.ToArray();
        }

        /// <summary>An MP3 through libsndfile, or through ffmpeg when this libsndfile cannot encode MP3.</summary>
        private static void WriteMp3(string path, float[] samples)
        {
            try
            {
                AudioWriter.Write(path, samples, channels: 1, SampleRate);
                return;
            }
            catch (Exception e) when (e is ArgumentException || e is IOException || e is InvalidOperationException || e is NotSupportedException)
            {
            }
            var wav = Path.ChangeExtension(path, ".source.wav");
            AudioWriter.Write(wav, samples, channels: 1, SampleRate);
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", $"-loglevel error -y -i \"{wav}\" \"{path}\"")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            ffmpeg.WaitForExit();
            System.IO.File.Delete(wav);
            if (ffmpeg.ExitCode != 0)
                throw new InvalidOperationException($"ffmpeg could not write {path}: {ffmpeg.StandardError.ReadToEnd()}");
        }
    }
}
