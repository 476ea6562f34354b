
namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>What 'mer train' and 'mer demo' fit: the front end's settings and the trainer's.</summary>
    internal sealed class TrainingSettings
    {
        public double Duration { get; set; } = AudioLoadingEstimator.Defaults.Duration;

        /// <summary>Consecutive clips of <see cref="Duration"/> taken from each file to train on (1: its start only).</summary>
        public int ClipsPerFile { get; set; } = 1;

        public int SampleRate { get; set; } = AudioLoadingEstimator.Defaults.SampleRate;

        public int FftSize { get; set; } = LogStftEstimator.Defaults.FftSize;

        public int HopLength { get; set; } = LogStftEstimator.Defaults.HopLength;

        public int Epochs { get; set; } = 30;

        public int BatchSize { get; set; } = SpectrogramClassificationTrainer.Defaults.BatchSize;

        public double LearningRate { get; set; } = SpectrogramClassificationTrainer.Defaults.LearningRate;

        public int Seed { get; set; } = 1;

        public TrainingDevice Device { get; set; } = TrainingDevice.Auto;

        /// <summary>BFloat16 convolutions (null: where the CPU has them).</summary>
        public bool? UseBFloat16 { get; set; }

        public double ValidationFraction { get; set; }

        /// <summary>The training recipe (<c>--recipe</c>; the paper's by default until the recommended one measures better).</summary>
        public TrainingRecipe Recipe { get; set; } = TrainingRecipe.Paper;

        public string Architecture { get; set; } = NetworkTrainers.Default;

        /// <summary>Whether the feature pass leaves unreadable audio files out (listed in
        /// <see cref="TrainedModel.Rejected"/>) instead of failing; off with <c>--strict</c>. The saved model's LoadAudio
        /// fails fast either way.</summary>
        public bool SkipUnreadableFiles { get; set; }

        /// <summary><c>--decoder</c>: the backend of the feature pass, saved in the model's LoadAudio step.</summary>
        public AudioDecoderBackend DecoderBackend { get; set; } = AudioDecoderBackend.Auto;
    }
}
