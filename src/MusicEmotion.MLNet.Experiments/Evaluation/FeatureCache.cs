using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.ML;
using Microsoft.ML.Data;


namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// Features of every clip computed once (LoadAudio → LogStft → SpectralSummary) and stored on disk in a
    /// <see cref="SpectrogramCache"/> (spectrogram quantised to 8 bits per value over each clip's 80-dB range, error
    /// ≤ 0.157 dB; summary as float32), written and read row by row so memory stays bounded. A key file next to it records the clip list
    /// (path, label, song, file size and time) and the front-end options; a later run with the same key reuses the file.
    /// </summary>
    internal sealed class FeatureCache
    {
        internal const string SpectrogramColumn = "Spectrogram";
        internal const string SummaryColumn = "Summary";
        private const string AudioColumn = "Audio";
        private const string StftColumn = "Stft";
        private const int FormatVersion = 2;

        private FeatureCache(IDataView data, string path, bool reused, double seconds, IReadOnlyList<AudioFileError> rejected)
        {
            RejectedFiles = rejected;
            Data = data;
            Path = path;
            Reused = reused;
            Seconds = seconds;
            var spectrogram = (VectorDataViewType)data.Schema[SpectrogramColumn].Type;
            Bins = spectrogram.Dimensions[0];
            Frames = spectrogram.Dimensions.Length > 1 ? spectrogram.Dimensions[1] : spectrogram.Size / Bins;
            SummaryLength = ((VectorDataViewType)data.Schema[SummaryColumn].Type).Size;
            Rows = data.GetRowCount() ?? throw new InvalidDataException($"The feature cache {path} does not state its row count.");
        }

        /// <summary>Rows (clips) in the cache.</summary>
        public long Rows { get; }

        /// <summary>Columns Path, Label, Song, Valence, Arousal, Spectrogram, Summary, read from the cache file: one row per
        /// clip (up to <see cref="ComparisonOptions.ClipsPerFile"/> consecutive clips of each file, in file order).</summary>
        public IDataView Data { get; }

        /// <summary>Clips left out because their file could not be read (with skipping), kept next to the cache in
        /// <c>features-&lt;hash&gt;.rejected</c> so that a reused cache reports them too.</summary>
        public IReadOnlyList<AudioFileError> RejectedFiles { get; }

        /// <summary>The cache file.</summary>
        public string Path { get; }

        /// <summary>True when an earlier run's file was reused.</summary>
        public bool Reused { get; }

        /// <summary>Seconds spent computing and writing (or opening) the cache.</summary>
        public double Seconds { get; }

        public int Bins { get; }

        public int Frames { get; }

        public int SummaryLength { get; }

        public static FeatureCache Open(MLContext ml, IReadOnlyList<MusicClip> clips, ComparisonOptions options, string directory)
        {
            var watch = Stopwatch.StartNew();
            Directory.CreateDirectory(directory);
            var key = Key(clips, options);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
            var dataPath = System.IO.Path.Combine(directory, $"features-{hash}.spc");
            var keyPath = System.IO.Path.Combine(directory, $"features-{hash}.key");
            var rejectsPath = System.IO.Path.Combine(directory, $"features-{hash}.rejected");
            bool reused = File.Exists(dataPath) && File.Exists(keyPath) && File.ReadAllText(keyPath) == key;
            IReadOnlyList<AudioFileError> rejected;
            if (reused)
            {
                options.Progress?.Report($"Reusing the feature cache {dataPath}");
                rejected = ReadRejects(rejectsPath);
                // A cache written while skipping holds fewer clips than a strict run expects: fail as that run would.
                if (!options.SkipUnreadableFiles && rejected.Count > 0)
                    throw new InvalidDataException(rejected[0].Reason);
            }
            else
            {
                rejected = Write(ml, clips, options, dataPath);
                WriteRejects(rejectsPath, rejected);
                OutputFile.WriteAllText(keyPath, key);
            }
            var data = SpectrogramCache.Open(ml, dataPath);
            return new FeatureCache(data, dataPath, reused, watch.Elapsed.TotalSeconds, rejected);
        }

        // Rejects of a cache: one "path<TAB>reason" line each (neither holds a tab or a line break).
        private static void WriteRejects(string path, IReadOnlyList<AudioFileError> rejected)
            => OutputFile.Write(path, t => File.WriteAllLines(t, rejected.Select(r => Clean(r.Path) + "\t" + Clean(r.Reason))));

        private static IReadOnlyList<AudioFileError> ReadRejects(string path)
            => File.Exists(path)
                ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t', 2))
                    .Select(f => new AudioFileError(f[0], f.Length > 1 ? f[1] : "")).ToArray()
                : Array.Empty<AudioFileError>();

        private static string Clean(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

        private static IReadOnlyList<AudioFileError> Write(MLContext ml, IReadOnlyList<MusicClip> clips, ComparisonOptions options, string dataPath)
        {
            var progress = options.Progress;
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"Computing features of {clips.Count} files{(options.ClipsPerFile > 1 ? $" (up to {options.ClipsPerFile} clips each)" : "")} (duration {options.Duration} s, sr {options.SampleRate}, n_fft {options.FftSize}, hop {options.HopLength}) into {dataPath}"));
            var watch = Stopwatch.StartNew();
            var clipsCopy = clips.Select(c => new MusicClip
            {
                Path = c.Path,
                Label = c.Label,
                Song = c.Song ?? c.Path,
                Valence = c.Valence,
                Arousal = c.Arousal,
            }).ToArray();

            void Count(int n)
            {
                if (n % options.ProgressInterval == 0 && n < clipsCopy.Length * options.ClipsPerFile)
                {
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"  features computed for {n}/{(options.ClipsPerFile > 1 ? "≤" : "")}{clipsCopy.Length * options.ClipsPerFile} clips, {n / watch.Elapsed.TotalSeconds:F2} clips/s"));
                }
            }

            var input = ml.Data.LoadMusicClips(clipsCopy);
            input = ml.Data.FirstClips(input, nameof(MusicClip.Path), options.Duration, options.ClipsPerFile,
                options.SkipUnreadableFiles, out var unprobed, out var offsetColumn, options.DecoderBackend);
            // With mel input the network's column is the mel spectrogram and the summary still reads the log-STFT.
            bool mel = options.MelBands != null;
            var stft = mel ? StftColumn : SpectrogramColumn;
            var loading = ml.Transforms.LoadAudio(AudioColumn, nameof(MusicClip.Path), options.SampleRate, options.Duration,
                    offsetColumnName: offsetColumn, skipUnreadableFiles: options.SkipUnreadableFiles, decoderBackend: options.DecoderBackend)
                .Append(ml.Transforms.LogStft(stft, AudioColumn, options.FftSize, options.HopLength))
                .Append(ml.Transforms.SpectralSummary(SummaryColumn, stft, AudioColumn, sampleRate: options.SampleRate,
                    features: options.SummaryFeatures, hopLength: options.HopLength));
            var dropped = new List<string> { AudioColumn };
            if (mel)
                dropped.Add(StftColumn);
            if (offsetColumn != null)
                dropped.Add(offsetColumn);
            var frontEnd = mel
                ? loading.Append(ml.Transforms.MelSpectrogram(SpectrogramColumn, AudioColumn, options.SampleRate, options.FftSize,
                        options.HopLength, options.MelBands.Value))
                    .Append(ml.Transforms.DropColumns(dropped.ToArray()))
                : loading.Append(ml.Transforms.DropColumns(dropped.ToArray()));
            var frontEndModel = frontEnd.Fit(input);
            var features = frontEndModel.Transform(input);
            // Rows are counted as they are written: the source may yield fewer rows than clips (unreadable files skipped).
            var written = SpectrogramCache.Write(ml, features, SpectrogramColumn, dataPath,
                SpectrogramCache.CodeBytesFor(LogStftEstimator.Defaults.TopDb), Count);
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"  features of {written.Rows} clips computed and written in {written.Seconds:F1} s ({written.RowsPerSecond:F2} clips/s), cache {written.Bytes / 1048576.0:F1} MiB ({written.MegabytesPerRow:F2} MB per clip, spectrogram within {written.MaxError:F3} dB)"));
            // A file the length probe refused gives no clip, so it is in one list only; each list has a path once.
            return unprobed.Concat(frontEndModel.OfType<AudioLoadingTransformer>().First().RejectedFiles).ToArray();
        }

        /// <summary>The text that identifies a cache: format, front-end options and every clip with its file's size and time.</summary>
        private static string Key(IReadOnlyList<MusicClip> clips, ComparisonOptions options)
        {
            var key = new StringBuilder();
            key.Append(CultureInfo.InvariantCulture, $"format {FormatVersion} spectrogram-cache {SpectrogramCache.FormatVersion} code-bytes {SpectrogramCache.CodeBytesFor(LogStftEstimator.Defaults.TopDb)}\n");
            if (options.SkipUnreadableFiles)
                key.Append("skipUnreadableFiles\n");
            // Auto keeps the key of caches written before the option existed; Auto resolves per machine, so its name
            // is what it comes to here.
            var backend = AudioDecoder.Resolve(options.DecoderBackend).Decoder;
            if (options.DecoderBackend != AudioDecoderBackend.Auto || backend != AudioDecoder.DecoderChoice.Native)
                key.Append(CultureInfo.InvariantCulture, $"decoderBackend {options.DecoderBackend} ({backend})\n");
            key.Append(CultureInfo.InvariantCulture,
                $"sampleRate {options.SampleRate}\nduration {options.Duration:R}\nfftSize {options.FftSize}\nhopLength {options.HopLength}\n");
            // The paper's summary keeps the key (and so the caches) of runs made before the feature groups existed.
            if (options.SummaryFeatures != SpectralSummaryFeatures.Paper)
                key.Append(CultureInfo.InvariantCulture, $"summaryFeatures {(int)options.SummaryFeatures}\n");
            if (options.MelBands is int bands)
                key.Append(CultureInfo.InvariantCulture, $"melBands {bands}\n");
            if (options.ClipsPerFile != 1)
                key.Append(CultureInfo.InvariantCulture, $"clipsPerFile {options.ClipsPerFile}\n");
            key.Append(CultureInfo.InvariantCulture, $"clips {clips.Count}\n");
            foreach (var clip in clips)
            {
                var info = new FileInfo(clip.Path);
                string stamp = info.Exists
                    ? string.Create(CultureInfo.InvariantCulture, $"{info.Length} {info.LastWriteTimeUtc.Ticks}")
                    : "missing";
                key.Append(CultureInfo.InvariantCulture, $"{clip.Path}\t{clip.Label}\t{clip.Song ?? clip.Path}\t{stamp}\n");
            }
            return key.ToString();
        }
    }
}
