using System.CommandLine;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary><c>mer train</c>: fits the front end and the network and writes the model zip and its curves.</summary>
    internal static class TrainCommand
    {
        public const int DefaultEpochs = 30;

        public static Command Create(CliContext context)
        {
            var data = new Option<string>("--data", "-d") { Description = DataSource.Description, Required = true };
            var output = new Option<string>("--out", "-o")
            {
                Description = "Model zip to write (the training-curves PNG goes next to it as <name>.training.png).",
                DefaultValueFactory = _ => "model.zip",
            };
            var epochs = CommonOptions.Epochs(DefaultEpochs);
            var recipe = CommonOptions.Recipe();
            var batchSize = CommonOptions.BatchSize();
            var seed = CommonOptions.Seed();
            var device = CommonOptions.Device();
            var architecture = new Option<string>("--architecture")
            {
                Description = "Network: inception-gru (the paper's Inception-GRU-residual network), or a baseline: " +
                    string.Join(", ", NetworkTrainers.Names.Where(n => n != NetworkTrainers.Default)) + ".",
                DefaultValueFactory = _ => NetworkTrainers.Default,
            };
            architecture.AcceptOnlyFromAmong(NetworkTrainers.Names.ToArray());
            var duration = CliOptions.Duration();
            var validation = new Option<double>("--validation-fraction")
            {
                Description = "Share of the clips held out of training (whole songs when the data has a song column, " +
                    "stratified by label) to report validation accuracy per epoch; the best epoch by validation accuracy is " +
                    "kept. 0: the recipe's (0.15 for recommended, none for paper).",
                DefaultValueFactory = _ => 0,
            };
            var learningRate = CommonOptions.LearningRate();
            var clipsPerFile = CommonOptions.ClipsPerFile("the network trains on all of them (the saved model still takes whole files)");
            var sampleRate = CliOptions.SampleRate();
            var fftSize = CliOptions.FftSize();
            var hopLength = CliOptions.HopLength();
            var json = CommonOptions.Json();
            var strict = CommonOptions.Strict();
            var decoder = CommonOptions.Decoder("auto; saved in the model");
            var precision = CommonOptions.Precision();

            var command = new Command("train", "Train the emotion classifier on labelled audio and save an ML.NET model zip " +
                "that takes audio file paths (LoadAudio -> LogStft -> the --architecture network).");
            foreach (var option in new Option[] { data, output, epochs, recipe, batchSize, seed, device, architecture, duration, clipsPerFile,
                validation, learningRate, sampleRate, fftSize, hopLength, json, strict, decoder, precision })
                command.Add(option);
            command.SetAction(parse =>
            {
                var settings = new TrainingSettings
                {
                    Epochs = CliOptions.Positive(parse.GetValue(epochs), "--epochs"),
                    Recipe = CommonOptions.ToRecipe(parse.GetValue(recipe)),
                    BatchSize = CliOptions.Positive(parse.GetValue(batchSize), "--batch-size"),
                    Seed = parse.GetValue(seed),
                    Device = CommonOptions.ToDevice(parse.GetValue(device)),
                    UseBFloat16 = CommonOptions.ToUseBFloat16(parse.GetValue(precision)),
                    Duration = CliOptions.PositiveSeconds(parse.GetValue(duration), "--duration"),
                    ClipsPerFile = CliOptions.Positive(parse.GetValue(clipsPerFile), "--clips-per-file"),
                    ValidationFraction = CliOptions.Fraction(parse.GetValue(validation), "--validation-fraction"),
                    LearningRate = parse.GetValue(learningRate),
                    SampleRate = CliOptions.Positive(parse.GetValue(sampleRate), "--sample-rate"),
                    FftSize = CliOptions.Positive(parse.GetValue(fftSize), "--fft-size"),
                    HopLength = CliOptions.Positive(parse.GetValue(hopLength), "--hop-length"),
                    Architecture = parse.GetValue(architecture),
                    SkipUnreadableFiles = !parse.GetValue(strict),
                    DecoderBackend = CommonOptions.ToDecoder(parse.GetValue(decoder)) ?? AudioDecoderBackend.Auto,
                };
                CliOptions.CheckTrainer(settings.Epochs, settings.BatchSize, settings.LearningRate, settings.ValidationFraction);
                CliOptions.CheckFrontEnd(settings.SampleRate, settings.Duration, settings.FftSize, settings.HopLength, settings.BatchSize);
                var modelPath = CliOptions.OutputFile(parse.GetValue(output), "--out", "model.zip");
                var ml = new MLContext(settings.Seed);
                var trainingData = LabelledData.Load(ml, parse.GetValue(data), context.Error, parse.GetValue(strict));
                bool asJson = parse.GetValue(json);
                var trained = TrainingRun.Run(context, ml, trainingData, settings, modelPath, asJson);
                // rejected.csv goes next to the model.
                var rejects = RejectSummary.Create(DataSource.CountRows(trainingData), trained.Rejected,
                    System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(modelPath)));
                if (asJson)
                {
                    Json.Write(context.Out, new
                    {
                        model = System.IO.Path.GetFullPath(modelPath),
                        trainingCurves = TrainingRun.CurvesPath(modelPath),
                        rows = trained.Rows,
                        classes = ModelClasses.Of(trained.Model, trainingData.Schema),
                        bins = trained.Bins,
                        frames = trained.Frames,
                        parameters = trained.Network?.ParameterCount,
                        featureSeconds = trained.FeatureSeconds,
                        trainingSeconds = trained.TrainingSeconds,
                        epochs = trained.History.Select(h => new
                        {
                            epoch = h.Epoch,
                            loss = Json.Number(h.Loss),
                            accuracy = Json.Number(h.Accuracy),
                            validationAccuracy = Json.Number(h.ValidationAccuracy),
                            seconds = h.Seconds,
                        }),
                        files = rejects.Total,
                        filesUsed = rejects.Used,
                        rejectedCsv = rejects.CsvPath,
                        rejected = rejects.JsonRejected,
                    });
                }
                rejects.Write(context.ProgressWriter(asJson));
                return rejects.ExitCode;
            });
            return command;
        }
    }
}
