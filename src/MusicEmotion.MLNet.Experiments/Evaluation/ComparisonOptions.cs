using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Options of <see cref="ComparisonExperiment.Run"/>: folds, seed, the front end, the methods and where output goes.</summary>
    public sealed class ComparisonOptions
    {
        /// <summary>Default values of the fields.</summary>
        public static class Defaults
        {
            /// <summary>Number of song-grouped stratified folds.</summary>
            public const int Folds = GroupedStratifiedKFold.DefaultFolds;

            /// <summary>Seed of the fold assignment, of ML.NET's context and of the deep trainers.</summary>
            public const int Seed = 2023;

            /// <summary>Epochs of each deep method.</summary>
            public const int Epochs = 10;

            /// <summary>Clips taken from each file: two 30-s clips cover a 60-s excerpt.</summary>
            public const int ClipsPerFile = 2;

            /// <summary>Repeats of the k-fold split.</summary>
            public const int Repeats = 1;

            /// <summary>Clips reported per feature-extraction progress line.</summary>
            public const int ProgressInterval = 10;
        }

        /// <summary>Number of folds; at least 2 and at most the number of songs.</summary>
        public int Folds = Defaults.Folds;

        /// <summary>Seed of the fold assignment, of <c>MLContext</c> and of the deep trainers.</summary>
        public int Seed = Defaults.Seed;

        /// <summary>Repeated k-fold: the songs are split <see cref="Repeats"/> times, repeat r with seed
        /// <see cref="Seed"/> + r, and every method is scored on all <see cref="Folds"/> × <see cref="Repeats"/> folds
        /// (means and deviations are over all of them).</summary>
        public int Repeats = Defaults.Repeats;

        /// <summary>librosa <c>sr</c>: every clip is decoded and resampled to this rate.</summary>
        public int SampleRate = AudioLoadingEstimator.Defaults.SampleRate;

        /// <summary>librosa <c>duration</c>: clip length in seconds (shorter files are looped, longer ones cut).</summary>
        public double Duration = AudioLoadingEstimator.Defaults.Duration;

        /// <summary>How many consecutive <see cref="Duration"/>-long clips of each file every method trains on and is
        /// scored on (a 60-s file gives two 30-s clips at 2, the default; a file shorter than one clip gives one, looped): 1 is
        /// the paper's protocol, the start of each file. On Emotify (60-s excerpts) 2 raised every method (random forest
        /// 52.0 → 54.0 %, the network 33.8 → 35.5 %, the ensemble 50.3 → 53.8 %). A file is predicted by averaging its clips' class probabilities (as
        /// <c>mer predict</c> does), and the scores count files; the clips of a file share its song, so they never sit on
        /// both sides of a split.</summary>
        public int ClipsPerFile = Defaults.ClipsPerFile;

        /// <summary>librosa <c>n_fft</c> of the log-STFT.</summary>
        public int FftSize = LogStftEstimator.Defaults.FftSize;

        /// <summary>librosa <c>hop_length</c> of the log-STFT.</summary>
        public int HopLength = LogStftEstimator.Defaults.HopLength;

        /// <summary>What the deep methods read: <c>null</c> the log-STFT (the paper's input, [1 + n_fft/2, frames]); a
        /// number of mel bands, the mel spectrogram in dB (<c>MelSpectrogram</c>, [bands, frames]; 128 is librosa's
        /// default). The shallow methods' summary is computed from the log-STFT either way.</summary>
        public int? MelBands;

        /// <summary>The feature groups of the spectral summary the shallow methods learn from.</summary>
        public SpectralSummaryFeatures SummaryFeatures = SpectralSummaryEstimator.Defaults.Features;

        /// <summary>Folder for <c>comparison.md</c>, <c>folds.csv</c>, <c>run.json</c> and the PNG confusion matrices;
        /// null writes nothing.</summary>
        public string OutputDirectory;

        /// <summary>Folder of the feature cache (ML.NET binary IDataView files with a key file each); null uses
        /// <c>OutputDirectory/feature-cache</c>, and a temporary folder when that is null too.</summary>
        public string CacheDirectory;

        /// <summary>The methods to compare; null runs <see cref="ComparisonMethods.Default"/>.</summary>
        public IReadOnlyList<ComparisonMethod> Methods;

        /// <summary>Epochs of each deep method.</summary>
        public int Epochs = Defaults.Epochs;

        /// <summary>Training recipe of each deep method: <see cref="TrainingRecipe.Paper"/> by default (the recommended one did not yet measure better on Emotify),
        /// or <see cref="TrainingRecipe.Recommended"/>.</summary>
        public TrainingRecipe Recipe = TrainingRecipe.Paper;

        /// <summary>Peak learning rate of each deep method; null uses the trainer's default.</summary>
        public double? LearningRate;

        /// <summary>Mini-batch size of each deep method.</summary>
        public int BatchSize = SpectrogramClassificationTrainer.Defaults.BatchSize;

        /// <summary>BFloat16 convolutions for deep methods, in training and scoring (null: where the CPU has AVX512_BF16).</summary>
        public bool? UseBFloat16;

        /// <summary>Clips per feature-extraction progress line.</summary>
        public int ProgressInterval = Defaults.ProgressInterval;

        /// <summary>Whether clips whose audio file cannot be read are left out of the comparison (listed in
        /// <see cref="ComparisonResult.RejectedFiles"/>, in the report and in <c>rejected.csv</c>) instead of stopping the
        /// run at the first one (<c>LoadAudio</c>'s <c>SkipUnreadableFiles</c>).</summary>
        public bool SkipUnreadableFiles;

        /// <summary>Which decoder and resampler read the audio (<c>LoadAudio</c>'s <c>DecoderBackend</c>); part of the
        /// feature cache's key.</summary>
        public AudioDecoderBackend DecoderBackend = AudioDecoderBackend.Auto;

        /// <summary>Receives one line per step (feature extraction, each method and fold, each deep epoch); may be null.</summary>
        public IProgress<string> Progress;
    }
}
