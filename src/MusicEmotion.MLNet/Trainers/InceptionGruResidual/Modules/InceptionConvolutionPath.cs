namespace MusicEmotion.MLNet
{
    /// <summary>
    /// How <see cref="InceptionBlock"/> computes its branches' first convolutions (Conv1d(in → w, k, same) each). All
    /// paths compute the same values and exact gradients for the same parameters; they differ only in speed.
    /// </summary>
    internal enum InceptionConvolutionPath
    {
        /// <summary>Each branch runs its own Conv1d.</summary>
        PerBranch,

        /// <summary>
        /// One Conv1d with the largest kernel; smaller kernels are zero-padded to its centre (odd kernel sizes only).
        /// </summary>
        FusedKernel,
    }
}
