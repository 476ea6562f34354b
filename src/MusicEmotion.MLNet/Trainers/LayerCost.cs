namespace MusicEmotion.MLNet
{
    /// <summary>One layer of an analytic cost breakdown: trainable parameters and forward FLOPs for one sample.</summary>
    internal readonly record struct LayerCost(string Layer, long Parameters, long Flops);
}
