using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer inspect</c>: what a model zip holds (<see cref="EmotionModel"/>'s facts), without scoring audio.</summary>
    internal static class InspectCommand
    {
        public static Command Create(CliContext context)
        {
            var model = new Option<string>("--model", "-m") { Description = "Model zip written by 'mer train'.", Required = true };
            var json = CommonOptions.Json();
            var command = new Command("inspect", "Show what a model zip holds: its classes, clip length, sample rate, " +
                "spectrogram settings, network and training history.");
            foreach (var option in new Option[] { model, json })
                command.Add(option);
            command.SetAction(parse =>
            {
                var loaded = EmotionModel.Load(new MLContext(seed: 0), parse.GetValue(model));
                var stft = loaded.Steps.OfType<LogStftTransformer>().FirstOrDefault();
                var network = loaded.Network;
                var history = network?.TrainingHistory ?? System.Array.Empty<TrainingProgress>();
                var steps = loaded.Steps.Select(StepName).ToArray();
                if (parse.GetValue(json))
                {
                    Json.Write(context.Out, new
                    {
                        model = Path.GetFullPath(loaded.Path),
                        description = loaded.Description,
                        classes = loaded.Classes,
                        clipDuration = loaded.ClipDuration,
                        sampleRate = loaded.SampleRate,
                        fftSize = stft?.FftSize,
                        hopLength = stft?.HopLength,
                        architecture = loaded.Architecture?.ToString(),
                        bins = network?.Bins,
                        frames = network?.Frames,
                        parameters = network?.ParameterCount,
                        forwardFlopsPerClip = network?.ForwardFlopsPerSample,
                        epochs = history.Select(e => new { epoch = e.Epoch, loss = e.Loss, accuracy = e.Accuracy,
                            validationAccuracy = Json.Number(e.ValidationAccuracy), seconds = e.Seconds }),
                        steps,
                    });
                    return MerApp.Success;
                }
                var lines = new System.Collections.Generic.List<(string, string)>
                {
                    ("classes", string.Join(", ", loaded.Classes)),
                    ("clips", string.Create(CultureInfo.InvariantCulture, $"{loaded.ClipDuration:0.###} s at {loaded.SampleRate} Hz")),
                };
                if (stft != null)
                    lines.Add(("log-STFT", string.Create(CultureInfo.InvariantCulture, $"n_fft={stft.FftSize}, hop_length={stft.HopLength}")));
                if (network != null)
                {
                    lines.Add(("network", string.Create(CultureInfo.InvariantCulture,
                        $"{network.Architecture}, input [{network.Bins}, {network.Frames}], {network.ParameterCount:N0} parameters, {network.ForwardFlopsPerSample / 1e9:0.###} GFLOP per clip")));
                    if (history.Count > 0)
                    {
                        var last = history[^1];
                        var validation = double.IsNaN(last.ValidationAccuracy) ? ""
                            : string.Create(CultureInfo.InvariantCulture, $", validation {last.ValidationAccuracy:P1}");
                        lines.Add(("trained", string.Create(CultureInfo.InvariantCulture,
                            $"{history.Count} epochs, {history.Sum(e => e.Seconds):0} s; last epoch loss {last.Loss:F4}, accuracy {last.Accuracy:P1}{validation}")));
                    }
                }
                lines.Add(("steps", string.Join(" -> ", steps)));
                context.Out.WriteLine($"Model {Path.GetFileName(loaded.Path)}: {loaded.Description}");
                foreach (var (name, value) in lines)
                    context.Out.WriteLine($"  {name,-9} {value}");
                return MerApp.Success;
            });
            return command;
        }

        /// <summary>A step's type name without the generic arity and the Transformer suffix, e.g. <c>AudioLoading</c>.</summary>
        private static string StepName(ITransformer step)
        {
            var type = step.GetType();
            var name = type.Name;
            int tick = name.IndexOf('`');
            if (tick >= 0)
                name = name.Substring(0, tick);
            if (type.IsGenericType)
                name += "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name.Replace("ModelParameters", ""))) + ">";
            return name.Replace("Transformer", "");
        }
    }
}
