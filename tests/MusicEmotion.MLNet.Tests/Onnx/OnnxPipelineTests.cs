using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using MusicEmotion.MLNet.Tests.Trainers;
using TorchSharp;
using static TorchSharp.torch;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Tests.Onnx
{
    /// <summary>
    /// The exported network in an ML.NET pipeline: LoadAudio → LogStft → ApplyOnnxModel gives, for each file, the
    /// probabilities TorchSharp computes from the same spectrogram and the ones ONNX Runtime gives directly.
    /// </summary>
    [Collection(TorchTrainingCollection.Name)]
    public class OnnxPipelineTests
    {
        private sealed class PathRow
        {
            public string Path { get; set; }
        }

        [TorchFact]
        public void ApplyOnnxModelAfterLoadAudioAndLogStftGivesTorchSharpProbabilities()
        {
            using var folder = new TempFolder();
            const int sampleRate = 22050;
            var paths = new[] { 220.0, 440.0, 1250.0 }.Select((hz, i) =>
            {
                var samples = Enumerable.Range(0, sampleRate).Select(n =>
                    (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / sampleRate) + 0.05 * Math.Sin(2 * Math.PI * 3.1 * hz * n / sampleRate))).ToArray();
                var path = Path.Combine(folder.Root, $"tone{i}.wav");
                AudioWriter.Write(path, samples, 1, sampleRate);
                return path;
            }).ToArray();

            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(paths.Select(p => new PathRow { Path = p }));
            var frontEnd = ml.Transforms.LoadAudio("Audio", "Path", sampleRate: sampleRate, duration: 1.0)
                .Append(ml.Transforms.LogStft(OnnxExporter.InputName, "Audio", fftSize: 256, hopLength: 128));
            var frontEndModel = frontEnd.Fit(data);
            var spectra = frontEndModel.Transform(data);
            var dims = ((VectorDataViewType)spectra.Schema[OnnxExporter.InputName].Type).Dimensions;
            var shape = new NetworkShape(dims[0], dims[1], 4);
            Assert.Equal((129, 173), (shape.Channels, shape.Frames));

            var definition = NetworkDefinitions.For(NetworkArchitecture.InceptionGruResidual);
            torch.manual_seed(8);
            using var network = OnnxExportTests.CreateRandomNetwork(definition, shape);
            var modelFile = Path.Combine(folder.Root, "network.onnx");
            using (var stream = File.Create(modelFile))
                OnnxExporter.Export(definition, shape, network, stream);

            var pipeline = frontEnd.Append(ml.Transforms.ApplyOnnxModel(modelFile));
            var scored = pipeline.Fit(data).Transform(data);
            var viaMlNet = scored.GetColumn<VBuffer<float>>(OnnxExporter.OutputName).Select(v => v.DenseValues().ToArray()).ToArray();
            var spectrograms = scored.GetColumn<VBuffer<float>>(OnnxExporter.InputName).Select(v => v.DenseValues().ToArray()).ToArray();
            Assert.Equal(paths.Length, viaMlNet.Length);

            using var scorer = new OnnxNetworkScorer(modelFile, allowGpu: false);
            var viaOrt = scorer.Score(spectrograms.SelectMany(s => s).ToArray(), spectrograms.Length);
            for (int r = 0; r < spectrograms.Length; r++)
            {
                float[] expected;
                using (torch.no_grad())
                using (var x = torch.tensor(spectrograms[r], new long[] { 1, shape.Channels, shape.Frames }))
                    expected = nn.functional.softmax(network.call(x), 1).data<float>().ToArray();
                Assert.Equal(shape.Classes, viaMlNet[r].Length);
                OnnxExportTests.AssertClose(expected, viaMlNet[r], $"ApplyOnnxModel row {r}");
                OnnxExportTests.AssertClose(expected, viaOrt.Skip(r * shape.Classes).Take(shape.Classes).ToArray(), $"ONNX Runtime row {r}");
            }
            // Different tones give different probabilities: the rows are not one repeated value.
            Assert.True(Math.Abs(viaMlNet[0][0] - viaMlNet[2][0]) > 1e-5);
        }
    }
}
