using System;
using System.IO;
using System.Linq;
using FFMpegCore;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>The m4a path through the ffmpeg executable; these tests change FFMpegCore's global options, so
    /// they run one after another.</summary>
    [Collection(nameof(FfmpegFallbackTests))]
    public sealed class FfmpegFallbackTests : IDisposable
    {
        private readonly AudioTestFiles _files = new AudioTestFiles();

        public void Dispose() => _files.Dispose();

        private string M4a(string name, float[] left, float[] right, int rate)
        {
            var wav = _files.Write(name + ".wav", AudioTestFiles.Interleave(left, right), rate, channels: 2, floatingPoint: true);
            return _files.Ffmpeg(wav, name + ".m4a", "-c:a aac -b:a 192k");
        }

        [FfmpegFact]
        public void M4aIsDecodedAsTheMeanOfItsChannels()
        {
            const int rate = 44100;
            var x = AudioTestFiles.Sine(2 * rate, 440, rate, 0.5);
            // L = R = x: the mean is x itself, where ffmpeg's own "-ac 1" would give √2·x.
            var path = M4a("same", x, x, rate);
            var y = AudioDecoder.ReadAll(path, 22050);
            Assert.InRange(y.Length, 44100 - 1100, 44100 + 1100);
            var middle = y.AsSpan(11025, 22050);
            Assert.InRange(AudioTestFiles.Rms(middle), 0.5 / Math.Sqrt(2) * 0.95, 0.5 / Math.Sqrt(2) * 1.05);
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(middle, 22050), 438, 442);
        }

        [FfmpegFact]
        public void M4aOffsetReadsOnlyThatPart()
        {
            const int rate = 44100;
            var x = AudioTestFiles.Sine(rate, 440, rate, 0.5).Concat(AudioTestFiles.Sine(rate, 880, rate, 0.5)).ToArray();
            var path = M4a("two-notes", x, x, rate);
            var clip = new float[11025];
            AudioDecoder.ReadClip(path, 22050, 1.25, MusicEmotion.MLNet.ClipAlignment.Start, clip);
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(clip.AsSpan(500, 10000), 22050), 875, 885);
            Assert.InRange(AudioTestFiles.Rms(clip.AsSpan(500, 10000)), 0.5 / Math.Sqrt(2) * 0.95, 0.5 / Math.Sqrt(2) * 1.05);
            AudioDecoder.ReadClip(path, 22050, 0.25, MusicEmotion.MLNet.ClipAlignment.Start, clip);
            Assert.InRange(AudioTestFiles.ZeroCrossingFrequency(clip.AsSpan(500, 10000), 22050), 437, 443);
        }

        [FfmpegFact]
        public void M4aProbeUsesFfprobe()
        {
            var x = AudioTestFiles.Sine(3 * 44100, 440, 44100, 0.5);
            var info = AudioDecoder.Probe(M4a("probe", x, x, 44100));
            Assert.Equal(AudioBackend.Ffmpeg, info.Backend);
            Assert.Equal(2, info.Channels);
            Assert.Equal(44100, info.SampleRate);
            Assert.InRange(info.Duration, 2.95, 3.05);
        }

        [FfmpegFact]
        public void WithoutFfmpegAnM4aIsUnsupportedAndTheMessageSaysWhatToInstall()
        {
            var x = AudioTestFiles.Sine(44100, 440, 44100, 0.5);
            var path = M4a("nofallback", x, x, 44100);
            var saved = GlobalFFOptions.Current.BinaryFolder;
            var empty = Directory.CreateDirectory(_files.PathOf("no-ffmpeg")).FullName;
            GlobalFFOptions.Current.BinaryFolder = empty;
            try
            {
                var e = Assert.Throws<NotSupportedException>(() => AudioDecoder.ReadAll(path, 22050));
                Assert.Contains(path, e.Message);
                Assert.Contains("libsndfile", e.Message);
                Assert.Contains("apt-get install ffmpeg", e.Message);
                Assert.Contains("build/setup.sh", e.Message);
            }
            finally
            {
                GlobalFFOptions.Current.BinaryFolder = saved;
            }
        }

        [FfmpegFact]
        public void TruncatedM4aNamesTheFileAndBothDecoders()
        {
            var x = AudioTestFiles.Sine(44100, 440, 44100, 0.5);
            var path = _files.Truncate(M4a("cut", x, x, 44100), "cut-short.m4a", 2000);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Contains(path, e.Message);
            Assert.StartsWith($"Audio file '{path}' is not an audio file libsndfile or ffmpeg can read (", e.Message);
            Assert.Contains("ffmpeg: ", e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
    }
}
