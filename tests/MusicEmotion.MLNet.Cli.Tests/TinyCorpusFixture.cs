using System;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary>
    /// A tiny demo corpus (4 pieces per emotion, 3 s, 8 kHz), a model trained on it once with 'mer train' (2 s clips,
    /// n_fft=256: 129 x 126 spectrograms) and an 8-s medley for timelines. Deleted after the test class.
    /// </summary>
    public sealed class TinyCorpusFixture : IDisposable
    {
        public const int SampleRate = 8000;
        public const int FftSize = 256;
        public const int HopLength = 128;
        public const double ClipSeconds = 2;
        public const double MedleySeconds = 8;

        public TinyCorpusFixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "mer-cli-tests-" + Guid.NewGuid().ToString("N"));
            Corpus = Path.Combine(Root, "corpus");
            DemoCorpus.Generate(Corpus, clipsPerClass: 4, seconds: 3, sampleRate: SampleRate);
            Medley = Path.Combine(Root, "medley.wav");
            var pieces = EmotionLabels.All.SelectMany((l, i) => DemoCorpus.Synthesize(l, 500 + i, MedleySeconds / 4, SampleRate)).ToArray();
            AudioWriter.Write(Medley, pieces, channels: 1, SampleRate);
            Model = Path.Combine(Root, "model.zip");
            Train = CliRun.Mer(TrainArgs(Model, "--json"));
        }

        public string Root { get; }

        public string Corpus { get; }

        public string Medley { get; }

        public string Model { get; }

        /// <summary>The fixture's own 'mer train --json' run.</summary>
        public CliRun Train { get; }

        public string[] TrainArgs(string model, params string[] extra)
            => new[] { "train", "--data", Corpus, "--out", model, "--epochs", "2", "--batch-size", "4", "--seed", "3",
                "--duration", "2", "--sample-rate", "8000", "--fft-size", "256", "--hop-length", "128", "--device", "cpu" }
                .Concat(extra).ToArray();

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
