using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Tests.Data;
using MusicEmotion.MLNet.Tests.Infrastructure;
using MusicEmotion.MLNet.Tests.Trainers;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    /// <summary>The comparison with the networks on the mel spectrogram (<see cref="ComparisonOptions.MelBands"/>).</summary>
    [Collection(TorchTrainingCollection.Name)]
    public sealed class MelInputComparisonTests
    {
        [TorchFact]
        public void MelBandsFeedTheNetworksAMelSpectrogramWhileTheSummaryStaysTheSameAndTheCachesDiffer()
        {
            using var folder = new TempFolder();
            var manifest = DemoCorpus.Generate(Path.Combine(folder.Root, "corpus"), clipsPerClass: 4, seconds: 2, sampleRate: 8000);
            var clips = AudioManifestReader.Read(manifest);
            ComparisonOptions Options(int? bands) => new ComparisonOptions
            {
                Folds = 2,
                SampleRate = 8000,
                Duration = 2,
                FftSize = 256,
                HopLength = 128,
                Epochs = 1,
                MelBands = bands,
                Methods = ComparisonMethods.Resolve(new[] { "svm", "inception-gru" }),
                CacheDirectory = Path.Combine(folder.Root, "cache"),
            };

            var stft = ComparisonExperiment.Run(clips, Options(null));
            var mel = ComparisonExperiment.Run(clips, Options(40));

            Assert.Equal(129, stft.Bins);
            Assert.Equal(40, mel.Bins);
            Assert.Equal(stft.Frames, mel.Frames);
            Assert.Equal(stft.SummaryLength, mel.SummaryLength);
            // The SVM reads the same summary either way, so it scores the same folds identically.
            Assert.Equal(stft.Methods[0].Accuracy.Mean, mel.Methods[0].Accuracy.Mean, 12);
            var network = mel.Methods.Single(m => m.Name == "inception-gru");
            Assert.Null(network.SkipReason);
            Assert.Equal(2, network.Folds.Count);
            Assert.Equal(2, Directory.GetFiles(Path.Combine(folder.Root, "cache"), "*.key").Length);
        }
    }
}
