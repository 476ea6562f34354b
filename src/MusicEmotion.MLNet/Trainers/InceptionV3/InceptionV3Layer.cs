namespace MusicEmotion.MLNet
{
    /// <summary>What one step of an Inception-v3 branch does.</summary>
    internal enum InceptionV3LayerKind
    {
        /// <summary>Conv1d → BatchNorm1d → ReLU (no bias).</summary>
        Convolution,

        /// <summary>AvgPool1d(3, stride 1, padding 1), counting the padding as torchvision's <c>avg_pool2d</c> does.</summary>
        AveragePool,

        /// <summary>MaxPool1d(3, stride 2, padding 1): the pooling branch of a reduction block.</summary>
        MaxPool,
    }

    /// <summary>One step of an Inception-v3 branch: a convolution of <paramref name="Width"/> filters of
    /// <paramref name="Kernel"/> frames, or a pool; <paramref name="Reduces"/> marks the stride-2 step of a reduction
    /// block, which halves the frames when the input is long enough.</summary>
    internal readonly record struct InceptionV3Layer(InceptionV3LayerKind Kind, int Width, int Kernel, bool Reduces)
    {
        public static InceptionV3Layer Conv(int width, int kernel = 1, bool reduces = false)
            => new(InceptionV3LayerKind.Convolution, width, kernel, reduces);

        public static InceptionV3Layer AveragePool { get; } = new(InceptionV3LayerKind.AveragePool, 0, 3, false);

        public static InceptionV3Layer MaxPool { get; } = new(InceptionV3LayerKind.MaxPool, 0, 3, true);
    }
}
