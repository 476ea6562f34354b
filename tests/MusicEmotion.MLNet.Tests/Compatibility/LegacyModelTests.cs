using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Compatibility
{
    /// <summary>Model zips saved by version 1 (TestData/models-v1, before the network trainers became one family)
    /// load into <see cref="SpectrogramClassificationModelParameters"/> and score bit-identically, here and in a fresh
    /// process.</summary>
    [Collection(Trainers.TorchTrainingCollection.Name)]
    public class LegacyModelTests
    {
        private static readonly string s_directory = Path.Combine(AppContext.BaseDirectory, "TestData", "models-v1");

        [TorchTheory]
        [InlineData("inception-gru", NetworkArchitecture.InceptionGruResidual)]
        [InlineData("multi-kernel-cnn", NetworkArchitecture.MultiKernelCnn)]
        public void VersionOneZipLoadsAndScoresIdentically(string name, NetworkArchitecture architecture)
        {
            var expected = File.ReadAllLines(Path.Combine(s_directory, name + ".scores.txt"))
                .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
                .ToArray();
            using var files = new AudioTestFiles();
            var ml = new MLContext(seed: 1);
            var probe = ml.Data.LoadMusicClips(Enumerable.Range(0, 4).Select(i => new MusicClip
            {
                Path = files.Write($"probe{i}.wav", AudioTestFiles.Sine(4000, 350 + 400 * i, 8000), 8000),
                Label = "angry",
                Song = $"p{i}",
            }).ToList());
            var zip = Path.Combine(s_directory, name + ".zip");

            var model = ml.Model.Load(zip, out _);
            var network = ((TransformerChain<ITransformer>)model).OfType<MulticlassPredictionTransformer<SpectrogramClassificationModelParameters>>().Single().Model;
            Assert.Equal(architecture, network.Architecture);
            Assert.Equal(4, network.NumberOfClasses);
            network.UseBFloat16 = false;
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(model.Transform(probe), "Score"));
            Assert.Equal(expected, FreshProcessScorer.Score(ml, zip, probe, "Score", float32: true));
        }

        [TorchFact]
        public void VersionOneZipDecodesWithTheAutomaticBackend()
        {
            var model = new MLContext(seed: 1).Model.Load(Path.Combine(s_directory, "inception-gru.zip"), out _);
            var loader = ((TransformerChain<ITransformer>)model).OfType<AudioLoadingTransformer>().Single();
            Assert.Equal(AudioDecoderBackend.Auto, loader.DecoderBackend);
        }

        [Fact]
        public void EveryVersionOneNetworkSignatureStillHasALoader()
        {
            // ML.NET's LoadableClassAttribute is internal to it; its constructor arguments are public metadata.
            var names = typeof(SpectrogramClassificationModelParameters).Assembly.GetCustomAttributesData()
                .Where(a => a.AttributeType.Name == "LoadableClassAttribute"
                    && Equals(a.ConstructorArguments[0].Value, typeof(SpectrogramClassificationModelParameters)))
                .SelectMany(a => a.ConstructorArguments.Where(c => c.ArgumentType == typeof(string[]))
                    .SelectMany(c => (System.Collections.Generic.IEnumerable<CustomAttributeTypedArgument>)c.Value)
                    .Select(c => (string)c.Value))
                .ToArray();
            foreach (var legacy in new[] { "InceptionGruResidualMc", "ResNet1dMc", "Vgg1dMc", "SarkarVggMc", "MultiKernelCnnMc" })
                Assert.Contains(legacy, names);
            Assert.Contains(SpectrogramClassificationModelParameters.LoaderSignature, names);
        }
    }
}
