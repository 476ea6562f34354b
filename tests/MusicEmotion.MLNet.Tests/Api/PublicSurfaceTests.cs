using System;
using System.Linq;
using MusicEmotion.MLNet.Trainers;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Api
{
    /// <summary>The library's public types, pinned: a type added to (or removed from) the public surface fails this test
    /// until the list below is changed on purpose. Issue 10 asks for at most 30 types users write in their code.</summary>
    public class PublicSurfaceTests
    {
        // 60 types on 2026-12-01 (issue 10's target: at most 30), one per line, sorted.
        private const string Pinned = ""
            + "MusicEmotion.MLNet.Audio.AudioWriter,"
            + "MusicEmotion.MLNet.AudioTransformsCatalog,"
            + "MusicEmotion.MLNet.Data.AudioFileTypes,"
            + "MusicEmotion.MLNet.Data.AudioFolderReader,"
            + "MusicEmotion.MLNet.Data.AudioManifestReader,"
            + "MusicEmotion.MLNet.Data.CrossValidationFold,"
            + "MusicEmotion.MLNet.Data.DemoCorpus,"
            + "MusicEmotion.MLNet.Data.DemoCorpus+Defaults,"
            + "MusicEmotion.MLNet.Data.EmotionLabels,"
            + "MusicEmotion.MLNet.Data.GroupedStratifiedKFold,"
            + "MusicEmotion.MLNet.Data.MusicClip,"
            + "MusicEmotion.MLNet.Data.SoundtracksLabelStrategy,"
            + "MusicEmotion.MLNet.Data.SoundtracksReader,"
            + "MusicEmotion.MLNet.Data.SoundtracksSet,"
            + "MusicEmotion.MLNet.Evaluation.ClassificationScores,"
            + "MusicEmotion.MLNet.Evaluation.ComparisonExperiment,"
            + "MusicEmotion.MLNet.Evaluation.ComparisonMethod,"
            + "MusicEmotion.MLNet.Evaluation.ComparisonMethods,"
            + "MusicEmotion.MLNet.Evaluation.ComparisonOptions,"
            + "MusicEmotion.MLNet.Evaluation.ComparisonOptions+Defaults,"
            + "MusicEmotion.MLNet.Evaluation.ComparisonResult,"
            + "MusicEmotion.MLNet.Evaluation.ConfusionMatrixPlot,"
            + "MusicEmotion.MLNet.Evaluation.ConfusionMatrixPlot+Defaults,"
            + "MusicEmotion.MLNet.Evaluation.DeepMethod,"
            + "MusicEmotion.MLNet.Evaluation.FoldResult,"
            + "MusicEmotion.MLNet.Evaluation.MeanDeviation,"
            + "MusicEmotion.MLNet.Evaluation.MethodInput,"
            + "MusicEmotion.MLNet.Evaluation.MethodResult,"
            + "MusicEmotion.MLNet.Evaluation.MethodSettings,"
            + "MusicEmotion.MLNet.Evaluation.ModelCost,"
            + "MusicEmotion.MLNet.MusicDataCatalog,"
            + "MusicEmotion.MLNet.MusicEmotionTrainersCatalog,"
            + "MusicEmotion.MLNet.Trainers.ClassWeighting,"
            + "MusicEmotion.MLNet.Trainers.NetworkArchitecture,"
            + "MusicEmotion.MLNet.Trainers.SpectrogramClassificationModelParameters,"
            + "MusicEmotion.MLNet.Trainers.SpectrogramClassificationTrainer,"
            + "MusicEmotion.MLNet.Trainers.SpectrogramClassificationTrainer+Defaults,"
            + "MusicEmotion.MLNet.Trainers.SpectrogramClassificationTrainer+Options,"
            + "MusicEmotion.MLNet.Trainers.TrainingDevice,"
            + "MusicEmotion.MLNet.Trainers.TrainingEpochSummary,"
            + "MusicEmotion.MLNet.Trainers.TrainingProgress,"
            + "MusicEmotion.MLNet.Trainers.TrainingRecipe,"
            + "MusicEmotion.MLNet.Transforms.AudioFileError,"
            + "MusicEmotion.MLNet.Transforms.AudioLoadingEstimator,"
            + "MusicEmotion.MLNet.Transforms.AudioLoadingEstimator+Defaults,"
            + "MusicEmotion.MLNet.Transforms.AudioLoadingEstimator+Options,"
            + "MusicEmotion.MLNet.Transforms.AudioLoadingTransformer,"
            + "MusicEmotion.MLNet.Transforms.ClipAlignment,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator+DecibelReference,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator+Defaults,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator+Options,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator+OutputScale,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator+PaddingMode,"
            + "MusicEmotion.MLNet.Transforms.LogStftEstimator+WindowType,"
            + "MusicEmotion.MLNet.Transforms.LogStftTransformer,"
            + "MusicEmotion.MLNet.Transforms.SpectralSummaryEstimator,"
            + "MusicEmotion.MLNet.Transforms.SpectralSummaryEstimator+Defaults,"
            + "MusicEmotion.MLNet.Transforms.SpectralSummaryEstimator+Options,"
            + "MusicEmotion.MLNet.Transforms.SpectralSummaryInputScale,"
            + "MusicEmotion.MLNet.Transforms.SpectralSummaryTransformer,";

        [Fact]
        public void ThePublicTypesAreTheListedOnes()
        {
            var exported = typeof(SpectrogramClassificationTrainer).Assembly.GetExportedTypes()
                .Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            var expected = Pinned.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(expected.SequenceEqual(exported),
                "The public surface changed. Added: " + string.Join(", ", exported.Except(expected)) +
                "; removed: " + string.Join(", ", expected.Except(exported)) + ". Update the list if that was intended.");
        }
    }
}
