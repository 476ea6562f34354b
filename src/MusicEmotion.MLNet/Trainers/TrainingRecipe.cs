namespace MusicEmotion.MLNet
{
    /// <summary>How <see cref="SpectrogramClassificationTrainer"/> trains its network: the paper's bare configuration or
    /// the package's measured recipe for real recordings.</summary>
    public enum TrainingRecipe
    {
        /// <summary>Han, Chen and Ban (2023) as published: Adam at <see cref="SpectrogramClassificationTrainer.Options.LearningRate"/>
        /// (1e-3) with its L2 <see cref="SpectrogramClassificationTrainer.Options.WeightDecay"/>, cross-entropy, raw dB
        /// input, no augmentation, constant learning rate; validation only when asked for. Reproduces the paper's table.</summary>
        Paper = 0,

        /// <summary>The package's recipe for real recordings: the input standardised per frequency bin with the training
        /// set's mean and standard deviation (stored in the model), AdamW (decoupled weight decay 0.01), a linear warm-up
        /// over the first 10 % of the steps then cosine decay of the learning rate, label smoothing 0.1, and 15 % of the
        /// training songs held out (<see cref="SpectrogramClassificationTrainer.Options.GroupColumnName"/>; whole songs,
        /// stratified) to keep the best epoch's weights.</summary>
        Recommended = 1,
    }
}
