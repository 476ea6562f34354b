using System;
using MusicEmotion.MLNet.Experiments;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    public sealed class ComparisonMethodsTests
    {
        [Fact]
        public void MethodsResolveByNameInTheGivenOrder()
        {
            var methods = ComparisonMethods.Resolve(new[] { "LightGbm", " svm", "svm" });
            Assert.Equal(2, methods.Count);
            Assert.Same(ComparisonMethods.LightGbm, methods[0]);
            Assert.Same(ComparisonMethods.Svm, methods[1]);
        }

        [Fact]
        public void UnknownNamesFail()
        {
            var e = Assert.Throws<ArgumentException>(() => ComparisonMethods.Resolve(new[] { "svm", "knn" }));
            Assert.Contains("Unknown method 'knn'", e.Message);
        }

        [Fact]
        public void TheDefaultsAreThePapersComparison()
            => Assert.Equal(new[] { "svm", "forest", "lightgbm", "inception-gru" }, System.Linq.Enumerable.Select(ComparisonMethods.Default, m => m.Name));

        [Fact]
        public void DeepBaselinesResolveByNameAsSpectrogramMethods()
        {
            var methods = ComparisonMethods.Resolve(new[] { "resnet18", "VGG16", "sarkar-vgg", "multi-kernel-cnn" });
            Assert.Equal(new ComparisonMethod[] { ComparisonMethods.ResNet18, ComparisonMethods.Vgg16, ComparisonMethods.SarkarVgg,
                ComparisonMethods.MultiKernelCnn }, methods);
            Assert.All(methods, m => Assert.Equal(MethodInput.Spectrogram, m.Input));
        }

        [Fact]
        public void AllExpandsToEveryMethodAfterTheNamedOnes()
        {
            var methods = ComparisonMethods.Resolve(new[] { "vgg16", "all" });
            Assert.Equal(9, methods.Count);
            Assert.Same(ComparisonMethods.Vgg16, methods[0]);
            Assert.Equal(new[] { "vgg16", "svm", "forest", "lightgbm", "inception-gru", "inception-v3", "resnet18", "sarkar-vgg", "multi-kernel-cnn" },
                System.Linq.Enumerable.Select(methods, m => m.Name));
        }
    }
}
