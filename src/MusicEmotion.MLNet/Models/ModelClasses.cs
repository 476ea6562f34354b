using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>The classes a model predicts (the slot names of its Score column), read from its output schema without
    /// scoring a row.</summary>
    internal static class ModelClasses
    {
        public static IReadOnlyList<string> Of(ITransformer model, DataViewSchema inputSchema)
        {
            var score = model.GetOutputSchema(inputSchema).GetColumnOrNull("Score");
            if (score == null || !score.Value.HasSlotNames())
                return Array.Empty<string>();
            VBuffer<ReadOnlyMemory<char>> names = default;
            score.Value.GetSlotNames(ref names);
            return names.DenseValues().Select(n => n.ToString()).ToArray();
        }

        /// <summary>Refuses to evaluate on rows whose label the model does not know: ML.NET's evaluator would drop them
        /// and report metrics over the other rows only.</summary>
        /// <exception cref="InvalidDataException">Some labels are not among the model's classes; the message names them.</exception>
        public static void CheckLabels(ITransformer model, IDataView data, string modelPath, string dataPath)
        {
            var classes = Of(model, data.Schema);
            if (classes.Count == 0)
                return;
            var known = new HashSet<string>(classes, StringComparer.Ordinal);
            var labels = data.GetColumn<ReadOnlyMemory<char>>("Label").Select(l => l.ToString()).ToList();
            var unknown = labels.Where(l => !known.Contains(l)).GroupBy(l => l, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            if (unknown.Count == 0)
                return;
            int rows = unknown.Sum(g => g.Count());
            throw new InvalidDataException(
                $"Data {dataPath}: {rows} of {labels.Count} clips have labels model {modelPath} does not know " +
                $"({string.Join(", ", unknown.Select(g => $"'{g.Key}' {g.Count()}"))}; its classes: {string.Join(", ", classes)}); " +
                "evaluate on data with the model's classes only.");
        }
    }
}
