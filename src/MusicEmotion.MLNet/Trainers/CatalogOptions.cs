namespace MusicEmotion.MLNet.Trainers
{
    /// <summary>Builds the options of a TorchSharp multiclass trainer from the plain arguments of its catalog method.</summary>
    internal static class CatalogOptions
    {
        public static TOptions Create<TOptions, TModel>(string labelColumnName, string featureColumnName, int epochs,
            int batchSize, double learningRate, int? seed)
            where TOptions : TorchSharpMulticlassTrainerBase<TModel>.Options, new()
            where TModel : TorchSharpMulticlassModelParameters
            => new TOptions
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                Epochs = epochs,
                BatchSize = batchSize,
                LearningRate = learningRate,
                Seed = seed,
            };
    }
}
