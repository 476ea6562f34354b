using System;
using System.Collections.Generic;
using System.IO;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Writes a trained network as an ONNX model (opset 17): input <see cref="InputName"/> float [batch, bins, frames]
    /// (dynamic batch, the frames the network was built for), output <see cref="OutputName"/> float [batch, classes], the
    /// softmax of the logits — the values <see cref="SpectrogramClassificationModelParameters"/> scores. The names match
    /// the package's usual spectrogram column and ML.NET's score column, so <c>ApplyOnnxModel</c> needs no mapping.
    /// </summary>
    internal static class OnnxExporter
    {
        /// <summary>The graph input: the log-STFT spectrogram [batch, bins, frames], frequency-major as librosa.</summary>
        public const string InputName = "Spectrogram";

        /// <summary>The graph output: class probabilities [batch, classes] in label key order.</summary>
        public const string OutputName = "Score";

        /// <summary>
        /// Writes <paramref name="network"/> (built by <paramref name="definition"/> for <paramref name="shape"/>) to
        /// <paramref name="stream"/>. With <paramref name="binMean"/> and <paramref name="binSd"/> (one value per bin) the
        /// graph first computes (x − mean) / sd on each bin, as a network trained on normalised input expects.
        /// <paramref name="metadata"/> is stored beside the network's own (architecture, bins, frames, classes) as ONNX
        /// metadata_props, e.g. the class labels and front-end settings a scoring app needs.
        /// </summary>
        /// <exception cref="NotSupportedException">The network holds a layer the exporter does not know.</exception>
        public static void Export(NetworkDefinition definition, NetworkShape shape, nn.Module<Tensor, Tensor> network,
            Stream stream, float[] binMean = null, float[] binSd = null, IReadOnlyDictionary<string, string> metadata = null)
        {
            if (network is not IOnnxExportable exportable)
                throw new NotSupportedException($"The {definition.Id} network ({network.GetType().Name}) cannot be exported to ONNX.");
            if ((binMean is null) != (binSd is null))
                throw new ArgumentException("binMean and binSd must be given together.", binMean is null ? nameof(binMean) : nameof(binSd));
            if (binMean is not null && (binMean.Length != shape.Channels || binSd.Length != shape.Channels))
                throw new ArgumentException(
                    $"binMean has {binMean.Length} values and binSd {binSd.Length}; both need one per bin ({shape.Channels}).", nameof(binMean));

            var graph = new OnnxGraph();
            var x = graph.Input(InputName, null, shape.Channels, shape.Frames);
            if (binMean is not null)
                x = graph.NormalizeBins(x, binMean, binSd);
            string logits;
            using (no_grad())
                logits = exportable.ExportOnnx(graph, x);
            graph.Output(graph.Softmax(logits), OutputName, null, shape.Classes);

            var properties = new Dictionary<string, string>
            {
                ["architecture"] = definition.Id,
                ["bins"] = shape.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["frames"] = shape.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["classes"] = shape.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
                properties[key] = value;
            var version = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";
            graph.WriteModel(stream, definition.Id, version, properties);
        }
    }
}
