using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests.Hostile
{
    /// <summary>One hostile input through one command and the outcome it must have.</summary>
    public sealed class HostileCase
    {
        /// <summary>Cases this branch handles.</summary>
        public const string Ready = "ready";

        /// <summary>Cases whose outcome the decoder work (Audio/*: one-line "Audio file '...'" messages) provides.</summary>
        public const string Decoder = "decoder";

        /// <summary>Cases whose outcome the bad-file skipping work (exit 3, silence warning, --hop bound) provides.</summary>
        public const string Skipping = "skip";

        public string Name { get; init; }

        public string Group { get; init; } = Ready;

        public Func<HostileCorpus, string[]> Args { get; init; }

        public int Exit { get; init; }

        /// <summary>Text stderr must contain (for a failure: its one line).</summary>
        public Func<HostileCorpus, string> Message { get; init; }

        /// <summary>The point of the case is memory: it must fail within 2 s, allocating less than 64 MB.</summary>
        public bool FailsFast { get; init; }

        /// <summary>Needs symbolic links to folders.</summary>
        public bool NeedsLinks { get; init; }

        /// <summary>More to check on the run.</summary>
        public Action<CliRun, HostileCorpus> Check { get; init; }

        public override string ToString() => Name;
    }

    /// <summary>The corpus of issue 13: at least 40 bad or unusual inputs, each with its expected outcome.</summary>
    public static class HostileCases
    {
        private static string[] Spectrogram(HostileCorpus c, string file, string png, params string[] options)
            => new[] { "spectrogram", file, "--out", c.Output(png) }.Concat(options.Length > 0 ? options : HostileCorpus.SmallFrontEnd).ToArray();

        private static string[] WithSmall(params string[] args) => args.Concat(HostileCorpus.SmallFrontEnd).ToArray();

        private static HostileCase BadAudio(string name, string file, string group = HostileCase.Ready) => new HostileCase
        {
            Name = name,
            Group = group,
            Args = c => Spectrogram(c, c.File(file), name + ".png"),
            Exit = 1,
            Message = c => $"Audio file '{c.File(file)}'",
        };

        public static IReadOnlyList<HostileCase> All { get; } = new List<HostileCase>
        {
            // Audio files: each bad file fails with one line naming it.
            BadAudio("empty-file", "empty.wav"),
            BadAudio("text-named-mp3", "text.mp3"),
            BadAudio("random-bytes-flac", "random.flac"),
            BadAudio("truncated-wav", "truncated.wav"),
            BadAudio("truncated-flac", "truncated.flac"),
            BadAudio("unknown-format-tag-wav", "unknown-format.wav"),
            BadAudio("one-hertz-header-wav", "one-hertz.wav", HostileCase.Decoder),
            BadAudio("two-gigahertz-header-wav", "two-gigahertz.wav", HostileCase.Decoder),
            BadAudio("zero-length-data-chunk", "zero-data.wav"),
            BadAudio("huge-declared-size-wav", "huge-declared.wav"),
            new HostileCase
            {
                // An MP3 cut in the middle of a frame has no length to be checked against: the frames before the cut decode.
                // Its Xing/Info header declares the frames the file no longer has (the decoder's rule in the LoadAudio docs).
                Name = "truncated-mp3-with-xing-header-is-truncated",
                Args = c => Spectrogram(c, c.File("truncated.mp3"), "truncated-mp3.png"),
                Exit = 1,
                Message = c => $"Audio file '{c.File("truncated.mp3")}' is truncated: its Xing/Info header declares",
                Check = (r, c) => Assert.False(File.Exists(c.Output("truncated-mp3.png")), r.ToString()),
            },
            new HostileCase
            {
                Name = "silence-warns",
                Group = HostileCase.Skipping,
                Args = c => new[] { "predict", "--model", c.GoodModel, c.File("silence.wav") },
                Exit = 0,
                Message = c => "silent",
            },
            new HostileCase
            {
                Name = "antiphase-stereo-warns",
                Group = HostileCase.Skipping,
                Args = c => new[] { "predict", "--model", c.GoodModel, c.File("antiphase.wav") },
                Exit = 0,
                Message = c => "silent",
            },
            new HostileCase
            {
                Name = "folder-named-wav",
                Args = c => Spectrogram(c, c.File("folder.wav"), "folder.png"),
                Exit = 1,
                Message = c => $"Audio file {c.File("folder.wav")} is a folder, not a file.",
            },
            new HostileCase
            {
                Name = "predict-folder-with-bad-files-is-partial",
                Group = HostileCase.Skipping,
                Args = c => new[] { "predict", "--model", c.GoodModel, c.File("good.wav"), c.File("empty.wav"), c.File("text.mp3") },
                Exit = 3,
                Message = c => c.File("empty.wav"),
            },

            // Folders.
            new HostileCase
            {
                Name = "symlink-cycle-lists-each-file-once",
                NeedsLinks = true,
                Args = c => new[] { "predict", "--model", c.GoodModel, c.Cycle, "--json" },
                Exit = 0,
                Check = (r, c) => Assert.Single(r.Json.GetProperty("files").EnumerateArray()),
            },
            new HostileCase
            {
                Name = "two-self-links-finish",
                NeedsLinks = true,
                Args = c => new[] { "predict", "--model", c.GoodModel, c.DoubleCycle, "--json" },
                Exit = 0,
                Check = (r, c) => Assert.Single(r.Json.GetProperty("files").EnumerateArray()),
            },
            new HostileCase
            {
                Name = "folder-without-audio",
                Args = c => new[] { "predict", "--model", c.GoodModel, c.NoAudio },
                Exit = 1,
                Message = c => $"Folder {c.NoAudio} holds no audio files",
            },
            new HostileCase
            {
                Name = "empty-class-folder-fails-under-strict",
                Args = c => WithSmall("train", "--data", c.ThreeClasses, "--out", c.Output("strict.zip"), "--strict", "--epochs", "1"),
                Exit = 1,
                Message = c => $"Class folder {Path.Combine(c.ThreeClasses, "tender")} holds no audio files (--strict)",
                Check = (r, c) => Assert.False(File.Exists(c.Output("strict.zip"))),
            },
            new HostileCase
            {
                Name = "evaluate-on-labels-the-model-does-not-know",
                Args = c => new[] { "evaluate", "--model", c.GoodModel, "--data", c.FourClasses, "--confusion-matrix", c.Output("unknown.png") },
                Exit = 1,
                Message = c => $"Data {c.FourClasses}: 2 of 8 clips have labels model {c.GoodModel} does not know ('tender' 2; its classes: angry, happy, sad)",
            },

            // Manifests.
            new HostileCase
            {
                Name = "manifest-missing-label-column",
                Args = c => WithSmall("train", "--data", c.Manifest("missing-column.csv"), "--out", c.Output("m1.zip")),
                Exit = 1,
                Message = c => "missing-column.csv",
                Check = (r, c) => Assert.Contains("label", r.Stderr),
            },
            new HostileCase
            {
                Name = "manifest-missing-file",
                Args = c => WithSmall("train", "--data", c.Manifest("missing-file.csv"), "--out", c.Output("m2.zip"), "--strict"),
                Exit = 1,
                Message = c => $"missing-file.csv line 3: audio file {Path.Combine(c.Root, "no-such.wav")} not found.",
            },
            new HostileCase
            {
                // Without --strict the missing file is left out, which leaves one class: refused in the package's words.
                Name = "manifest-missing-file-leaves-one-class",
                Args = c => WithSmall("train", "--data", c.Manifest("missing-file.csv"), "--out", c.Output("m2b.zip")),
                Exit = 1,
                Message = c => "at least two classes",
            },
            new HostileCase
            {
                Name = "manifest-duplicate-row",
                Args = c => WithSmall("train", "--data", c.Manifest("duplicate.csv"), "--out", c.Output("m3.zip")),
                Exit = 1,
                Message = c => "duplicate.csv line 4: audio file " + Path.Combine(c.FourClasses, "happy", "happy_0.wav") + " is already listed on line 2",
            },
            new HostileCase
            {
                Name = "manifest-with-byte-order-mark-reads",
                Args = c => new[] { "evaluate", "--model", c.GoodModel, "--data", c.Manifest("bom.csv"), "--json", "--confusion-matrix", c.Output("bom.png") },
                Exit = 0,
                Check = (r, c) => Assert.Equal(3, r.Json.GetProperty("metrics").GetProperty("rows").GetInt32()),
            },
            new HostileCase
            {
                Name = "manifest-unknown-label",
                Args = c => WithSmall("train", "--data", c.Manifest("unknown-label.csv"), "--out", c.Output("m4.zip")),
                Exit = 1,
                Message = c => "unknown-label.csv line 3: label 'calm' is not known",
            },
            new HostileCase
            {
                Name = "manifest-header-only",
                Args = c => WithSmall("train", "--data", c.Manifest("header-only.csv"), "--out", c.Output("m5.zip")),
                Exit = 1,
                Message = c => "header-only.csv",
            },
            new HostileCase
            {
                Name = "manifest-binary-garbage",
                Args = c => WithSmall("train", "--data", c.Manifest("binary.csv"), "--out", c.Output("m6.zip")),
                Exit = 1,
                Message = c => "binary.csv",
            },

            // Model zips: each names the file.
            Model("model-text-file", "text.zip", "is not a readable ML.NET model zip"),
            Model("model-zip-without-network", "no-network.zip", "is not a readable ML.NET model zip (The model part"),
            Model("model-zip-without-chain-key", "no-chain-key.zip", "is not a readable ML.NET model zip"),
            Model("model-zip-truncated", "truncated.zip", "is not a readable ML.NET model zip"),
            Model("model-zip-of-a-text-file", "zipped-text.zip", "is not a readable ML.NET model zip"),
            Model("model-is-a-folder", "folder.zip", "is a folder"),

            // Option values: each is a usage error naming the option, found before any work.
            Option("fft-size-two-to-the-thirty", c => Spectrogram(c, c.Good, "o1.png", "--fft-size", "1073741824"),
                "--fft-size=1073741824 must be at most 65536 samples", failsFast: true),
            Option("fft-size-not-a-power-of-two", c => Spectrogram(c, c.Good, "o2.png", "--fft-size", "1000"),
                "--fft-size=1000 must be a positive power of two"),
            Option("hop-length-zero", c => Spectrogram(c, c.Good, "o3.png", "--hop-length", "0"), "--hop-length=0 must be a positive integer"),
            Option("hop-length-above-fft-size", c => Spectrogram(c, c.Good, "o4.png", "--hop-length", "4096"),
                "--hop-length=4096 must be at most --fft-size=2048"),
            Option("hop-length-one-for-an-hour", c => Spectrogram(c, c.Good, "o5.png", "--hop-length", "1", "--duration", "3600"),
                "--hop-length=1 gives 1025 bins × 79380001 frames", failsFast: true),
            Option("sample-rate-one", c => Spectrogram(c, c.Good, "o6.png", "--sample-rate", "1"), "--sample-rate=1 must be between 1000 Hz"),
            Option("sample-rate-ten-megahertz", c => Spectrogram(c, c.Good, "o7.png", "--sample-rate", "10000000"),
                "--sample-rate=10000000 must be between 1000 Hz", failsFast: true),
            Option("duration-a-billion-seconds", c => Spectrogram(c, c.Good, "o8.png", "--duration", "1e9"),
                "--duration=1000000000 must be a number of seconds greater than 0 and at most 3600", failsFast: true),
            Option("duration-shorter-than-a-frame", c => Spectrogram(c, c.Good, "o9.png", "--duration", "0.01"),
                "--fft-size=2048 is longer than the clip: --duration=0.01 s at --sample-rate=22050 Hz is 220 samples"),
            Option("duration-not-a-number", c => Spectrogram(c, c.Good, "o10.png", "--duration", "NaN"), "--duration=NaN"),
            Option("offset-negative", c => Spectrogram(c, c.Good, "o11.png", "--offset", "-1"), "--offset=-1 must be a non-negative number of seconds"),
            Option("batch-size-a-hundred-million", c => WithSmall("train", "--data", c.FourClasses, "--out", c.Output("o12.zip"), "--batch-size", "100000000"),
                "--batch-size=100000000 needs", failsFast: true),
            Option("hop-length-sixteen-caches-too-much", c => new[] { "train", "--data", c.FourClasses, "--out", c.Output("o16.zip"),
                "--hop-length", "16", "--duration", "976", "--sample-rate", "8000", "--batch-size", "1" },
                // 2 GB per clip: more than the training set's share of memory for 8 clips (or, on a small machine, a clip's).
                "--hop-length=16 with --duration=976 s at --sample-rate=8000 Hz", failsFast: true),
            Option("demo-a-million-pieces", c => new[] { "demo", "--out", c.Output("demo1"), "--clips-per-class", "1000000" },
                "--clips-per-class=1000000 must be at most 1000", failsFast: true,
                check: (r, c) => Assert.False(Directory.Exists(c.Output("demo1")))),
            Option("demo-pieces-of-a-billion-seconds", c => new[] { "demo", "--out", c.Output("demo2"), "--seconds", "1e9" },
                "--seconds=1000000000 must be at most 600", failsFast: true),
            new HostileCase
            {
                Name = "offset-past-the-end",
                Args = c => Spectrogram(c, c.Good, "o17.png", "--offset", "1e12", "--sample-rate", "8000", "--duration", "1", "--fft-size", "256", "--hop-length", "128"),
                Exit = 1,
                Message = c => $"is at or beyond the end of audio file '{c.Good}' (3 s long).",
            },
            Option("learning-rate-zero", c => WithSmall("train", "--data", c.FourClasses, "--out", c.Output("o13.zip"), "--learning-rate", "0"),
                "--learning-rate=0 must be positive"),
            Option("learning-rate-not-a-number", c => WithSmall("train", "--data", c.FourClasses, "--out", c.Output("o14.zip"), "--learning-rate", "NaN"),
                "--learning-rate=NaN must be positive"),
            Option("validation-fraction-one", c => WithSmall("train", "--data", c.FourClasses, "--out", c.Output("o15.zip"), "--validation-fraction", "1"),
                "--validation-fraction=1 must be in [0, 1)"),
            Option("epochs-not-an-integer", c => new[] { "train", "--data", c.FourClasses, "--epochs", "abc" },
                "Cannot parse argument 'abc' for option '--epochs' as an integer."),
            Option("hop-not-a-number", c => new[] { "predict", "--model", c.GoodModel, c.Good, "--hop", "abc" },
                "Cannot parse argument 'abc' for option '--hop' as a number."),
            new HostileCase
            {
                Name = "hop-ten-microseconds",
                Group = HostileCase.Skipping,
                Args = c => new[] { "predict", "--model", c.GoodModel, c.Good, "--hop", "0.00001" },
                Exit = 2,
                Message = c => "--hop=1E-05",
                FailsFast = true,
            },
            Option("folds-more-than-songs", c => WithSmall("compare", "--data", c.FourClasses, "--out", c.Output("cmp1"), "--folds", "100"),
                "--folds=100 must be at most the number of songs, 8", failsFast: true,
                check: (r, c) => Assert.False(Directory.Exists(Path.Combine(c.Output("cmp1"), "feature-cache")), "features were computed")),
            Option("folds-one", c => WithSmall("compare", "--data", c.FourClasses, "--out", c.Output("cmp2"), "--folds", "1"),
                "--folds=1 must be at least 2"),

            // Output paths.
            new HostileCase
            {
                Name = "model-out-is-a-folder",
                Args = c => WithSmall("train", "--data", c.FourClasses, "--out", c.Output("")),
                Exit = 2,
                Message = c => $"--out {c.Output("")} is a folder; give a file name such as {Path.Combine(c.Output(""), "model.zip")}.",
            },
            Option("csv-is-a-folder", c => new[] { "predict", "--model", c.GoodModel, c.Good, "--csv", c.Root },
                "is a folder; give a file name such as"),
            Option("png-under-a-file", c => Spectrogram(c, c.Good, Path.Combine("a-file", "x.png")),
                "cannot be written: "),
            Option("compare-out-is-a-file", c => WithSmall("compare", "--data", c.FourClasses, "--out", c.Output("a-file")),
                "is a file; give a folder."),
            new HostileCase
            {
                Name = "plot-under-proc",
                Args = c => new[] { "predict", "--model", c.GoodModel, c.Good, "--plot", OperatingSystem.IsLinux() ? "/proc/x.png" : c.Output("x.png") },
                Exit = OperatingSystem.IsLinux() ? 2 : 0,
                Message = c => OperatingSystem.IsLinux() ? "--plot /proc/x.png cannot be written: folder /proc does not accept new files." : null,
            },
        };

        private static HostileCase Model(string name, string file, string message) => new HostileCase
        {
            Name = name,
            Args = c => new[] { "predict", "--model", c.ModelFile(file), c.Good },
            Exit = 1,
            Message = c => $"Model {c.ModelFile(file)} {message}",
        };

        private static HostileCase Option(string name, Func<HostileCorpus, string[]> args, string message, bool failsFast = false,
            Action<CliRun, HostileCorpus> check = null) => new HostileCase
        {
            Name = name,
            Args = args,
            Exit = 2,
            Message = c => message,
            FailsFast = failsFast,
            Check = check,
        };

        public static HostileCase Find(string name) => All.Single(c => c.Name == name);

        /// <summary>The names of the cases of one group, for [MemberData].</summary>
        public static IEnumerable<object[]> Names(string group) => All.Where(c => c.Group == group).Select(c => new object[] { c.Name });
    }
}
