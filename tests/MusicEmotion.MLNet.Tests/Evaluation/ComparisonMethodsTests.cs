using System;
using MusicEmotion.MLNet.Evaluation;
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
    }
}
