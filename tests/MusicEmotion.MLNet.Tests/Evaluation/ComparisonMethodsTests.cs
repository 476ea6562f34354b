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
            => Assert.Equal(new[] { "svm", "forest", "lightgbm", "inception-gru", "ensemble" }, System.Linq.Enumerable.Select(ComparisonMethods.Default, m => m.Name));

        [Fact]
        public void AnEnsembleBringsItsMembersBeforeIt()
        {
            var methods = ComparisonMethods.Resolve(new[] { "ensemble" });
            Assert.Equal(new[] { "inception-gru", "svm", "lightgbm", "ensemble" }, System.Linq.Enumerable.Select(methods, m => m.Name));
            Assert.Equal(MethodInput.MemberProbabilities, methods[3].Input);
            Assert.Throws<System.InvalidOperationException>(() => methods[3].CreateEstimator(new Microsoft.ML.MLContext(1), new MethodSettings()));
        }

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
            Assert.Equal(10, methods.Count);
            Assert.Same(ComparisonMethods.Vgg16, methods[0]);
            Assert.Equal(new[] { "vgg16", "svm", "forest", "lightgbm", "inception-gru", "ensemble", "inception-v3", "resnet18", "sarkar-vgg", "multi-kernel-cnn" },
                System.Linq.Enumerable.Select(methods, m => m.Name));
        }
    }
}
