using System;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Experiments;
using MusicEmotion.MLNet.Tests.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    /// <summary>Impossible comparison settings fail before any feature is computed (issue 13 item 7).</summary>
    public class ComparisonValidationTests
    {
        [Theory]
        [InlineData(100, "Folds", "Folds=100 must be at most the number of songs, 4")]
        [InlineData(1, "Folds", "Folds=1 must be at least 2.")]
        public void FoldsAreCheckedAgainstTheSongs(int folds, string parameter, string message)
        {
            using var folder = new TempFolder();
            var clips = new[] { "happy", "sad", "happy", "sad" }
                .Select((label, i) => new MusicClip { Path = folder.Touch($"{i}.wav"), Label = label, Song = $"song{i}" }).ToArray();
            var options = new ComparisonOptions { Folds = folds, OutputDirectory = Path.Combine(folder.Root, "out") };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonExperiment.Run(clips, options));
            Assert.Equal(parameter, e.ParamName);
            Assert.StartsWith(message, e.Message);
            Assert.False(Directory.Exists(Path.Combine(folder.Root, "out")), "the run started before checking its options");
        }

        [Fact]
        public void FrontEndSettingsAreCheckedFirst()
        {
            using var folder = new TempFolder();
            var clips = new[] { "happy", "sad", "happy", "sad" }
                .Select((label, i) => new MusicClip { Path = folder.Touch($"{i}.wav"), Label = label, Song = $"song{i}" }).ToArray();
            var options = new ComparisonOptions { Folds = 2, FftSize = 1 << 30, OutputDirectory = Path.Combine(folder.Root, "out") };
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonExperiment.Run(clips, options));
            Assert.Equal("FftSize", e.ParamName);
        }
    }
}
