using System;
using System.IO;
using Google.Protobuf;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The few messages of the ONNX protobuf schema (onnx/onnx.proto, Apache-2.0) that an exported network needs,
    /// written field by field with Google.Protobuf's <see cref="CodedOutputStream"/>: ModelProto, OperatorSetIdProto,
    /// GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto.Tensor and TensorShapeProto.
    /// Field numbers and enum values are the schema's; nothing is read back (ONNX Runtime parses the result).
    /// </summary>
    internal static class OnnxProto
    {
        // TensorProto.DataType
        public const int Float = 1;
        public const int Int64 = 7;

        // AttributeProto.AttributeType
        public const int AttributeFloat = 1;
        public const int AttributeInt = 2;
        public const int AttributeInts = 7;

        // ModelProto
        public const int ModelIrVersion = 1;
        public const int ModelProducerName = 2;
        public const int ModelProducerVersion = 3;
        public const int ModelDocString = 6;
        public const int ModelGraph = 7;
        public const int ModelOpsetImport = 8;
        public const int ModelMetadataProps = 14;

        // OperatorSetIdProto
        public const int OpsetDomain = 1;
        public const int OpsetVersion = 2;

        // StringStringEntryProto
        public const int EntryKey = 1;
        public const int EntryValue = 2;

        // GraphProto
        public const int GraphNode = 1;
        public const int GraphName = 2;
        public const int GraphInitializer = 5;
        public const int GraphInput = 11;
        public const int GraphOutput = 12;

        // NodeProto
        public const int NodeInput = 1;
        public const int NodeOutput = 2;
        public const int NodeName = 3;
        public const int NodeOpType = 4;
        public const int NodeAttribute = 5;

        // AttributeProto
        public const int AttributeName = 1;
        public const int AttributeF = 2;
        public const int AttributeI = 3;
        public const int AttributeIntsField = 8;
        public const int AttributeType = 20;

        // TensorProto
        public const int TensorDims = 1;
        public const int TensorDataType = 2;
        public const int TensorName = 8;
        public const int TensorRawData = 9;

        // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
        public const int ValueInfoName = 1;
        public const int ValueInfoType = 2;
        public const int TypeTensorType = 1;
        public const int TensorTypeElemType = 1;
        public const int TensorTypeShape = 2;
        public const int ShapeDim = 1;
        public const int DimValue = 1;
        public const int DimParam = 2;

        /// <summary>A message under construction: fields go to its own buffer, which the parent writes length-prefixed.</summary>
        public sealed class Message
        {
            private readonly MemoryStream _buffer = new MemoryStream();
            private readonly CodedOutputStream _out;

            public Message() => _out = new CodedOutputStream(_buffer, leaveOpen: true);

            public Message String(int field, string value)
            {
                _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
                _out.WriteString(value);
                return this;
            }

            public Message Int64(int field, long value)
            {
                _out.WriteTag(field, WireFormat.WireType.Varint);
                _out.WriteInt64(value);
                return this;
            }

            public Message Float(int field, float value)
            {
                _out.WriteTag(field, WireFormat.WireType.Fixed32);
                _out.WriteFloat(value);
                return this;
            }

            /// <summary>A repeated int64 field, packed (proto3's default for repeated scalars).</summary>
            public Message PackedInt64(int field, ReadOnlySpan<long> values)
            {
                int size = 0;
                foreach (var v in values)
                    size += CodedOutputStream.ComputeInt64Size(v);
                _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
                _out.WriteLength(size);
                foreach (var v in values)
                    _out.WriteInt64(v);
                return this;
            }

            public Message Bytes(int field, ReadOnlySpan<byte> value)
            {
                _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
                _out.WriteLength(value.Length);
                _out.Flush();
                _buffer.Write(value);
                return this;
            }

            public Message Child(int field, Message child) => Bytes(field, child.ToSpan());

            public ReadOnlySpan<byte> ToSpan()
            {
                _out.Flush();
                return _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
            }

            public void WriteTo(Stream stream)
            {
                _out.Flush();
                _buffer.Position = 0;
                _buffer.CopyTo(stream);
            }
        }
    }
}
