using System;
using System.IO;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML;
using MusicEmotion.MLNet.Transforms;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>Loads a <c>mer</c> model zip (front end + classifier) and checks that it takes audio paths.</summary>
    internal sealed class ModelFile
    {
        private ModelFile(string path, ITransformer model, AudioLoadingTransformer audioLoader)
        {
            Path = path;
            Model = model;
            AudioLoader = audioLoader;
        }

        public string Path { get; }

        public ITransformer Model { get; }

        public AudioLoadingTransformer AudioLoader { get; }

        /// <summary>Clip length the network was trained on, in seconds.</summary>
        public double ClipDuration => AudioLoader.Duration;

        /// <summary>The saved LoadAudio step's settings as a new loader, skipping unreadable files or not, optionally
        /// reading each row's offset from <paramref name="offsetColumnName"/> (fitted on <paramref name="data"/>).</summary>
        public AudioLoadingTransformer CreateLoader(MLContext ml, IDataView data, bool skipUnreadableFiles, string offsetColumnName = null)
            => ml.Transforms.LoadAudio(new AudioLoadingEstimator.Options
            {
                OutputColumnName = AudioLoader.OutputColumnName,
                InputColumnName = AudioLoader.InputColumnName,
                SampleRate = AudioLoader.SampleRate,
                Duration = AudioLoader.Duration,
                Offset = offsetColumnName == null ? AudioLoader.Offset : 0,
                Alignment = AudioLoader.Alignment,
                OffsetColumnName = offsetColumnName ?? AudioLoader.OffsetColumnName,
                SkipUnreadableFiles = skipUnreadableFiles,
            }).Fit(data);

        /// <summary>Every step of the model after its LoadAudio step, as one chain.</summary>
        public ITransformer AfterLoader()
            => new TransformerChain<ITransformer>(ModelInspector.Flatten(Model).Where(t => !(t is AudioLoadingTransformer)).ToArray());

        /// <summary>Scores <paramref name="data"/> (paths) row by row with a loader of the saved settings (see
        /// <see cref="CreateLoader"/>) and the rest of the model (<see cref="SerialScoredDataView"/>).</summary>
        public (IDataView Scored, AudioLoadingTransformer Loader) Score(MLContext ml, IDataView data, bool skipUnreadableFiles,
            string offsetColumnName = null)
        {
            var loader = CreateLoader(ml, data, skipUnreadableFiles, offsetColumnName);
            return (new SerialScoredDataView(loader.Transform(data), AfterLoader()), loader);
        }

        public static ModelFile Load(MLContext ml, string path)
        {
            var model = LoadTransformer(ml, path, out _);
            var loader = ModelInspector.FindAudioLoader(model)
                ?? throw new InvalidDataException(
                    $"Model {path} has no LoadAudio step: mer needs a model that takes audio paths, as 'mer train' saves.");
            return new ModelFile(path, model, loader);
        }

        /// <summary>Loads any ML.NET model zip, with one-line errors that name <paramref name="path"/>.</summary>
        public static ITransformer LoadTransformer(MLContext ml, string path, out DataViewSchema inputSchema)
        {
            if (Directory.Exists(path))
                throw new FileNotFoundException($"Model {path} is a folder; give the model zip 'mer train' wrote.", path);
            if (!File.Exists(path))
                throw new FileNotFoundException($"Model {path} not found.", path);
            try
            {
                return ml.Model.Load(path, out inputSchema);
            }
            catch (Exception e) when (Unwrap(e) is var inner && (inner is InvalidOperationException || inner is InvalidDataException
                || inner is FormatException || inner is ArgumentException || inner is IOException || inner is NotSupportedException
                || inner is EndOfStreamException))
            {
                // ML.NET loads each part by reflection: the cause (a missing entry, a truncated stream) is inside.
                throw new InvalidDataException($"Model {path} is not a readable ML.NET model zip ({inner.Message.TrimEnd('.')}).", e);
            }
        }

        private static Exception Unwrap(Exception e)
        {
            while (e is System.Reflection.TargetInvocationException && e.InnerException != null)
                e = e.InnerException;
            return e;
        }
    }
}
