using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MusicEmotion.MLNet;

// Usage: OnnxScoring model.onnx file1.mp3 [file2.wav ...]
// Scores audio files with a network exported by 'mer export' (or SpectrogramClassificationModelParameters.ExportOnnx):
// the front-end settings and labels come from the ONNX file's metadata; libtorch is not needed.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: OnnxScoring <model.onnx> <audio file>...");
    return 2;
}
string modelPath = args[0];
var files = args[1..];
foreach (var file in files.Where(f => !File.Exists(f)))
{
    Console.Error.WriteLine($"Audio file {file} not found.");
    return 1;
}

// The metadata 'mer export' writes: labels (JSON array), sampleRate, duration, fftSize, hopLength.
System.Collections.Generic.Dictionary<string, string> metadata;
using (var session = new InferenceSession(modelPath))
    metadata = session.ModelMetadata.CustomMetadataMap;
string Setting(string key) => metadata.TryGetValue(key, out var value) ? value
    : throw new InvalidDataException($"ONNX model {modelPath} has no '{key}' metadata; export it with 'mer export'.");
var labels = JsonSerializer.Deserialize<string[]>(Setting("labels"));
int sampleRate = int.Parse(Setting("sampleRate"), CultureInfo.InvariantCulture);
double duration = double.Parse(Setting("duration"), CultureInfo.InvariantCulture);
int fftSize = int.Parse(Setting("fftSize"), CultureInfo.InvariantCulture);
int hopLength = int.Parse(Setting("hopLength"), CultureInfo.InvariantCulture);

var ml = new MLContext();
var data = ml.Data.LoadFromEnumerable(files.Select(f => new AudioFile { Path = f }));
var pipeline = ml.Transforms.LoadAudio("Audio", "Path", sampleRate: sampleRate, duration: duration)
    .Append(ml.Transforms.LogStft("Spectrogram", "Audio", fftSize: fftSize, hopLength: hopLength))
    // Input 'Spectrogram', output 'Score': the exported graph's names, so no column mapping is needed.
    // gpuDeviceId: 0 with fallbackToCpu scores on CUDA when the GPU natives are referenced.
    .Append(ml.Transforms.ApplyOnnxModel(modelPath, gpuDeviceId: null, fallbackToCpu: true));
var scored = pipeline.Fit(data).Transform(data);
var scores = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
for (int i = 0; i < files.Length; i++)
{
    int best = Array.IndexOf(scores[i], scores[i].Max());
    Console.WriteLine($"{Path.GetFileName(files[i])}: {labels[best]} ({string.Join(", ", labels.Select((l, c) => string.Create(CultureInfo.InvariantCulture, $"{l} {scores[i][c]:F3}")))})");
}
return 0;

internal sealed class AudioFile
{
    public string Path { get; set; }
}
