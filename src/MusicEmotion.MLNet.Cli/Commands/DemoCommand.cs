using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet.Cli.Infrastructure;
using MusicEmotion.MLNet.Cli.Modeling;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Cli.Plots;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>
    /// <c>mer demo</c>: generates the embedded demo corpus, trains on 75 % of its pieces, evaluates on the other 25 %,
    /// and predicts the timeline of a medley (happy, angry, sad, tender pieces one after the other) the model never
    /// heard.
    /// </summary>
    internal static class DemoCommand
    {
        public const int DefaultEpochs = 12;
        public const int DefaultClipsPerClass = 24;
        public const double DefaultDuration = 5;
        public const double TestFraction = 0.25;
        public const int MaxClipsPerClass = 1000;
        public const double MaxSeconds = 600;

        public static Command Create(CliContext context)
        {
            var output = new Option<string>("--out", "-o")
            {
                Description = "Folder for the corpus, model zip and PNGs.",
                DefaultValueFactory = _ => "mer-demo",
            };
            var epochs = CommonOptions.Epochs(DefaultEpochs);
            var clipsPerClass = new Option<int>("--clips-per-class")
            {
                Description = "Synthetic pieces generated per emotion.",
                DefaultValueFactory = _ => DefaultClipsPerClass,
            };
            var seconds = new Option<double>("--seconds")
            {
                Description = "Length of each generated piece in seconds.",
                DefaultValueFactory = _ => DemoCorpus.Defaults.Seconds,
            };
            var duration = CliOptions.Duration(DefaultDuration);
            duration.Description = "Clip length the network sees, in seconds. The demo uses 5 s (1025 x 216 spectrograms) " +
                "instead of the paper's 30 s so that it trains in minutes on a CPU.";
            var batchSize = CommonOptions.BatchSize();
            var seed = CommonOptions.Seed();
            var device = CommonOptions.Device();
            var sampleRate = CliOptions.SampleRate();
            var fftSize = CliOptions.FftSize();
            var hopLength = CliOptions.HopLength();
            var json = CommonOptions.Json();
            var command = new Command("demo", "Generate the embedded demo corpus (synthetic pieces whose tempo, mode, register, " +
                "loudness and articulation follow the four emotion quadrants), then train, evaluate on held-out pieces, " +
                "and predict the timeline of a medley, writing the model zip and PNGs.");
            foreach (var option in new Option[] { output, epochs, clipsPerClass, seconds, duration, batchSize, seed, device,
                sampleRate, fftSize, hopLength, json })
                command.Add(option);
            command.SetAction(parse =>
            {
                bool asJson = parse.GetValue(json);
                var log = context.ProgressWriter(asJson);
                var outDir = Path.GetFullPath(parse.GetValue(output));
                int perClass = CliOptions.Positive(parse.GetValue(clipsPerClass), "--clips-per-class");
                if (perClass < 2)
                    throw new UsageException($"--clips-per-class={perClass} must be at least 2 (pieces are split between training and hold-out).");
                if (perClass > MaxClipsPerClass)
                    throw new UsageException($"--clips-per-class={perClass} must be at most {MaxClipsPerClass} (the demo writes 4 × that many WAV files).");
                double pieceSeconds = CliOptions.PositiveSeconds(parse.GetValue(seconds), "--seconds");
                if (pieceSeconds > MaxSeconds)
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                        $"--seconds={pieceSeconds} must be at most {MaxSeconds} (ten minutes per generated piece)."));
                var settings = new TrainingSettings
                {
                    Epochs = CliOptions.Positive(parse.GetValue(epochs), "--epochs"),
                    BatchSize = CliOptions.Positive(parse.GetValue(batchSize), "--batch-size"),
                    Seed = parse.GetValue(seed),
                    Device = CommonOptions.ToDevice(parse.GetValue(device)),
                    Duration = CliOptions.PositiveSeconds(parse.GetValue(duration), "--duration"),
                    SampleRate = CliOptions.Positive(parse.GetValue(sampleRate), "--sample-rate"),
                    FftSize = CliOptions.Positive(parse.GetValue(fftSize), "--fft-size"),
                    HopLength = CliOptions.Positive(parse.GetValue(hopLength), "--hop-length"),
                    // The demo's documented runs are the paper's recipe on synthetic 5-s clips.
                    Recipe = MusicEmotion.MLNet.TrainingRecipe.Paper,
                };
                CliOptions.CheckFrontEnd(settings.SampleRate, settings.Duration, settings.FftSize, settings.HopLength, settings.BatchSize);
                CliOptions.OutputFolder(outDir, "--out");
                Directory.CreateDirectory(outDir);

                var corpus = Path.Combine(outDir, "corpus");
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[1/4] Generating the demo corpus: {perClass} pieces x 4 emotions x {pieceSeconds:0.##} s in {corpus}"));
                var manifest = DemoCorpus.Generate(corpus, perClass, pieceSeconds, sampleRate: settings.SampleRate);

                var ml = new MLContext(settings.Seed);
                var data = ml.Data.LoadAudioManifest(manifest);
                var split = ml.Data.TrainTestSplit(data, testFraction: TestFraction, samplingKeyColumnName: "Song", seed: settings.Seed);
                log.WriteLine($"[2/4] Training on {TestFraction:P0}-held-out split (no piece on both sides)");
                var modelPath = Path.Combine(outDir, "model.zip");
                var trained = TrainingRun.Run(context, ml, split.TrainSet, settings, modelPath, asJson);

                log.WriteLine("[3/4] Evaluating on the held-out pieces");
                var report = EvaluationReport.Evaluate(EmotionModel.FromTransformer(ml, trained.Model, split.TestSet.Schema), split.TestSet);
                var confusionPng = EvaluateCommand.DefaultConfusionPath(modelPath);
                ConfusionMatrixPlot.Save(confusionPng, report.PerFile.Scores, EvaluationOutput.PlotTitle("Demo: held-out pieces", report));
                if (!asJson)
                    EvaluationOutput.Write(context.Console, report, "Held-out pieces");
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Held-out accuracy {report.PerFile.Accuracy:P1} per piece, {report.PerClip.Accuracy:P1} per clip (chance: {1.0 / report.ClassNames.Count:P0})"));

                log.WriteLine("[4/4] Predicting the timeline of a medley the model never heard: happy, angry, sad, tender");
                var medley = WriteMedley(Path.Combine(outDir, "medley.wav"), pieceSeconds, settings.SampleRate, settings.Seed);
                var loaded = EmotionModel.Load(ml, modelPath);
                var labels = loaded.Classes.ToArray();
                var predictions = new[] { loaded.Predict(medley) };
                var timelinePng = Path.Combine(outDir, "medley.timeline.png");
                TimelinePlot.Save(timelinePng, predictions[0], labels);
                var csv = Path.Combine(outDir, "medley.timeline.csv");
                PredictionOutput.WriteCsv(csv, labels, predictions);
                var spectrogramPng = Path.Combine(outDir, "medley.spectrogram.png");
                var (values, bins, frames) = SpectrogramReader.Read(ml, medley, settings.SampleRate, 4 * pieceSeconds, 0,
                    settings.FftSize, settings.HopLength);
                SpectrogramPlot.Save(spectrogramPng, values, bins, frames, settings.SampleRate, settings.HopLength, 0,
                    logFrequency: true, "Demo medley (happy, angry, sad, tender): log-STFT as the network sees it");

                if (asJson)
                {
                    Json.Write(context.Out, new
                    {
                        output = outDir,
                        corpus = manifest,
                        model = modelPath,
                        trainingCurves = TrainingRun.CurvesPath(modelPath),
                        confusionMatrixPng = confusionPng,
                        timelinePng,
                        timelineCsv = csv,
                        spectrogramPng,
                        trainingRows = trained.Rows,
                        trainingSeconds = trained.TrainingSeconds,
                        holdOut = EvaluationOutput.ToJson(report),
                        medley = PredictionOutput.ToJson(labels, predictions[0]),
                    });
                }
                else
                {
                    PredictionOutput.WriteTables(context.Console, labels, predictions);
                    context.Out.WriteLine("Written:");
                    foreach (var file in new[] { modelPath, TrainingRun.CurvesPath(modelPath), confusionPng, timelinePng, csv, spectrogramPng })
                        context.Out.WriteLine($"  {file}");
                    context.Out.WriteLine($"Next: mer predict --model {modelPath} <your audio files> --plot timeline.png");
                }
                return MerApp.Success;
            });
            return command;
        }

        /// <summary>One new piece per emotion (seeds outside the corpus's), one after the other, as a mono WAV.</summary>
        private static string WriteMedley(string path, double seconds, int sampleRate, int seed)
        {
            var pieces = EmotionLabels.All.Select((label, i) => DemoCorpus.Synthesize(label, unchecked(seed * 31 + 1_000_003 + i), seconds, sampleRate));
            var samples = pieces.SelectMany(p => p).ToArray();
            MusicEmotion.MLNet.OutputFile.WriteKeepingExtension(path, temporary => AudioWriter.Write(temporary, samples, channels: 1, sampleRate));
            return path;
        }
    }
}
