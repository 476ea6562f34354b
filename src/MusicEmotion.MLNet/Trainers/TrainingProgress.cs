using System;

namespace MusicEmotion.MLNet
{
    /// <summary>What one training epoch achieved: reported after each epoch (for example to draw a progress bar) and
    /// kept, one per epoch, in <see cref="SpectrogramClassificationModelParameters.TrainingHistory"/>.</summary>
    /// <param name="Epoch">1-based number of the epoch just finished.</param>
    /// <param name="Epochs">The maximum number of epochs (early stopping may end sooner).</param>
    /// <param name="Loss">Mean training cross-entropy (with the class weights) over the epoch's batches, per row.</param>
    /// <param name="Accuracy">Training accuracy of the epoch.</param>
    /// <param name="ValidationAccuracy">Validation accuracy after the epoch; <see cref="double.NaN"/> without validation.</param>
    /// <param name="Elapsed">Time since training started.</param>
    /// <param name="EstimatedRemaining">Estimated time for the remaining epochs, from the mean epoch time so far (zero in a
    /// saved history).</param>
    /// <param name="Seconds">Wall-clock seconds this epoch took, validation included.</param>
    public sealed record TrainingProgress(int Epoch, int Epochs, double Loss, double Accuracy, double ValidationAccuracy,
        TimeSpan Elapsed, TimeSpan EstimatedRemaining, double Seconds);
}
