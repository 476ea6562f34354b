// A brand-new console app that consumes the packed MusicEmotion.MLNet package from a local folder feed (see
// build/fresh-app.sh): it writes a few WAV files, trains a tiny network, saves and reloads the model and scores a file,
// beside an estimator of ML.NET's own Microsoft.ML.TorchSharp package in the same process.
using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.TorchSharp;
using MusicEmotion.MLNet;

var root = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "fresh-app-audio");
// Optional second argument: a recording to predict as a timeline.
Directory.CreateDirectory(root);
const int SampleRate = 8000;
foreach (var (label, frequency) in new[] { ("happy", 880.0), ("sad", 220.0) })
{
    Directory.CreateDirectory(Path.Combine(root, label));
    for (int i = 0; i < 4; i++)
        WriteWav(Path.Combine(root, label, $"{label}{i}.wav"), frequency * (1 + 0.05 * i), seconds: 2);
}

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadAudioFolder(root, new[] { "happy", "sad" });
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.LoadAudio("Samples", "Path", sampleRate: SampleRate, duration: 2))
    .Append(ml.Transforms.LogStft("Spectrogram", "Samples", fftSize: 256, hopLength: 128))
    .Append(ml.MulticlassClassification.Trainers.SpectrogramClassification(new SpectrogramClassificationTrainer.Options
    {
        LabelColumnName = "Label",
        FeatureColumnName = "Spectrogram",
        Epochs = 2,
        BatchSize = 4,
        Seed = 1,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var model = pipeline.Fit(data);
var zip = Path.Combine(root, "model.zip");
ml.Model.Save(model, data.Schema, zip);

var emotion = EmotionModel.Load(zip);
var prediction = emotion.Predict(Path.Combine(root, "happy", "happy0.wav"));
Console.WriteLine($"predicted {prediction.PredictedLabel}; probabilities {string.Join(" ", prediction.Probabilities.Select(p => p.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
Console.WriteLine($"model: {emotion.Description}");

// build/fresh-app.sh hides libsndfile, libsoxr and libmpg123 (as on a machine that never installed them): the native
// backend must then be unavailable, and everything above and below was decoded by the managed one.
try
{
    emotion.DecoderBackend = AudioDecoderBackend.Native;
    emotion.Predict(Path.Combine(root, "sad", "sad0.wav"));
    Console.WriteLine("native backend: available");
}
catch (Exception e) when (e is NotSupportedException || e is DllNotFoundException)
{
    Console.WriteLine("native backend: unavailable");
}
emotion.DecoderBackend = AudioDecoderBackend.Auto;
// A real recording, when given (the README's quick start on an Emotify mp3).
if (args.Length > 1)
{
    var song = emotion.PredictTimeline(args[1], hopSeconds: 5);
    Console.WriteLine($"{Path.GetFileName(args[1])}: {song.PredictedLabel}, {song.Segments.Count} segments");
}

// ML.NET's own TorchSharp package in the same process: its estimator is built (fitting would download weights).
var text = ml.MulticlassClassification.Trainers.TextClassification(labelColumnName: "Label", sentence1ColumnName: "Sentence");
Console.WriteLine($"Microsoft.ML.TorchSharp estimator: {text.GetType().Name}");
Console.WriteLine("fresh app: ok");

static void WriteWav(string path, double frequency, double seconds)
{
    int n = (int)(seconds * SampleRate);
    using var writer = new BinaryWriter(File.Create(path));
    writer.Write("RIFF"u8); writer.Write(36 + 2 * n); writer.Write("WAVEfmt "u8);
    writer.Write(16); writer.Write((short)1); writer.Write((short)1); writer.Write(SampleRate); writer.Write(2 * SampleRate);
    writer.Write((short)2); writer.Write((short)16); writer.Write("data"u8); writer.Write(2 * n);
    for (int i = 0; i < n; i++)
        writer.Write((short)(12000 * Math.Sin(2 * Math.PI * frequency * i / SampleRate)));
}
