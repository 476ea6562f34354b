using System;
using System.IO;
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

        public static ModelFile Load(MLContext ml, string path)
        {
            if (Directory.Exists(path))
                throw new FileNotFoundException($"Model {path} is a folder; give the model zip 'mer train' wrote.", path);
            if (!File.Exists(path))
                throw new FileNotFoundException($"Model {path} not found.", path);
            ITransformer model;
            try
            {
                model = ml.Model.Load(path, out _);
            }
            catch (Exception e) when (Unwrap(e) is var inner && (inner is InvalidOperationException || inner is InvalidDataException
                || inner is FormatException || inner is ArgumentException || inner is IOException || inner is NotSupportedException
                || inner is EndOfStreamException))
            {
                // ML.NET loads each part by reflection: the cause (a missing entry, a truncated stream) is inside.
                throw new InvalidDataException($"Model {path} is not a readable ML.NET model zip ({inner.Message.TrimEnd('.')}).", e);
            }
            var loader = ModelInspector.FindAudioLoader(model)
                ?? throw new InvalidDataException(
                    $"Model {path} has no LoadAudio step: mer needs a model that takes audio paths, as 'mer train' saves.");
            return new ModelFile(path, model, loader);
        }

        private static Exception Unwrap(Exception e)
        {
            while (e is System.Reflection.TargetInvocationException && e.InnerException != null)
                e = e.InnerException;
            return e;
        }
    }
}
