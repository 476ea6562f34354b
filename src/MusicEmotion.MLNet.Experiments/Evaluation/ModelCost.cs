namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Size and inference cost of a trained model, where the method can state them.</summary>
    /// <param name="Parameters">Number of trained parameters; null when not meaningful (tree ensembles).</param>
    /// <param name="Flops">Floating-point operations of one forward pass per sample (a multiply-add counts 2); null when unknown.</param>
    public sealed record ModelCost(long? Parameters, long? Flops);
}
