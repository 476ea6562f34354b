using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.ModelCheck
{
    /// <summary>
    /// <c>ModelCheck &lt;model.zip&gt; &lt;input.idv&gt; &lt;column&gt; &lt;output.bin&gt;</c>: loads the model with a new
    /// <see cref="MLContext"/> and no registration call, transforms the rows of the binary IDataView file and writes
    /// the named Single (scalar or vector) column as raw little-endian floats, row after row.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length != 4)
            {
                Console.Error.WriteLine("usage: ModelCheck <model.zip> <input.idv> <column> <output.bin>");
                return 2;
            }
            var ml = new MLContext(seed: 0);
            var model = ml.Model.Load(args[0], out _);
            var input = ml.Data.LoadFromBinary(args[1]);
            var output = model.Transform(input);
            var column = output.Schema[args[2]];
            using var writer = new BinaryWriter(File.Create(args[3]));
            int rows = 0;
            using (var cursor = output.GetRowCursor(new[] { column }))
            {
                if (column.Type is VectorDataViewType)
                {
                    var getter = cursor.GetGetter<VBuffer<float>>(column);
                    VBuffer<float> value = default;
                    while (cursor.MoveNext())
                    {
                        getter(ref value);
                        foreach (var x in value.DenseValues())
                            writer.Write(x);
                        rows++;
                    }
                }
                else
                {
                    var getter = cursor.GetGetter<float>(column);
                    float value = 0;
                    while (cursor.MoveNext())
                    {
                        getter(ref value);
                        writer.Write(value);
                        rows++;
                    }
                }
            }
            Console.WriteLine($"ModelCheck: {rows} rows of '{args[2]}' written to {args[3]}");
            return 0;
        }
    }
}
