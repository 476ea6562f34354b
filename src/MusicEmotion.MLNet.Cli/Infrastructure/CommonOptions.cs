using System.CommandLine;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>Options several commands share, created fresh for each command.</summary>
    internal static class CommonOptions
    {
        public static Option<bool> Json() => new Option<bool>("--json")
        {
            Description = "Print one machine-readable JSON document on stdout instead of tables (progress goes to stderr).",
        };

        public static Option<bool> Strict() => new Option<bool>("--strict")
        {
            Description = "Stop at the first audio file that cannot be read or suspicious input such as an empty class " +
                "folder (exit code 1) instead of leaving unreadable files out, listing them in rejected.csv and exiting with code 3.",
        };

        public static Option<int> Seed(int defaultValue = 1) => new Option<int>("--seed")
        {
            Description = "Random seed: the same seed, data and settings give the same model.",
            DefaultValueFactory = _ => defaultValue,
        };

        /// <summary><c>--learning-rate</c>: the network's peak learning rate.</summary>
        public static Option<double> LearningRate() => new Option<double>("--learning-rate")
        {
            Description = "Peak learning rate of the network's optimiser (Adam; AdamW in the recommended recipe).",
            DefaultValueFactory = _ => SpectrogramClassificationTrainer.Defaults.LearningRate,
        };

        /// <summary><c>--clips-per-file</c>: consecutive clips of <c>--duration</c> taken from each file;
        /// <paramref name="use"/> says what the command does with them.</summary>
        public static Option<int> ClipsPerFile(string use) => new Option<int>("--clips-per-file")
        {
            Description = "Consecutive clips of --duration taken from each file (a 60-s file gives 2 at 30 s; a shorter file " +
                "one, looped): " + use + "; 1 = the start of each file only.",
            DefaultValueFactory = _ => ComparisonOptions.Defaults.ClipsPerFile,
        };

        public static Option<int> Epochs(int defaultValue) => new Option<int>("--epochs")
        {
            Description = "Passes over the training clips.",
            DefaultValueFactory = _ => defaultValue,
        };

        /// <summary><c>--recipe recommended|paper</c>: how deep networks are trained (<see cref="MusicEmotion.MLNet.TrainingRecipe"/>).</summary>
        public static Option<string> Recipe()
        {
            var option = new Option<string>("--recipe")
            {
                Description = "Training recipe of the network: recommended (per-bin input normalisation stored in the model, " +
                    "AdamW, warm-up + cosine learning rate, label smoothing, " +
                    "best epoch on a song-grouped validation split) or paper (Adam 1e-3, cross-entropy, raw dB input, as published).",
                DefaultValueFactory = _ => "paper",
            };
            option.AcceptOnlyFromAmong("recommended", "paper");
            return option;
        }

        public static MusicEmotion.MLNet.TrainingRecipe ToRecipe(string value)
            => string.Equals(value, "paper", System.StringComparison.OrdinalIgnoreCase)
                ? MusicEmotion.MLNet.TrainingRecipe.Paper
                : MusicEmotion.MLNet.TrainingRecipe.Recommended;

        public static Option<int> BatchSize() => new Option<int>("--batch-size")
        {
            Description = "Clips per gradient step.",
            DefaultValueFactory = _ => SpectrogramClassificationTrainer.Defaults.BatchSize,
        };

        public static Option<string> Device()
        {
            var option = new Option<string>("--device")
            {
                Description = "Where the network trains: auto (CUDA when the CUDA libtorch package is referenced and a GPU " +
                    "is present, else CPU), cpu or cuda.",
                DefaultValueFactory = _ => "auto",
            };
            option.AcceptOnlyFromAmong("auto", "cpu", "cuda");
            return option;
        }

        /// <summary><c>--decoder</c>: which decoding backend reads the audio; not given means <paramref name="unset"/>.</summary>
        public static Option<string> Decoder(string unset)
        {
            var option = new Option<string>("--decoder")
            {
                Description = "Which decoder reads the audio: auto (libsndfile + libsoxr when installed, else the managed " +
                    "NAudio/NLayer decoders and resampler; ffmpeg for other formats), native, managed (no native library: " +
                    $"wav, aiff, mp3) or ffmpeg. Default: {unset}.",
            };
            option.AcceptOnlyFromAmong("auto", "native", "managed", "ffmpeg");
            return option;
        }

        /// <summary><c>--precision</c>: Float32 or BFloat16 convolutions in the network (auto: BFloat16 where the CPU has
        /// AVX512_BF16).</summary>
        public static Option<string> Precision()
        {
            var option = new Option<string>("--precision")
            {
                Description = "Arithmetic of the network's input-layer convolutions: auto (bfloat16 on CPUs with AVX512_BF16, " +
                    "about twice as fast, float32 elsewhere), float32, or bfloat16 (Float32 accumulation; everything else stays float32).",
                DefaultValueFactory = _ => "auto",
            };
            option.AcceptOnlyFromAmong("auto", "float32", "bfloat16");
            return option;
        }

        /// <summary>The <c>UseBFloat16</c> setting of a <c>--precision</c> value (null: automatic).</summary>
        public static bool? ToUseBFloat16(string value) => value switch
        {
            "float32" => false,
            "bfloat16" => true,
            _ => null,
        };

        /// <summary>The backend of a <c>--decoder</c> value, or null when the option was not given.</summary>
        public static AudioDecoderBackend? ToDecoder(string value) => value switch
        {
            null => null,
            "native" => AudioDecoderBackend.Native,
            "managed" => AudioDecoderBackend.Managed,
            "ffmpeg" => AudioDecoderBackend.Ffmpeg,
            _ => AudioDecoderBackend.Auto,
        };

        public static TrainingDevice ToDevice(string value) => value switch
        {
            "cpu" => TrainingDevice.Cpu,
            "cuda" => TrainingDevice.Cuda,
            _ => TrainingDevice.Auto,
        };
    }
}
