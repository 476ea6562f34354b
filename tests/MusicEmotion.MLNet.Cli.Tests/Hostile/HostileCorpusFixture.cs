using System;
using System.IO;
using System.Linq;

namespace MusicEmotion.MLNet.Cli.Tests.Hostile
{
    /// <summary>The generated <see cref="HostileCorpus"/> and the 3-class model 'mer train' fits on its per-class
    /// folder with an empty tender/ (one epoch, 1-s clips); deleted after the test class.</summary>
    public sealed class HostileCorpusFixture : IDisposable
    {
        public HostileCorpusFixture()
        {
            var root = Path.Combine(Path.GetTempPath(), "mer-hostile-" + Guid.NewGuid().ToString("N"));
            Corpus = HostileCorpus.Generate(root);
            Train = CliRun.Mer(new[] { "train", "--data", Corpus.ThreeClasses, "--out", Corpus.GoodModel, "--epochs", "1",
                "--batch-size", "4", "--seed", "1", "--device", "cpu" }.Concat(HostileCorpus.SmallFrontEnd).ToArray());
            if (Train.ExitCode == 0)
                Corpus.WriteBrokenModels();
        }

        public HostileCorpus Corpus { get; }

        /// <summary>The fixture's 'mer train' run on the folder with an empty class.</summary>
        public CliRun Train { get; }

        public void Dispose()
        {
            try
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(Corpus.File("unreadable.wav"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Directory.Delete(Corpus.Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
