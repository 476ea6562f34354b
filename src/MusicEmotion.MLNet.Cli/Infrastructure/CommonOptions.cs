using System.CommandLine;

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

        public static Option<int> Epochs(int defaultValue) => new Option<int>("--epochs")
        {
            Description = "Passes over the training clips.",
            DefaultValueFactory = _ => defaultValue,
        };

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

        public static TrainingDevice ToDevice(string value) => value switch
        {
            "cpu" => TrainingDevice.Cpu,
            "cuda" => TrainingDevice.Cuda,
            _ => TrainingDevice.Auto,
        };
    }
}
