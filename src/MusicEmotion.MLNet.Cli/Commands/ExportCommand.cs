using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer export</c>: the network of a model zip as an ONNX file that ONNX Runtime or ML.NET's
    /// ApplyOnnxModel scores without libtorch.</summary>
    internal static class ExportCommand
    {
        public static Command Create(CliContext context)
        {
            var model = new Option<string>("--model", "-m") { Description = "Model zip written by 'mer train'.", Required = true };
            var output = new Option<string>("--out", "-o")
            {
                Description = "ONNX file to write (default: the model's name with .onnx, beside it).",
            };
            var json = CommonOptions.Json();
            var command = new Command("export", "Export the model's network to ONNX (opset 17): input 'Spectrogram' " +
                "[batch, bins, frames], output 'Score' [batch, classes], the class probabilities. The labels and the " +
                "front-end settings (sample rate, duration, n_fft, hop) are stored in the file's metadata.");
            foreach (var option in new Option[] { model, output, json })
                command.Add(option);
            command.SetAction(parse =>
            {
                var modelPath = parse.GetValue(model);
                var onnxPath = CliOptions.OutputFile(parse.GetValue(output) ?? Path.ChangeExtension(modelPath, ".onnx"),
                    "--out", "model.onnx");
                if (string.Equals(Path.GetFullPath(onnxPath), Path.GetFullPath(modelPath), StringComparison.Ordinal))
                    throw new UsageException($"--out {onnxPath} is the model zip itself; give another file name.");
                var ml = new MLContext(seed: 0);
                var transformer = EmotionModel.LoadTransformer(ml, modelPath, out var inputSchema);
                var network = ModelInspector.FindNetwork(transformer) ?? throw new InvalidDataException(
                    $"Model {modelPath} holds no network ({Describe(transformer)}): only the networks of " +
                    "'mer train' (SpectrogramClassification) export to ONNX; the shallow baselines do not.");

                var classes = ModelClasses.Of(transformer, inputSchema);
                var steps = ModelInspector.Flatten(transformer);
                var loader = ModelInspector.FindAudioLoader(transformer);
                var stft = steps.OfType<LogStftTransformer>().FirstOrDefault();
                var metadata = new Dictionary<string, string>();
                if (classes.Count == network.NumberOfClasses)
                    metadata["labels"] = JsonSerializer.Serialize(classes);
                if (loader != null)
                {
                    metadata["sampleRate"] = loader.SampleRate.ToString(CultureInfo.InvariantCulture);
                    metadata["duration"] = loader.Duration.ToString("R", CultureInfo.InvariantCulture);
                }
                if (stft != null)
                {
                    metadata["fftSize"] = stft.FftSize.ToString(CultureInfo.InvariantCulture);
                    metadata["hopLength"] = stft.HopLength.ToString(CultureInfo.InvariantCulture);
                }
                network.ExportOnnx(onnxPath, metadata);

                long bytes = new FileInfo(onnxPath).Length;
                if (parse.GetValue(json))
                {
                    Json.Write(context.Out, new
                    {
                        model = Path.GetFullPath(modelPath),
                        onnx = Path.GetFullPath(onnxPath),
                        bytes,
                        architecture = network.Architecture.ToString(),
                        bins = network.Bins,
                        frames = network.Frames,
                        classes,
                        input = OnnxExporter.InputName,
                        output = OnnxExporter.OutputName,
                        opset = OnnxGraph.OpsetVersion,
                    });
                }
                else
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{network.Architecture} network -> {Path.GetFullPath(onnxPath)} ({bytes / 1e6:F1} MB, opset {OnnxGraph.OpsetVersion})"));
                    var frontEnd = stft != null && loader != null
                        ? FormattableString.Invariant($" (log-STFT: n_fft {stft.FftSize}, hop {stft.HopLength}, {loader.SampleRate} Hz, {loader.Duration} s)")
                        : "";
                    context.Out.WriteLine(FormattableString.Invariant(
                        $"  input  '{OnnxExporter.InputName}' float [batch, {network.Bins}, {network.Frames}]{frontEnd}"));
                    var labels = classes.Count > 0 ? $": probabilities of {string.Join(", ", classes)}" : "";
                    context.Out.WriteLine(FormattableString.Invariant(
                        $"  output '{OnnxExporter.OutputName}' float [batch, {network.NumberOfClasses}]{labels}"));
                }
                return MerApp.Success;
            });
            return command;
        }

        private static string Describe(ITransformer model)
        {
            var predictor = ModelInspector.Flatten(model).OfType<IPredictionTransformer<object>>().FirstOrDefault();
            return predictor == null ? "no classifier at all" : $"its classifier is {predictor.Model.GetType().Name}";
        }
    }
}
