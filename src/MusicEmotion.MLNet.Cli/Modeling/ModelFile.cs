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
            if (!File.Exists(path))
                throw new FileNotFoundException($"Model {path} not found.", path);
            ITransformer model;
            try
            {
                model = ml.Model.Load(path, out _);
            }
            catch (Exception e) when (e is InvalidOperationException || e is InvalidDataException || e is FormatException
                || e is ArgumentException || e is IOException || e is NotSupportedException)
            {
                throw new InvalidDataException($"Model {path} is not a readable ML.NET model zip ({e.Message.TrimEnd('.')}).", e);
            }
            var loader = ModelInspector.FindAudioLoader(model)
                ?? throw new InvalidDataException(
                    $"Model {path} has no LoadAudio step: mer needs a model that takes audio paths, as 'mer train' saves.");
            return new ModelFile(path, model, loader);
        }
    }
}
