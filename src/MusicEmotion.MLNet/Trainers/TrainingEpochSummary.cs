namespace MusicEmotion.MLNet
{
    /// <summary>What one training epoch achieved.</summary>
    /// <param name="Epoch">1-based epoch number.</param>
    /// <param name="Loss">Mean training cross-entropy (with the class weights) over the epoch's batches, per row.</param>
    /// <param name="Accuracy">Training accuracy over the epoch (network in training mode, as the batches went by).</param>
    /// <param name="ValidationAccuracy">Accuracy on the validation rows after the epoch; <see cref="double.NaN"/> when there is no validation set.</param>
    /// <param name="Seconds">Wall-clock seconds the epoch took, validation included.</param>
    public sealed record TrainingEpochSummary(int Epoch, double Loss, double Accuracy, double ValidationAccuracy, double Seconds);
}
