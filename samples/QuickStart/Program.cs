using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MusicEmotion.MLNet;

var ml = new MLContext(seed: 1);
IDataView clips = ml.Data.LoadAudioData("emotify");                 // labels.csv, a folder per class or Soundtracks

var pipeline = ml.Transforms.LoadAudio("Audio", "Path")              // Vector<Single, 661500>: 30 s at 22,050 Hz
    .Append(ml.Transforms.LogStft("Spectrogram", "Audio"))           // Vector<Single> [1025, 1292], dB
    .AppendCacheCheckpoint(ml)                                       // in memory: 5.3 MB per 30-s clip
    .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
    .Append(ml.MulticlassClassification.Trainers.InceptionGruResidual(labelColumnName: "Label",
                                                                      featureColumnName: "Spectrogram"))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

var split = ml.Data.TrainTestSplit(clips, testFraction: 0.2, samplingKeyColumnName: "Song");
var model = pipeline.Fit(split.TrainSet);
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"Held-out accuracy {metrics.MicroAccuracy:P1}");
ml.Model.Save(model, clips.Schema, "emotion.zip");

// In an app: load once, then predict from any thread.
var emotion = EmotionModel.Load("emotion.zip");
Console.WriteLine(emotion.Description);       // InceptionGruResidual network, ..., 4 classes (angry, happy, sad, tender), 30 s clips at 22050 Hz
EmotionPrediction song = emotion.PredictTimeline("song.mp3", hopSeconds: 5);
Console.WriteLine($"song.mp3: {song.PredictedLabel}");                  // the mean over its 30-s segments
foreach (EmotionPrediction segment in song.Segments)                    // 0-30 s, 5-35 s, ...
    Console.WriteLine($"{segment.Start,5:0}-{segment.End:0} s {segment.PredictedLabel}");
foreach (EmotionPrediction file in emotion.PredictFiles(Directory.GetFiles("music")))   // one thread per core
    Console.WriteLine(file);                  // "1.mp3: happy (angry 0.10, happy 0.62, ...)", or why it was not read
