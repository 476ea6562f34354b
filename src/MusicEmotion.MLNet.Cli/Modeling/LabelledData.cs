using System.IO;
using Microsoft.ML;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>The <c>--data</c> of train, evaluate and compare: the package's one reader guess
    /// (<see cref="DataSource"/>) with the Experiments package's Soundtracks reader, warnings as <c>mer: warning:</c> lines.</summary>
    internal static class LabelledData
    {
        /// <summary>Loads <paramref name="path"/>; warnings go to <paramref name="warnings"/>; <paramref name="strict"/> is --strict.</summary>
        public static IDataView Load(MLContext ml, string path, TextWriter warnings, bool strict)
            => DataSource.Load(ml, path, w => warnings.WriteLine("mer: warning: " + w), strict, "--data",
                folder => ml.Data.LoadSoundtracks(folder));
    }
}
