using System.Linq;

namespace MusicEmotion.MLNet
{
    /// <summary>A branch of an Inception-v3 block: <paramref name="Layers"/> in sequence, then optionally the
    /// <paramref name="Fork"/> layers applied side by side to the sequence's output and concatenated (Inception-E's
    /// 1×3 ‖ 3×1 split).</summary>
    internal sealed record InceptionV3Branch(InceptionV3Layer[] Layers, InceptionV3Layer[] Fork)
    {
        public InceptionV3Branch(params InceptionV3Layer[] layers)
            : this(layers, System.Array.Empty<InceptionV3Layer>())
        {
        }

        /// <summary>Whether a step of the branch has stride 2.</summary>
        public bool Reduces => Layers.Concat(Fork).Any(l => l.Reduces);

        /// <summary>Channels out of the branch for <paramref name="inChannels"/> in (a pool keeps the channels).</summary>
        public int OutputChannels(int inChannels)
        {
            int channels = inChannels;
            foreach (var layer in Layers)
                channels = layer.Kind == InceptionV3LayerKind.Convolution ? layer.Width : channels;
            return Fork.Length == 0 ? channels : Fork.Sum(l => l.Width);
        }
    }
}
