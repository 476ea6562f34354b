using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Plots;
using MusicEmotion.MLNet.Cli.Modeling;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer spectrogram</c>: a PNG of the log-STFT the network sees for one clip of a file.</summary>
    internal static class SpectrogramCommand
    {
        public static Command Create(CliContext context)
        {
            var file = new Argument<string>("file") { Description = "Audio file (wav, mp3, flac, ogg, ...)." };
            var output = new Option<string>("--out", "-o") { Description = "PNG to write (default: <file name>.spectrogram.png in the current folder)." };
            var duration = CliOptions.Duration();
            var offset = new Option<double>("--offset")
            {
                Description = "Start of the clip in seconds.",
                DefaultValueFactory = _ => 0,
            };
            var scale = new Option<string>("--frequency-scale")
            {
                Description = "Frequency axis: log (octaves evenly spaced) or linear (the network's 1025 bins as they are).",
                DefaultValueFactory = _ => "log",
            };
            scale.AcceptOnlyFromAmong("log", "linear");
            var sampleRate = CliOptions.SampleRate();
            var fftSize = CliOptions.FftSize();
            var hopLength = CliOptions.HopLength();
            var json = CommonOptions.Json();
            var decoder = CommonOptions.Decoder("auto");
            var command = new Command("spectrogram", "Draw the log-STFT (dB) of a clip as the network sees it: " +
                "1 + n_fft/2 frequency bins by 1 + duration*sr/hop frames (1025 x 1292 for the paper's 30 s).");
            command.Add(file);
            foreach (var option in new Option[] { output, duration, offset, scale, sampleRate, fftSize, hopLength, json, decoder })
                command.Add(option);
            command.SetAction(parse =>
            {
                var path = parse.GetValue(file);
                if (Directory.Exists(path))
                    throw new FileNotFoundException($"Audio file {path} is a folder, not a file.", path);
                if (!File.Exists(path))
                    throw new FileNotFoundException($"Audio file {path} not found.", path);
                double seconds = CliOptions.PositiveSeconds(parse.GetValue(duration), "--duration");
                double start = parse.GetValue(offset);
                if (!(start >= 0) || !double.IsFinite(start))
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--offset={start} must be a non-negative number of seconds."));
                int sr = CliOptions.Positive(parse.GetValue(sampleRate), "--sample-rate");
                int fft = CliOptions.Positive(parse.GetValue(fftSize), "--fft-size");
                int hop = CliOptions.Positive(parse.GetValue(hopLength), "--hop-length");
                CliOptions.CheckFrontEnd(sr, seconds, fft, hop);
                var png = CliOptions.OutputFile(parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(path) + ".spectrogram.png",
                    "--out", "spectrogram.png");

                var (values, bins, frames) = SpectrogramReader.Read(new MLContext(seed: 0), path, sr, seconds, start, fft, hop,
                    CommonOptions.ToDecoder(parse.GetValue(decoder)) ?? AudioDecoderBackend.Auto);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(png)));
                bool log = parse.GetValue(scale) == "log";
                SpectrogramPlot.Save(png, values, bins, frames, sr, hop, start, log, string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(path)}: log-STFT {bins} x {frames} (n_fft={fft}, hop={hop}, {sr} Hz)"));
                float min = values.Min(), max = values.Max();
                if (parse.GetValue(json))
                {
                    Json.Write(context.Out, new { file = Path.GetFullPath(path), png = Path.GetFullPath(png), bins, frames,
                        sampleRate = sr, fftSize = fft, hopLength = hop, offset = start, duration = seconds, minDb = min, maxDb = max });
                }
                else
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{Path.GetFileName(path)}: {bins} bins x {frames} frames, {min:F1} to {max:F1} dB -> {Path.GetFullPath(png)}"));
                }
                return MerApp.Success;
            });
            return command;
        }
    }
}
