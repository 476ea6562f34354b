using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MusicEmotion.MLNet.Cli.Modeling
{
    /// <summary>The log-STFT of one clip of a file through the package's own LoadAudio and LogStft transforms.</summary>
    internal static class SpectrogramReader
    {
        /// <summary>Returns the frequency-major values ([bins, frames], dB) and the shape.</summary>
        public static (float[] Values, int Bins, int Frames) Read(MLContext ml, string path, int sampleRate, double duration,
            double offset, int fftSize, int hopLength, AudioDecoderBackend decoderBackend = AudioDecoderBackend.Auto)
        {
            var data = ml.Data.LoadMusicClips(new[] { new MusicClip { Path = Path.GetFullPath(path), Label = "", Song = "" } });
            var pipeline = ml.Transforms.LoadAudio("Audio", "Path", sampleRate: sampleRate, duration: duration, offset: offset, decoderBackend: decoderBackend)
                .Append(ml.Transforms.LogStft("Spectrogram", "Audio", fftSize: fftSize, hopLength: hopLength));
            var transformed = pipeline.Fit(data).Transform(data);
            var type = (VectorDataViewType)transformed.Schema["Spectrogram"].Type;
            var values = transformed.GetColumn<VBuffer<float>>("Spectrogram").First().DenseValues().ToArray();
            return (values, type.Dimensions[0], type.Dimensions[1]);
        }
    }
}
