using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>Finds the parts of a loaded model chain the commands need: the audio loader (clip duration) and the
    /// network.</summary>
    internal static class ModelInspector
    {
        /// <summary>The transformers of <paramref name="model"/> in order, nested chains flattened.</summary>
        public static IReadOnlyList<ITransformer> Flatten(ITransformer model)
        {
            var result = new List<ITransformer>();
            Add(model, result);
            return result;
        }

        public static AudioLoadingTransformer FindAudioLoader(ITransformer model)
            => Flatten(model).OfType<AudioLoadingTransformer>().FirstOrDefault();

        public static SpectrogramClassificationModelParameters FindNetwork(ITransformer model)
            => Flatten(model).OfType<IPredictionTransformer<object>>()
                .Select(t => t.Model).OfType<SpectrogramClassificationModelParameters>().FirstOrDefault();

        private static void Add(ITransformer transformer, List<ITransformer> result)
        {
            if (transformer is IEnumerable<ITransformer> chain)
            {
                foreach (var inner in chain)
                    Add(inner, result);
            }
            else
            {
                result.Add(transformer);
            }
        }
    }
}
