using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>decode-folder &lt;folder&gt; [offset=45]</c>: reads every mp3/wav/flac/ogg under a folder of real music the
    /// way <c>LoadAudio</c> does and prints one CSV line per file (<c>file,probe_frames,decoded_frames,probe_ms,
    /// clip_ms,tail_ms,error</c>): the length <c>Probe</c> gives (what <c>ExpandToClips</c> counts segments from),
    /// the frames that decode at the source rate, the CPU ms of <c>Probe</c>, of a 30-s clip at offset 0 and of a 30-s
    /// clip at <c>offset</c> (a read to the end of a 60-s file). Compare the frames with
    /// <c>ffmpeg -i f -f f32le -ac 2 - | wc -c</c> / 8.
    /// </summary>
    internal static class DecodeFolderCheck
    {
        private const int Rate = 22050;

        public static int Run(string[] args)
        {
            if (args.Length < 1)
            {
                Console.Error.WriteLine("usage: decode-folder <folder> [offset seconds, default 45]");
                return 2;
            }
            double offset = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 45;
            var files = Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories)
                .Where(f => new[] { ".mp3", ".wav", ".flac", ".ogg" }.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var clip = new float[Rate * 30];
            var probeMs = new List<double>();
            var clipMs = new List<double>();
            var tailMs = new List<double>();
            int failed = 0;
            Console.WriteLine("file,probe_frames,decoded_frames,probe_ms,clip_ms,tail_ms,error");
            foreach (var file in files)
            {
                var name = Path.GetRelativePath(args[0], file);
                // Thread CPU time: the machine may be shared, and all of the work runs on this thread. Each step runs
                // even when an earlier one fails, so that a decoder that rejects the end of a file is still timed.
                string error = null;
                double Time(Action step)
                {
                    double cpu = ThreadCpuTime.CurrentMs();
                    try
                    {
                        step();
                    }
                    catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
                    {
                        error ??= e.Message;
                        return double.NaN;
                    }
                    return ThreadCpuTime.CurrentMs() - cpu;
                }
                long probeFrames = -1, decoded = -1;
                double head = Time(() => AudioDecoder.ReadClip(file, Rate, 0, ClipAlignment.Start, clip));
                double probe = Time(() => probeFrames = AudioDecoder.Probe(file).Frames);
                double tail = Time(() => AudioDecoder.ReadClip(file, Rate, offset, ClipAlignment.Start, clip));
                Time(() => decoded = AudioDecoder.ReadAll(file, AudioDecoder.Probe(file).SampleRate).Length);
                if (!double.IsNaN(probe))
                    probeMs.Add(probe);
                if (!double.IsNaN(head))
                    clipMs.Add(head);
                if (!double.IsNaN(tail))
                    tailMs.Add(tail);
                if (error != null)
                    failed++;
                Console.WriteLine($"{name},{probeFrames},{decoded},{probe:0.00},{head:0.0},{tail:0.0}," +
                    (error == null ? "" : $"\"{error.Replace("\"", "'")}\""));
            }
            Console.Error.WriteLine($"{files.Length} files, {failed} with an error; median CPU ms (of those that worked): " +
                $"probe {Median(probeMs):0.00} ({probeMs.Count}), 30-s clip at 0 s {Median(clipMs):0.0} ({clipMs.Count}), " +
                $"30-s clip at {offset} s {Median(tailMs):0.0} ({tailMs.Count})");
            return failed == 0 ? 0 : 1;
        }

        private static double Median(List<double> values)
        {
            if (values.Count == 0)
                return double.NaN;
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted[sorted.Length / 2];
        }
    }
}
