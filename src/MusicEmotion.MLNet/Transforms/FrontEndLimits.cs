using System;
using System.Globalization;
using Microsoft.ML;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The bounds of the front-end settings (<c>sr</c>, <c>duration</c>, <c>n_fft</c>, <c>hop_length</c>) and of the
    /// batch size, each with its physical meaning, and the memory a setting implies, checked before anything is
    /// allocated. Errors are <see cref="ArgumentOutOfRangeException"/>s whose parameter name is the library's
    /// (<c>SampleRate</c>, <c>Duration</c>, <c>FftSize</c>, <c>HopLength</c>, <c>BatchSize</c>) and whose message
    /// starts <c>Name=value</c>.
    /// </summary>
    internal static class FrontEndLimits
    {
        /// <summary>Lowest sample rate: 1000 Hz keeps frequencies up to 500 Hz, below which no melody or timbre is left.</summary>
        public const int MinSampleRate = 1000;

        /// <summary>Highest sample rate: 192,000 Hz, the highest rate studio audio is recorded at.</summary>
        public const int MaxSampleRate = 192_000;

        /// <summary>Longest clip: one hour, far beyond any song.</summary>
        public const double MaxDuration = 3600;

        /// <summary>Largest <c>n_fft</c>: 2^16 = 65,536 samples, about 3 s at 22,050 Hz; a frame longer than that
        /// resolves no musical event.</summary>
        public const int MaxFftSize = 1 << 16;

        /// <summary>Share of the memory available to the process one batch of network inputs may take (the network's
        /// activations and gradients need several times more).</summary>
        public const double BatchMemoryShare = 0.25;

        /// <summary>Share of the available memory one clip's waveform and log-STFT may take: 1/16, because a clip's
        /// working set is many times its own size (measured: 8 clips of 123 MB log-STFTs through <c>mer train</c> at batch
        /// size 1 peaked at 2.0 GB, and 2 GB clips took all 24 GB), while 30-s clips take 5.3 MB.</summary>
        public const double ClipMemoryShare = 1.0 / 16;

        /// <summary>Bytes the process may use: the GC's limit (a container's or <c>GCHeapHardLimit</c>) or the
        /// machine's memory.</summary>
        public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

        /// <summary>Frequency bins of a log-STFT: 1 + n_fft/2.</summary>
        public static long Bins(int fftSize) => 1 + fftSize / 2;

        /// <summary>Frames of a centred log-STFT of <paramref name="samples"/> samples: 1 + ⌊samples / hop⌋.</summary>
        public static long Frames(long samples, int hopLength) => 1 + samples / hopLength;

        /// <summary>Checks the front end's settings one by one through the estimators' own validation, then together:
        /// a clip holds at least one STFT frame, and a clip (and a batch of <paramref name="batchSize"/> clips) fits
        /// the available memory.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range (parameter: its name).</exception>
        public static void Check(int sampleRate, double duration, int fftSize, int hopLength, int? batchSize = null)
        {
            AudioLoadingEstimator.Validate(new AudioLoadingEstimator.Options
            {
                OutputColumnName = "Audio",
                SampleRate = sampleRate,
                Duration = duration,
            });
            LogStftEstimator.Validate(new MLContext(0), new LogStftEstimator.Options
            {
                OutputColumnName = "Spectrogram",
                InputColumnName = "Audio",
                FftSize = fftSize,
                HopLength = hopLength,
            });
            long samples = AudioLoadingEstimator.ClipLength(sampleRate, duration);
            if (samples < fftSize)
            {
                throw new ArgumentOutOfRangeException(nameof(LogStftEstimator.Options.FftSize), fftSize, Format(
                    $"FftSize={fftSize} is longer than the clip: Duration={duration} s at SampleRate={sampleRate} Hz is {samples} samples; a clip must hold at least one frame."));
            }
            long values = Bins(fftSize) * Frames(samples, hopLength);
            if (values > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(LogStftEstimator.Options.HopLength), hopLength, Format(
                    $"HopLength={hopLength} gives {Bins(fftSize)} bins × {Frames(samples, hopLength)} frames = {values} values per clip, more than an ML.NET vector holds ({int.MaxValue}); use a larger hop or a shorter duration."));
            }
            long available = AvailableBytes();
            long clipBytes = 4 * (samples + values);
            if (clipBytes > ClipMemoryShare * available)
            {
                throw new ArgumentOutOfRangeException(nameof(LogStftEstimator.Options.HopLength), hopLength, Format(
                    $"HopLength={hopLength} with Duration={duration} s at SampleRate={sampleRate} Hz needs {Size(clipBytes)} per clip ({samples} samples and {Bins(fftSize)} × {Frames(samples, hopLength)} log-STFT values), more than {ClipMemoryShare:P0} of the {Size(available)} available; use a larger hop or a shorter duration."));
            }
            if (batchSize.HasValue)
                CheckBatch(batchSize.Value, values);
        }

        /// <summary>Checks that <paramref name="batchSize"/> rows of <paramref name="featureSize"/> floats fit in
        /// <see cref="BatchMemoryShare"/> of the available memory.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The batch is not positive or does not fit (parameter <c>BatchSize</c>).</exception>
        public static void CheckBatch(int batchSize, long featureSize)
        {
            if (batchSize < 1)
                throw new ArgumentOutOfRangeException("BatchSize", batchSize, $"BatchSize={batchSize} must be positive.");
            long available = AvailableBytes();
            double bytes = 4.0 * batchSize * featureSize;
            if (bytes > BatchMemoryShare * available)
            {
                long fits = Math.Max(1, (long)(BatchMemoryShare * available / (4.0 * featureSize)));
                throw new ArgumentOutOfRangeException("BatchSize", batchSize, Format(
                    $"BatchSize={batchSize} needs {Size(bytes)} for one batch of {featureSize}-value inputs alone, more than {BatchMemoryShare:P0} of the {Size(available)} available; at most {fits} fit."));
            }
        }

        /// <summary>A byte count as KiB, MiB, GiB or TiB.</summary>
        public static string Size(double bytes)
        {
            string[] units = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB" };
            int unit = 0;
            while (bytes >= 1024 && unit < units.Length - 1)
            {
                bytes /= 1024;
                unit++;
            }
            return unit == 0 ? Format($"{bytes:F0} bytes") : Format($"{bytes:0.#} {units[unit]}");
        }

        private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
