using System;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MusicEmotion.MLNet.Tests.Audio;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Transforms
{
    /// <summary><c>LoadAudio</c>'s <c>decoderBackend</c>: used by the transformer and ExpandToClips, saved in the zip.</summary>
    public sealed class AudioLoadingBackendTests : IDisposable
    {
        private const int Rate = 22050;
        private readonly AudioTestFiles _files = new AudioTestFiles();
        private readonly MLContext _ml = new MLContext(seed: 1);

        public void Dispose() => _files.Dispose();

        private sealed class PathRow
        {
            public string Path { get; set; }
        }

        private IDataView Paths(params string[] paths) => _ml.Data.LoadFromEnumerable(paths.Select(p => new PathRow { Path = p }));

        [Fact]
        public void ManagedBackendIsUsedAndSurvivesSaveLoad()
        {
            // 44.1 kHz stereo: decoding, downmix and resampling all go through the managed code.
            var x = AudioTestFiles.Distinct(44100, 44100);
            var path = WavFile.Write(_files.PathOf("a.wav"), AudioTestFiles.Interleave(x, x), 44100, 2, 16);
            var data = Paths(path);
            var model = _ml.Transforms.LoadAudio("Audio", "Path", Rate, 0.5, decoderBackend: AudioDecoderBackend.Managed).Fit(data);
            Assert.Equal(AudioDecoderBackend.Managed, model.DecoderBackend);
            var expected = new float[Rate / 2];
            AudioDecoder.ReadClip(path, Rate, 0, ClipAlignment.Start, expected, AudioDecoderBackend.Managed);
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(model.Transform(data), "Audio"));

            var zip = _files.PathOf("model.zip");
            _ml.Model.Save(model, data.Schema, zip);
            var loaded = (AudioLoadingTransformer)new MLContext(seed: 2).Model.Load(zip, out _);
            Assert.Equal(AudioDecoderBackend.Managed, loaded.DecoderBackend);
            Assert.Equal(expected, FreshProcessScorer.ReadColumn(loaded.Transform(data), "Audio"));
        }

        [Fact]
        public void DefaultIsAutoAndAnUndefinedValueIsRejected()
        {
            Assert.Equal(AudioDecoderBackend.Auto, new AudioLoadingEstimator.Options().DecoderBackend);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
                _ml.Transforms.LoadAudio("Audio", "Path", decoderBackend: (AudioDecoderBackend)7));
            Assert.Equal("decoderBackend", error.ParamName);
            Assert.Contains("DecoderBackend=7 is not an AudioDecoderBackend value", error.Message);
        }

        [Fact]
        public void ExpandToClipsProbesWithTheBackend()
        {
            // 2.5 s at 8 kHz; a data set given the managed backend counts 2 whole 1-s clips on any machine.
            var path = WavFile.Write(_files.PathOf("long.wav"), new float[20000], 8000, 1, 16);
            var clips = _ml.Data.ExpandToClips(Paths(path), "Path", 1.0, decoderBackend: AudioDecoderBackend.Managed);
            Assert.Equal(new[] { 0.0, 1.0 }, clips.GetColumn<double>(MusicDataCatalog.ClipOffsetColumnName).ToArray());
            var flac = _files.PathOf("x.flac");
            File.WriteAllBytes(flac, System.Text.Encoding.ASCII.GetBytes("fLaC not really"));
            var bad = _ml.Data.ExpandToClips(Paths(flac), "Path", 1.0, decoderBackend: AudioDecoderBackend.Managed);
            Assert.Throws<NotSupportedException>(() => bad.GetColumn<double>(MusicDataCatalog.ClipOffsetColumnName).ToArray());
        }
    }
}
