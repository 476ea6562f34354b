namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The network a <see cref="SpectrogramClassificationTrainer"/> trains on [bins, frames] spectrograms (read as
    /// Conv1d input: channels = frequency bins, length = frames): the paper's Inception-GRU residual network or one of
    /// the deep baselines of its Table 3.
    /// </summary>
    public enum NetworkArchitecture
    {
        /// <summary>Han, Chen and Ban (2023), Table 1: SE-Inception block (kernels 3/5/7), 12 residual 1D blocks with
        /// average pooling, GRU(8), dense softmax; 1,588,583 parameters and 2.116 GFLOP per [1025, 1292] sample.</summary>
        InceptionGruResidual = 0,

        /// <summary>ResNet-18 (He et al. 2016) in 1D over time: 4,304,708 parameters, 1.037 GFLOP per sample.</summary>
        ResNet18 = 1,

        /// <summary>VGG-16 with batch normalisation (Simonyan and Zisserman 2015) in 1D over time, global average
        /// pooling before the classifier: 5,240,516 parameters, 1.964 GFLOP per sample.</summary>
        Vgg16 = 2,

        /// <summary>This package's reading of the reduced VGG of Sarkar et al. (2020): 4 stages of 2 convolutions
        /// (32/64/128/256 filters): 557,284 parameters, 0.429 GFLOP per sample.</summary>
        SarkarVgg = 3,

        /// <summary>A multi-kernel CNN after Chaudhary et al. (2021): parallel convolutions of several kernel sizes,
        /// concatenated: 259,204 parameters, 0.556 GFLOP per sample.</summary>
        MultiKernelCnn = 4,

        /// <summary>Inception-v3 (Szegedy et al. 2016) in 1D over time with torchvision's widths, each 2D kernel reduced
        /// to its time extent: 14,518,500 parameters, 1.902 GFLOP per sample.</summary>
        InceptionV3 = 5,
    }
}
