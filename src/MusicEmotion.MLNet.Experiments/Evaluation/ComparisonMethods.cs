using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>
    /// The methods of the paper's comparison: ML.NET's linear SVM and random forest (one-versus-all), LightGBM on the
    /// spectral summary, and the Inception-GRU residual network on the log-STFT (<see cref="Default"/>), plus the deep
    /// baselines of its Table 3: VGG-16 1D, Inception-v3 1D, ResNet-18 1D, Sarkar's VGG and the multi-kernel CNN (<see cref="All"/>). Adding a deep
    /// architecture is one <see cref="DeepMethod.Create"/> line and an entry in <see cref="All"/>.
    /// </summary>
    public static class ComparisonMethods
    {
        /// <summary>Column holding the standardised summary inside the SVM chain.</summary>
        private const string NormalizedSummary = "SummaryStandardized";

        /// <summary>The name <see cref="Resolve"/> expands to every method of <see cref="All"/>.</summary>
        public const string AllName = "all";

        /// <summary><c>NormalizeMeanVariance</c> on the summary, then <c>OneVersusAll(LinearSvm)</c> with 30 Pegasos
        /// iterations per class.</summary>
        public static ComparisonMethod Svm { get; } = new ComparisonMethod("svm", "SVM (linear, one-vs-all)", MethodInput.Summary,
            (ml, s) => ml.Transforms.NormalizeMeanVariance(NormalizedSummary, s.SummaryColumnName)
                .Append(ml.MulticlassClassification.Trainers.OneVersusAll(
                    ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                    {
                        LabelColumnName = s.LabelColumnName,
                        FeatureColumnName = NormalizedSummary,
                        NumberOfIterations = 30,
                    }),
                    labelColumnName: s.LabelColumnName)),
            // One weight vector and bias per class; per sample a standardisation (2 d) and k dot products (2 d each).
            (model, s) => new ModelCost((long)s.ClassNames.Count * (s.SummaryLength + 1),
                2L * s.SummaryLength + 2L * s.ClassNames.Count * s.SummaryLength));

        /// <summary><c>OneVersusAll(FastForest)</c> on the summary: 100 trees of at most 20 leaves per class.</summary>
        public static ComparisonMethod RandomForest { get; } = new ComparisonMethod("forest", "Random forest (one-vs-all)", MethodInput.Summary,
            (ml, s) => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    LabelColumnName = s.LabelColumnName,
                    FeatureColumnName = s.SummaryColumnName,
                    NumberOfTrees = 100,
                    NumberOfLeaves = 20,
                    MinimumExampleCountPerLeaf = 2,
                    Seed = s.Seed,
                }),
                labelColumnName: s.LabelColumnName));

        /// <summary>LightGBM multiclass on the summary: 100 boosting rounds, 15 leaves, learning rate 0.1.</summary>
        public static ComparisonMethod LightGbm { get; } = new ComparisonMethod("lightgbm", "LightGBM (multiclass)", MethodInput.Summary,
            (ml, s) => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = s.LabelColumnName,
                FeatureColumnName = s.SummaryColumnName,
                NumberOfIterations = 100,
                NumberOfLeaves = 15,
                MinimumExampleCountPerLeaf = 2,
                LearningRate = 0.1,
                Seed = s.Seed,
                Silent = true,
            }));

        /// <summary>The paper's network (Han, Chen and Ban 2023) on the [bins, frames] log-STFT.</summary>
        public static DeepMethod InceptionGru { get; } = DeepMethod.Create(
            "inception-gru", "Inception-GRU residual", NetworkArchitecture.InceptionGruResidual);

        /// <summary>ResNet-18 adapted to 1D convolutions over the log-STFT frames.</summary>
        public static DeepMethod ResNet18 { get; } = DeepMethod.Create(
            "resnet18", "ResNet-18 1D", NetworkArchitecture.ResNet18);

        /// <summary>VGG-16 adapted to 1D convolutions over the log-STFT frames.</summary>
        public static DeepMethod Vgg16 { get; } = DeepMethod.Create(
            "vgg16", "VGG-16 1D", NetworkArchitecture.Vgg16);

        /// <summary>The reduced VGG of Sarkar et al. (2020).</summary>
        public static DeepMethod SarkarVgg { get; } = DeepMethod.Create(
            "sarkar-vgg", "Sarkar VGG", NetworkArchitecture.SarkarVgg);

        /// <summary>The multi-kernel 1D CNN (parallel convolutions of several kernel sizes).</summary>
        public static DeepMethod MultiKernelCnn { get; } = DeepMethod.Create(
            "multi-kernel-cnn", "Multi-kernel CNN", NetworkArchitecture.MultiKernelCnn);

        /// <summary>Inception-v3 (Szegedy et al. 2016) adapted to 1D convolutions over the log-STFT frames.</summary>
        public static DeepMethod InceptionV3 { get; } = DeepMethod.Create(
            "inception-v3", "Inception-v3 1D", NetworkArchitecture.InceptionV3);

        /// <summary>Every registered method, in table order: <see cref="Default"/>, then the deep baselines.</summary>
        public static IReadOnlyList<ComparisonMethod> All { get; } =
            new ComparisonMethod[] { Svm, RandomForest, LightGbm, InceptionGru, Vgg16, InceptionV3, ResNet18, SarkarVgg, MultiKernelCnn };

        /// <summary>The methods run when none are chosen: the paper's table (SVM, random forest, LightGBM,
        /// Inception-GRU).</summary>
        public static IReadOnlyList<ComparisonMethod> Default { get; } = new ComparisonMethod[] { Svm, RandomForest, LightGbm, InceptionGru };

        /// <summary>Looks methods up by <see cref="ComparisonMethod.Name"/> (case-insensitive), in the given order.</summary>
        /// <param name="names">Names such as <c>svm</c>, <c>forest</c>, <c>lightgbm</c>, <c>inception-gru</c>,
        /// <c>vgg16</c>, <c>inception-v3</c>, <c>resnet18</c>, <c>sarkar-vgg</c>, <c>multi-kernel-cnn</c>; <c>all</c> stands for <see cref="All"/>.</param>
        public static IReadOnlyList<ComparisonMethod> Resolve(IEnumerable<string> names)
        {
            if (names == null)
                throw new ArgumentNullException(nameof(names));
            var result = new List<ComparisonMethod>();
            foreach (var raw in names)
            {
                var name = raw?.Trim();
                if (string.IsNullOrEmpty(name))
                    continue;
                if (string.Equals(name, AllName, StringComparison.OrdinalIgnoreCase))
                {
                    result.AddRange(All.Where(m => !result.Contains(m)));
                    continue;
                }
                var method = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException(
                        $"Unknown method '{name}'; known methods: {string.Join(", ", All.Select(m => m.Name))} (or {AllName}).", nameof(names));
                if (!result.Contains(method))
                    result.Add(method);
            }
            if (result.Count == 0)
                throw new ArgumentException("At least one method must be named.", nameof(names));
            return result;
        }
    }
}
