using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Cli.Modeling;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>Front-end options and range checks with librosa-style messages.</summary>
    internal static class CliOptions
    {
        public static Option<double> Duration(double defaultValue = AudioLoadingEstimator.Defaults.Duration) => new Option<double>("--duration")
        {
            Description = "Clip length in seconds the network sees (the paper: 30). Shorter clips train faster.",
            DefaultValueFactory = _ => defaultValue,
        };

        public static Option<int> SampleRate() => new Option<int>("--sample-rate")
        {
            Description = "Advanced: resampling rate of the front end in Hz (librosa sr).",
            DefaultValueFactory = _ => AudioLoadingEstimator.Defaults.SampleRate,
        };

        public static Option<int> FftSize() => new Option<int>("--fft-size")
        {
            Description = "Advanced: STFT size (librosa n_fft, a power of two); the network sees 1 + n_fft/2 frequency bins.",
            DefaultValueFactory = _ => LogStftEstimator.Defaults.FftSize,
        };

        public static Option<int> HopLength() => new Option<int>("--hop-length")
        {
            Description = "Advanced: STFT hop in samples (librosa hop_length).",
            DefaultValueFactory = _ => LogStftEstimator.Defaults.HopLength,
        };

        /// <summary>Checks the front end's settings together, through the library's own checks (ranges, a clip holds
        /// a frame, a clip and a batch fit in memory), before any file is read; a failure is reported under the
        /// option's name by <see cref="OptionNames"/>.</summary>
        public static void CheckFrontEnd(int sampleRate, double duration, int fftSize, int hopLength, int? batchSize = null)
            => FrontEndLimits.Check(sampleRate, duration, fftSize, hopLength, batchSize);

        /// <summary>Checks the trainer's settings through the trainer's own option check.</summary>
        public static void CheckTrainer(int epochs, int batchSize, double learningRate, double validationFraction)
            => SpectrogramClassificationTrainer.CheckOptions(
                new SpectrogramClassificationTrainer.Options
                {
                    FeatureColumnName = "Features",
                    LabelColumnName = "Label",
                    Epochs = epochs,
                    BatchSize = batchSize,
                    LearningRate = learningRate,
                    ValidationFraction = validationFraction,
                });

        /// <summary>Checks, before any work, that the file <paramref name="path"/> given by <paramref name="option"/>
        /// (e.g. <c>model.zip</c>, the <paramref name="example"/> the message suggests) can be written: it is not a folder, its folder part is not a file, and the nearest existing folder accepts
        /// new files.</summary>
        public static string OutputFile(string path, string option, string example)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new UsageException($"{option} must name a file.");
            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw new UsageException($"{option} {path} is not a valid file name ({e.Message.TrimEnd('.')}).");
            }
            if (Directory.Exists(full))
                throw new UsageException($"{option} {path} is a folder; give a file name such as {Path.Combine(path, example)}.");
            CheckFolder(Path.GetDirectoryName(full), path, option);
            return path;
        }

        /// <summary>Checks, before any work, that the folder <paramref name="path"/> given by <paramref name="option"/>
        /// is not a file and can be created and written.</summary>
        public static string OutputFolder(string path, string option)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new UsageException($"{option} must name a folder.");
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
                throw new UsageException($"{option} {path} is a file; give a folder.");
            CheckFolder(full, path, option);
            return path;
        }

        private static void CheckFolder(string folder, string path, string option)
        {
            var existing = folder;
            while (existing != null && !Directory.Exists(existing))
            {
                if (File.Exists(existing))
                    throw new UsageException($"{option} {path} cannot be written: {existing} is a file, not a folder.");
                existing = Path.GetDirectoryName(existing);
            }
            if (existing == null)
                return;
            var probe = Path.Combine(existing, $".mer-write-test-{Environment.ProcessId}");
            try
            {
                using (File.Create(probe, 1, FileOptions.DeleteOnClose))
                {
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UsageException($"{option} {path} cannot be written: folder {existing} does not accept new files.");
            }
        }

        public static int Positive(int value, string name)
            => value > 0 ? value : throw new UsageException($"{name}={value} must be a positive integer.");

        public static double PositiveSeconds(double value, string name)
            => value > 0 && double.IsFinite(value) ? value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name}={value} must be a positive number of seconds."));

        public static double PositiveNumber(double value, string name)
            => value > 0 && double.IsFinite(value) ? value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name}={value} must be positive."));

        public static double Fraction(double value, string name)
            => value >= 0 && value < 1 ? value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name}={value} must be in [0, 1)."));
    }
}
