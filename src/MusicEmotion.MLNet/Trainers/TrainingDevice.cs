namespace MusicEmotion.MLNet
{
    /// <summary>Where a TorchSharp trainer runs.</summary>
    public enum TrainingDevice
    {
        /// <summary>CUDA when TorchSharp reports it available (<c>torch.cuda.is_available()</c>), otherwise the CPU.</summary>
        Auto = 0,

        /// <summary>The CPU.</summary>
        Cpu = 1,

        /// <summary>The first CUDA device; training fails with a clear error when the native libtorch is CPU-only.</summary>
        Cuda = 2,
    }
}
