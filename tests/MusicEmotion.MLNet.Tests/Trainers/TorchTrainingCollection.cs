using Xunit;

namespace MusicEmotion.MLNet.Tests.Trainers
{
    /// <summary>Runs the network tests one after another: each already uses all TorchSharp threads.</summary>
    [CollectionDefinition(Name)]
    public sealed class TorchTrainingCollection
    {
        /// <summary>The collection name.</summary>
        public const string Name = "Torch training";
    }
}
