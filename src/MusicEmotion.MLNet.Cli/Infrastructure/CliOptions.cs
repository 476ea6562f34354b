using System.CommandLine;
using System.Globalization;
using MusicEmotion.MLNet.Transforms;

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

        public static int Positive(int value, string name)
            => value > 0 ? value : throw new UsageException($"{name}={value} must be a positive integer.");

        public static double PositiveSeconds(double value, string name)
            => value > 0 && double.IsFinite(value) ? value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name}={value} must be a positive number of seconds."));

        public static double Fraction(double value, string name)
            => value >= 0 && value < 1 ? value
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name}={value} must be in [0, 1)."));
    }
}
