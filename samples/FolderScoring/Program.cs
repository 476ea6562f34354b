using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet;

namespace MusicEmotion.MLNet.Samples.FolderScoring
{
    /// <summary>
    /// <c>FolderScoring model.zip folder [--threads N] [--hop seconds]</c>: the emotion of every audio file under a folder,
    /// scored <c>N</c> files at a time (default: one per core) through <see cref="EmotionModel.PredictFiles"/>, which is
    /// safe to call from several threads and reports unreadable files instead of stopping. Prints one line per file in
    /// folder order and the throughput in files per second.
    /// </summary>
    internal static class Program
    {
        // What the decoders read (libsndfile, libmpg123, FFmpeg for the rest); any other file would be reported as unreadable.
        private static readonly string[] s_audio = { ".wav", ".mp3", ".flac", ".ogg", ".opus", ".m4a", ".aac", ".aiff" };

        private static int Main(string[] args)
        {
            if (args.Length < 2 || args.Length % 2 != 0)
                return Usage("give a model zip and a folder, then optional '--name value' pairs");
            int threads = Environment.ProcessorCount;
            double? hop = null;
            for (int i = 2; i < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--threads":
                        threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                        break;
                    case "--hop":
                        hop = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                        break;
                    default:
                        return Usage($"unknown option '{args[i]}'");
                }
            }
            if (threads < 1)
                return Usage($"--threads={threads} must be 1 or more");
            if (!Directory.Exists(args[1]))
                return Usage($"folder {args[1]} not found");
            var files = Directory.EnumerateFiles(args[1], "*", SearchOption.AllDirectories)
                .Where(f => s_audio.Contains(Path.GetExtension(f).ToLowerInvariant())).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
                return Usage($"folder {args[1]} holds no audio files ({string.Join(", ", s_audio)})");

            var model = EmotionModel.Load(args[0]);
            Console.WriteLine($"Model {Path.GetFileName(args[0])}: {model.Description}");
            // The first call loads libtorch and the decoders; keep it out of the timing.
            model.Predict(files[0]);

            var watch = Stopwatch.StartNew();
            var predictions = model.PredictFiles(files, threads, hop);
            double seconds = watch.Elapsed.TotalSeconds;

            foreach (var p in predictions)
            {
                var name = Path.GetRelativePath(args[1], p.Path);
                if (p.Error != null)
                {
                    Console.WriteLine($"{name}: not read: {p.Error.Reason}");
                    continue;
                }
                var probabilities = string.Join(" ", model.Classes.Select((c, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"{c} {p.Probabilities[i]:0.000}")));
                Console.WriteLine($"{name}: {p.PredictedLabel,-7} {probabilities}  ({p.Segments.Count} segments{(p.IsSilent ? ", silent" : "")})");
            }
            int failed = predictions.Count(p => p.Error != null);
            var counts = string.Join(", ", predictions.Where(p => p.Error == null).GroupBy(p => p.PredictedLabel)
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{files.Count} files ({failed} not read) on {threads} thread{(threads == 1 ? "" : "s")} in {seconds:F1} s: {files.Count / seconds:F2} files/s; {counts}"));
            return failed == 0 ? 0 : 3;
        }

        private static int Usage(string problem)
        {
            Console.Error.WriteLine($"error: {problem}");
            Console.Error.WriteLine("usage: FolderScoring model.zip folder [--threads N] [--hop seconds]");
            return 2;
        }
    }
}
