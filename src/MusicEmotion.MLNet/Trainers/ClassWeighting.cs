namespace MusicEmotion.MLNet
{
    /// <summary>How the cross-entropy loss weights the classes.</summary>
    public enum ClassWeighting
    {
        /// <summary>Every class has weight 1.</summary>
        None = 0,

        /// <summary>
        /// Class c has weight n / (K · n_c) (inverse frequency in the training rows, as scikit-learn's
        /// <c>class_weight="balanced"</c>); classes with no training rows get weight 0.
        /// </summary>
        Balanced = 1,
    }
}
