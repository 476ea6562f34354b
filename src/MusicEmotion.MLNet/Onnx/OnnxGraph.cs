using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// An ONNX graph built from TorchSharp layers in evaluation mode: each method appends the nodes of one layer, with its
    /// weights as initializers, and returns the name of the value it produces. Layer settings (kernel, stride, padding,
    /// epsilon, ...) are read from the TorchSharp module itself, so the graph follows the network as built.
    /// </summary>
    /// <remarks>
    /// Batch normalisation is written as ONNX BatchNormalization with the running statistics; ONNX Runtime folds it into
    /// the preceding Conv when it optimises the session. Dropout is the identity at inference and writes nothing.
    /// </remarks>
    internal sealed class OnnxGraph
    {
        /// <summary>The operator set the graph is written for (opset 17: Squeeze takes its axes as an input).</summary>
        public const int OpsetVersion = 17;

        /// <summary>IR version 8, the one that goes with opset 17.</summary>
        public const int IrVersion = 8;

        private readonly List<OnnxProto.Message> _nodes = new List<OnnxProto.Message>();
        private readonly List<OnnxProto.Message> _initializers = new List<OnnxProto.Message>();
        private readonly List<OnnxProto.Message> _inputs = new List<OnnxProto.Message>();
        private readonly List<OnnxProto.Message> _outputs = new List<OnnxProto.Message>();
        private readonly Dictionary<string, int> _counters = new Dictionary<string, int>();

        /// <summary>Declares a float graph input; a null dimension is the symbolic batch size <c>batch</c>.</summary>
        public string Input(string name, params long?[] shape)
        {
            _inputs.Add(ValueInfo(name, shape));
            return name;
        }

        /// <summary>Renames <paramref name="value"/> to <paramref name="name"/> (Identity) and declares it a graph output.</summary>
        public string Output(string value, string name, params long?[] shape)
        {
            Node("Identity", new[] { value }, name);
            _outputs.Add(ValueInfo(name, shape));
            return name;
        }

        /// <summary>
        /// Appends any layer of the package's networks: a module of its own (<see cref="IOnnxExportable"/>) or one of the
        /// TorchSharp layers they use.
        /// </summary>
        /// <exception cref="NotSupportedException">The module is of a kind the exporter does not know.</exception>
        public string Layer(nn.Module<Tensor, Tensor> module, string x) => module switch
        {
            IOnnxExportable own => own.ExportOnnx(this, x),
            Conv1d conv => Conv(conv, x),
            BatchNorm1d bn => BatchNorm(bn, x),
            AvgPool1d avg => AvgPool(avg, x),
            MaxPool1d max => MaxPool(max, x),
            Linear linear => Linear(linear, x),
            ReLU => Relu(x),
            Dropout => x,
            _ => throw new NotSupportedException(
                $"The layer {module.GetType().Name} cannot be exported to ONNX: the exporter knows Conv1d, BatchNorm1d, " +
                "AvgPool1d, MaxPool1d, Linear, ReLU, Dropout, GRU and this package's own modules."),
        };

        /// <summary>Conv1d, padding read from the module ('same' becomes PyTorch's split: the extra step at the end).</summary>
        public string Conv(Conv1d conv, string x)
        {
            if (conv.padding_mode != PaddingModes.Zeros)
                throw new NotSupportedException($"Conv1d with padding_mode={conv.padding_mode} cannot be exported to ONNX; only zero padding can.");
            long kernel = conv.kernel_size[0], stride = conv.stride[0], dilation = conv.dilation[0];
            long begin, end;
            if (conv.padding_type == Padding.Same)
            {
                long total = dilation * (kernel - 1);
                begin = total / 2;
                end = total - begin;
            }
            else
            {
                begin = end = conv.padding is { Length: > 0 } p ? p[0] : 0;
            }
            var inputs = new List<string> { x, Initializer("conv_w", conv.weight) };
            if (conv.bias is not null)
                inputs.Add(Initializer("conv_b", conv.bias));
            return Node("Conv", inputs.ToArray(), null,
                Ints("kernel_shape", kernel), Ints("strides", stride), Ints("dilations", dilation),
                Ints("pads", begin, end), Int("group", conv.groups));
        }

        /// <summary>BatchNorm1d at inference: (x − running mean) / √(running var + ε) · γ + β per channel.</summary>
        public string BatchNorm(BatchNorm1d bn, string x)
        {
            if (bn.running_mean is null || bn.running_var is null)
                throw new NotSupportedException("BatchNorm1d without running statistics cannot be exported to ONNX.");
            long c = bn.num_features;
            var scale = bn.weight is null ? Initializer("bn_scale", Enumerable.Repeat(1f, (int)c).ToArray(), c) : Initializer("bn_scale", bn.weight);
            var bias = bn.bias is null ? Initializer("bn_bias", new float[c], c) : Initializer("bn_bias", bn.bias);
            return Node("BatchNormalization",
                new[] { x, scale, bias, Initializer("bn_mean", bn.running_mean), Initializer("bn_var", bn.running_var) },
                null, Float("epsilon", (float)bn.eps));
        }

        public string Relu(string x) => Node("Relu", new[] { x });

        public string Add(string a, string b) => Node("Add", new[] { a, b });

        /// <summary>Concatenation on the channel axis (1); one input passes through.</summary>
        public string ConcatChannels(IReadOnlyList<string> xs)
            => xs.Count == 1 ? xs[0] : Node("Concat", xs.ToArray(), null, Int("axis", 1));

        public string AvgPool(AvgPool1d pool, string x)
        {
            long pad = pool.padding ?? 0;
            return Node("AveragePool", new[] { x }, null, Ints("kernel_shape", pool.kernel_size),
                Ints("strides", pool.stride ?? pool.kernel_size), Ints("pads", pad, pad),
                Int("ceil_mode", pool.ceil_mode ? 1 : 0), Int("count_include_pad", pool.count_include_pad ? 1 : 0));
        }

        public string MaxPool(MaxPool1d pool, string x)
        {
            long pad = pool.padding ?? 0;
            return Node("MaxPool", new[] { x }, null, Ints("kernel_shape", pool.kernel_size),
                Ints("strides", pool.stride ?? pool.kernel_size), Ints("pads", pad, pad),
                Ints("dilations", pool.dilation ?? 1), Int("ceil_mode", pool.ceil_mode ? 1 : 0));
        }

        /// <summary>x.mean(2) of (N, C, L): GlobalAveragePool to (N, C, 1), then Flatten to (N, C).</summary>
        public string MeanOverTime(string x)
            => Node("Flatten", new[] { Node("GlobalAveragePool", new[] { x }) }, null, Int("axis", 1));

        /// <summary>Linear: x · Wᵀ + b as Gemm(transB = 1).</summary>
        public string Linear(Linear linear, string x)
        {
            var inputs = new List<string> { x, Initializer("fc_w", linear.weight) };
            if (linear.bias is not null)
                inputs.Add(Initializer("fc_b", linear.bias));
            return Node("Gemm", inputs.ToArray(), null, Int("transB", 1));
        }

        /// <summary>
        /// A one-layer, one-direction GRU over the time axis of (N, C, L), zero initial state, returning the last hidden
        /// state (N, H) — TorchSharp's <c>gru.call(x.permute(0, 2, 1))</c> then <c>hidden[^1]</c>. PyTorch stores the gates
        /// in the order r, z, n and applies the reset gate after the recurrent product; ONNX wants z, r, h, so the blocks
        /// are reordered and <c>linear_before_reset = 1</c>.
        /// </summary>
        public string GruLastHidden(GRU gru, string x)
        {
            var parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            if (parameters.Keys.Any(k => k.EndsWith("_l1", StringComparison.Ordinal) || k.Contains("_reverse", StringComparison.Ordinal)))
                throw new NotSupportedException("Only one-layer, one-direction GRUs can be exported to ONNX.");
            var wIh = parameters["weight_ih_l0"];
            var wHh = parameters["weight_hh_l0"];
            long hidden = wHh.shape[1];
            using var scope = torch.NewDisposeScope();
            Tensor Reorder(Tensor t) // rows (r, z, n) → (z, r, n), with a leading num_directions axis
            {
                var g = t.detach().cpu().chunk(3, 0);
                return torch.cat(new[] { g[1], g[0], g[2] }, 0).unsqueeze(0);
            }
            var w = Initializer("gru_w", Reorder(wIh));
            var r = Initializer("gru_r", Reorder(wHh));
            var bIh = parameters.TryGetValue("bias_ih_l0", out var bi) ? Reorder(bi) : torch.zeros(1, 3 * hidden);
            var bHh = parameters.TryGetValue("bias_hh_l0", out var bh) ? Reorder(bh) : torch.zeros(1, 3 * hidden);
            var b = Initializer("gru_b", torch.cat(new[] { bIh, bHh }, 1));
            var sequence = Node("Transpose", new[] { x }, null, Ints("perm", 2, 0, 1)); // (L, N, C)
            var name = Unique("gru");
            Node("GRU", new[] { sequence, w, r, b }, new[] { name + "_y", name + "_h" }, name,
                Int("hidden_size", hidden), Int("linear_before_reset", 1));
            var axes = Initializer("axes", new long[] { 0 });
            return Node("Squeeze", new[] { name + "_h", axes }); // (1, N, H) → (N, H)
        }

        public string Softmax(string x) => Node("Softmax", new[] { x }, null, Int("axis", 1));

        /// <summary>(x − mean) / sd per frequency bin of (N, bins, frames): mean and sd have one value per bin.</summary>
        public string NormalizeBins(string x, float[] mean, float[] sd)
        {
            var m = Initializer("bin_mean", mean, mean.Length, 1);
            var s = Initializer("bin_sd", sd, sd.Length, 1);
            return Node("Div", new[] { Node("Sub", new[] { x, m }), s });
        }

        /// <summary>Writes the ModelProto.</summary>
        public void WriteModel(Stream stream, string graphName, string producerVersion, IReadOnlyDictionary<string, string> metadata)
        {
            var graph = new OnnxProto.Message();
            foreach (var n in _nodes)
                graph.Child(OnnxProto.GraphNode, n);
            graph.String(OnnxProto.GraphName, graphName);
            foreach (var t in _initializers)
                graph.Child(OnnxProto.GraphInitializer, t);
            foreach (var i in _inputs)
                graph.Child(OnnxProto.GraphInput, i);
            foreach (var o in _outputs)
                graph.Child(OnnxProto.GraphOutput, o);

            var model = new OnnxProto.Message()
                .Int64(OnnxProto.ModelIrVersion, IrVersion)
                .String(OnnxProto.ModelProducerName, "MusicEmotion.MLNet")
                .String(OnnxProto.ModelProducerVersion, producerVersion)
                .Child(OnnxProto.ModelGraph, graph)
                .Child(OnnxProto.ModelOpsetImport, new OnnxProto.Message()
                    .String(OnnxProto.OpsetDomain, "")
                    .Int64(OnnxProto.OpsetVersion, OpsetVersion));
            foreach (var (key, value) in metadata)
                model.Child(OnnxProto.ModelMetadataProps, new OnnxProto.Message()
                    .String(OnnxProto.EntryKey, key).String(OnnxProto.EntryValue, value));
            model.WriteTo(stream);
        }

        private string Node(string opType, string[] inputs, string output = null, params OnnxProto.Message[] attributes)
        {
            var name = Unique(opType.ToLowerInvariant());
            Node(opType, inputs, new[] { output ?? name }, name, attributes);
            return output ?? name;
        }

        private void Node(string opType, string[] inputs, string[] outputs, string name, params OnnxProto.Message[] attributes)
        {
            var node = new OnnxProto.Message();
            foreach (var i in inputs)
                node.String(OnnxProto.NodeInput, i);
            foreach (var o in outputs)
                node.String(OnnxProto.NodeOutput, o);
            node.String(OnnxProto.NodeName, name).String(OnnxProto.NodeOpType, opType);
            foreach (var a in attributes)
                node.Child(OnnxProto.NodeAttribute, a);
            _nodes.Add(node);
        }

        private string Unique(string prefix)
        {
            _counters.TryGetValue(prefix, out int n);
            _counters[prefix] = n + 1;
            return $"{prefix}_{n}";
        }

        private string Initializer(string prefix, Tensor tensor)
        {
            using var scope = torch.NewDisposeScope();
            var t = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
            return Initializer(prefix, t.data<float>().ToArray(), t.shape);
        }

        private string Initializer(string prefix, float[] values, params long[] dims)
            => AddInitializer(prefix, OnnxProto.Float, MemoryMarshal.AsBytes(values.AsSpan()), dims);

        private string Initializer(string prefix, long[] values)
            => AddInitializer(prefix, OnnxProto.Int64, MemoryMarshal.AsBytes(values.AsSpan()), values.Length);

        private string AddInitializer(string prefix, int dataType, ReadOnlySpan<byte> littleEndian, params long[] dims)
        {
            if (!BitConverter.IsLittleEndian)
                throw new PlatformNotSupportedException("ONNX export writes raw little-endian tensors and needs a little-endian CPU.");
            var name = Unique(prefix);
            _initializers.Add(new OnnxProto.Message()
                .PackedInt64(OnnxProto.TensorDims, dims)
                .Int64(OnnxProto.TensorDataType, dataType)
                .String(OnnxProto.TensorName, name)
                .Bytes(OnnxProto.TensorRawData, littleEndian));
            return name;
        }

        private static OnnxProto.Message ValueInfo(string name, long?[] shape)
        {
            var dims = new OnnxProto.Message();
            foreach (var d in shape)
            {
                var dim = new OnnxProto.Message();
                if (d.HasValue)
                    dim.Int64(OnnxProto.DimValue, d.Value);
                else
                    dim.String(OnnxProto.DimParam, "batch");
                dims.Child(OnnxProto.ShapeDim, dim);
            }
            var tensorType = new OnnxProto.Message()
                .Int64(OnnxProto.TensorTypeElemType, OnnxProto.Float)
                .Child(OnnxProto.TensorTypeShape, dims);
            return new OnnxProto.Message()
                .String(OnnxProto.ValueInfoName, name)
                .Child(OnnxProto.ValueInfoType, new OnnxProto.Message().Child(OnnxProto.TypeTensorType, tensorType));
        }

        private static OnnxProto.Message Int(string name, long value)
            => new OnnxProto.Message().String(OnnxProto.AttributeName, name)
                .Int64(OnnxProto.AttributeI, value).Int64(OnnxProto.AttributeType, OnnxProto.AttributeInt);

        private static OnnxProto.Message Float(string name, float value)
            => new OnnxProto.Message().String(OnnxProto.AttributeName, name)
                .Float(OnnxProto.AttributeF, value).Int64(OnnxProto.AttributeType, OnnxProto.AttributeFloat);

        private static OnnxProto.Message Ints(string name, params long[] values)
            => new OnnxProto.Message().String(OnnxProto.AttributeName, name)
                .PackedInt64(OnnxProto.AttributeIntsField, values).Int64(OnnxProto.AttributeType, OnnxProto.AttributeInts);
    }
}
