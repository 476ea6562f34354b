using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;


namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>
    /// The one place that tells the user which input files a command left out: a summary line ("880 of 900 files used;
    /// 20 could not be read (first 5 listed, all in out/rejected.csv)") with the first few causes, <c>rejected.csv</c>
    /// (<c>path,reason</c>), the <c>--json</c> fields, and the exit code.
    /// </summary>
    internal sealed class RejectSummary
    {
        public const string FileName = "rejected.csv";
        public const int Listed = 5;

        private RejectSummary(int total, IReadOnlyList<AudioFileError> rejected, string csvPath)
        {
            Total = total;
            Rejected = rejected;
            CsvPath = csvPath;
        }

        /// <summary>Input files the command was given.</summary>
        public int Total { get; }

        /// <summary>Files left out, one per path, in the order met.</summary>
        public IReadOnlyList<AudioFileError> Rejected { get; }

        /// <summary>Files used: <see cref="Total"/> minus <see cref="Rejected"/>.</summary>
        public int Used => Total - Rejected.Count;

        /// <summary>Full path of the <c>rejected.csv</c> written, or null when no file was rejected.</summary>
        public string CsvPath { get; }

        /// <summary><see cref="MerApp.PartialSuccess"/> when a file was left out, else <see cref="MerApp.Success"/>.</summary>
        public int ExitCode => Rejected.Count > 0 ? MerApp.PartialSuccess : MerApp.Success;

        /// <summary>Writes <c>rejected.csv</c> into <paramref name="directory"/> when files were left out; <see cref="Write"/>
        /// prints the summary.</summary>
        /// <param name="total">Input files given.</param>
        /// <param name="rejected">Files left out (duplicates by path are dropped).</param>
        /// <param name="directory">The command's output folder, for <c>rejected.csv</c>.</param>
        public static RejectSummary Create(int total, IEnumerable<AudioFileError> rejected, string directory)
        {
            var distinct = new List<AudioFileError>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reject in rejected ?? Enumerable.Empty<AudioFileError>())
            {
                if (seen.Add(reject.Path))
                    distinct.Add(reject);
            }
            string csvPath = null;
            if (distinct.Count > 0)
            {
                csvPath = Path.GetFullPath(Path.Combine(directory ?? ".", FileName));
                var csv = new StringBuilder("path,reason\n");
                foreach (var reject in distinct)
                    csv.Append(Quote(reject.Path)).Append(',').Append(Quote(reject.Reason)).Append('\n');
                OutputFile.WriteAllText(csvPath, csv.ToString());
            }
            return new RejectSummary(Math.Max(total, distinct.Count), distinct, csvPath);
        }

        /// <summary>The summary line, or null when nothing was rejected.</summary>
        public string Line()
        {
            if (Rejected.Count == 0)
                return null;
            string listed = Rejected.Count <= Listed ? "listed below" : $"first {Listed} listed";
            return string.Create(CultureInfo.InvariantCulture,
                $"{Used} of {Total} files used; {Rejected.Count} could not be read ({listed}, all in {CsvPath})");
        }

        /// <summary>Prints the summary line and the first causes to <paramref name="log"/> (stdout, or stderr with
        /// <c>--json</c>); nothing when every file was read.</summary>
        public void Write(TextWriter log)
        {
            var line = Line();
            if (line == null)
                return;
            log.WriteLine(line);
            foreach (var reject in Rejected.Take(Listed))
                log.WriteLine($"  {reject.Reason}");
        }

        /// <summary>The <c>rejected</c> array of <c>--json</c>: <c>[{path, reason}]</c>, empty when every file was read.</summary>
        public object JsonRejected => Rejected.Select(r => new { path = r.Path, reason = r.Reason }).ToArray();

        private static string Quote(string value)
            => value.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
