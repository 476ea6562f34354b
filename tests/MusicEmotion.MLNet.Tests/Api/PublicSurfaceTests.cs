using System;
using System.Linq;
using Xunit;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Tests.Api
{
    /// <summary>The library's public types, pinned: a type added to (or removed from) the public surface fails this test
    /// until the list below is changed on purpose. Issue 10 asks for at most 30 types users write in their code.</summary>
    public class PublicSurfaceTests
    {
        // The core package: types an app writes (issue 10: at most 30).
        private const string PinnedCore = ""
            + "MusicEmotion.MLNet.AudioDecoderBackend,"
            + "MusicEmotion.MLNet.AudioFileError,"
            + "MusicEmotion.MLNet.AudioLoadingEstimator,"
            + "MusicEmotion.MLNet.AudioLoadingEstimator+Options,"
            + "MusicEmotion.MLNet.AudioLoadingTransformer,"
            + "MusicEmotion.MLNet.AudioTransformsCatalog,"
            + "MusicEmotion.MLNet.EmotionModel,"
            + "MusicEmotion.MLNet.EmotionPrediction,"
            + "MusicEmotion.MLNet.LogStftEstimator,"
            + "MusicEmotion.MLNet.LogStftEstimator+Options,"
            + "MusicEmotion.MLNet.LogStftTransformer,"
            + "MusicEmotion.MLNet.MelSpectrogramEstimator,"
            + "MusicEmotion.MLNet.MelSpectrogramEstimator+Options,"
            + "MusicEmotion.MLNet.MelSpectrogramTransformer,"
            + "MusicEmotion.MLNet.MusicClip,"
            + "MusicEmotion.MLNet.MusicDataCatalog,"
            + "MusicEmotion.MLNet.MusicEmotionTrainersCatalog,"
            + "MusicEmotion.MLNet.NetworkArchitecture,"
            + "MusicEmotion.MLNet.SpectralSummaryEstimator,"
            + "MusicEmotion.MLNet.SpectralSummaryEstimator+Options,"
            + "MusicEmotion.MLNet.SpectralSummaryFeatures,"
            + "MusicEmotion.MLNet.SpectralSummaryTransformer,"
            + "MusicEmotion.MLNet.SpectrogramClassificationModelParameters,"
            + "MusicEmotion.MLNet.SpectrogramClassificationTrainer,"
            + "MusicEmotion.MLNet.SpectrogramClassificationTrainer+Options,"
            + "MusicEmotion.MLNet.SpectrogramScale,"
            + "MusicEmotion.MLNet.TrainingDevice,"
            + "MusicEmotion.MLNet.TrainingProgress,"
            + "MusicEmotion.MLNet.TrainingRecipe,"
            + "MusicEmotion.MLNet.WindowType,";

        // The experiments package (comparison, plots, demo corpus, Soundtracks reader, WAV writer).
        private const string PinnedExperiments = ""
            + "MusicEmotion.MLNet.Experiments.AudioWriter,"
            + "MusicEmotion.MLNet.Experiments.ClassificationScores,"
            + "MusicEmotion.MLNet.Experiments.ComparisonExperiment,"
            + "MusicEmotion.MLNet.Experiments.ComparisonMethod,"
            + "MusicEmotion.MLNet.Experiments.ComparisonMethods,"
            + "MusicEmotion.MLNet.Experiments.ComparisonOptions,"
            + "MusicEmotion.MLNet.Experiments.ComparisonOptions+Defaults,"
            + "MusicEmotion.MLNet.Experiments.ComparisonResult,"
            + "MusicEmotion.MLNet.Experiments.ConfusionMatrixPlot,"
            + "MusicEmotion.MLNet.Experiments.ConfusionMatrixPlot+Defaults,"
            + "MusicEmotion.MLNet.Experiments.DeepMethod,"
            + "MusicEmotion.MLNet.Experiments.DemoCorpus,"
            + "MusicEmotion.MLNet.Experiments.DemoCorpus+Defaults,"
            + "MusicEmotion.MLNet.Experiments.EnsembleMethod,"
            + "MusicEmotion.MLNet.Experiments.FoldResult,"
            + "MusicEmotion.MLNet.Experiments.MeanDeviation,"
            + "MusicEmotion.MLNet.Experiments.MethodInput,"
            + "MusicEmotion.MLNet.Experiments.MethodResult,"
            + "MusicEmotion.MLNet.Experiments.MethodSettings,"
            + "MusicEmotion.MLNet.Experiments.ModelCost,"
            + "MusicEmotion.MLNet.Experiments.SoundtracksCatalog,"
            + "MusicEmotion.MLNet.Experiments.SoundtracksLabelStrategy,"
            + "MusicEmotion.MLNet.Experiments.SoundtracksReader,"
            + "MusicEmotion.MLNet.Experiments.SoundtracksSet,";

        [Fact]
        public void TheCorePackageExportsTheListedTypes()
            => AssertExported(typeof(SpectrogramClassificationTrainer).Assembly, PinnedCore);

        [Fact]
        public void TheExperimentsPackageExportsTheListedTypes()
            => AssertExported(typeof(MusicEmotion.MLNet.Experiments.ComparisonExperiment).Assembly, PinnedExperiments);

        [Fact]
        public void TheCorePackageHasAtMostThirtyPublicTypes()
        {
            int count = typeof(SpectrogramClassificationTrainer).Assembly.GetExportedTypes().Length;
            Assert.InRange(count, 1, 30);
        }

        private static void AssertExported(System.Reflection.Assembly assembly, string pinned)
        {
            var exported = assembly.GetExportedTypes()
                .Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            var expected = pinned.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(expected.SequenceEqual(exported),
                "The public surface of " + assembly.GetName().Name + " changed. Added: " + string.Join(", ", exported.Except(expected)) +
                "; removed: " + string.Join(", ", expected.Except(exported)) + ". Update the list if that was intended.");
        }
    }
}
