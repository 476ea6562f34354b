using System;

namespace MusicEmotion.MLNet
{
    /// <summary>Progress reported after each training epoch, for example to draw a progress bar.</summary>
    /// <param name="Epoch">1-based number of the epoch just finished.</param>
    /// <param name="Epochs">The maximum number of epochs (early stopping may end sooner).</param>
    /// <param name="Loss">Mean training loss of the epoch.</param>
    /// <param name="Accuracy">Training accuracy of the epoch.</param>
    /// <param name="ValidationAccuracy">Validation accuracy after the epoch; <see cref="double.NaN"/> without validation.</param>
    /// <param name="Elapsed">Time since training started.</param>
    /// <param name="EstimatedRemaining">Estimated time for the remaining epochs, from the mean epoch time so far.</param>
    public sealed record TrainingProgress(int Epoch, int Epochs, double Loss, double Accuracy, double ValidationAccuracy,
        TimeSpan Elapsed, TimeSpan EstimatedRemaining);
}
