using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A module of this package's networks that writes itself into an ONNX graph: the nodes of its forward pass in
    /// evaluation mode, from the value named <c>input</c>, returning the name of its output value.
    /// </summary>
    internal interface IOnnxExportable
    {
        /// <summary>Appends this module's forward pass to <paramref name="graph"/> and returns its output value's name.</summary>
        string ExportOnnx(OnnxGraph graph, string input);
    }
}
