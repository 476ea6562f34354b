using System;
using System.IO;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>Bad files on the managed backend: the error contract of the native one (one-line messages starting
    /// "Audio file '&lt;path&gt;' ..."; InvalidDataException for content, FileNotFoundException, NotSupportedException
    /// for a format no chosen decoder reads), and the backend resolution.</summary>
    public sealed class ManagedDecoderFailureTests : IDisposable
    {
        private const AudioDecoderBackend Managed = AudioDecoderBackend.Managed;
        private readonly AudioTestFiles _files = new AudioTestFiles();

        public void Dispose() => _files.Dispose();

        private static T Fails<T>(string path) where T : Exception
        {
            var error = Assert.Throws<T>(() => AudioDecoder.ReadAll(path, 22050, Managed));
            Assert.StartsWith($"Audio file '{path}' ", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            return error;
        }

        [Fact]
        public void MissingFile() => Fails<FileNotFoundException>(_files.PathOf("nothing.wav"));

        [Fact]
        public void EmptyFile()
        {
            var error = Fails<InvalidDataException>(_files.WriteText("empty.mp3", ""));
            Assert.Contains("empty", error.Message);
        }

        [Fact]
        public void TruncatedWav()
        {
            var path = WavFile.Write(_files.PathOf("short.wav"), new float[1000], 8000, 1, 16, declaredDataBytes: 4000);
            var error = Fails<InvalidDataException>(path);
            Assert.Contains("is truncated: its data chunk declares 4000 bytes but only 2000 are present", error.Message);
        }

        [Fact]
        public void WavWithAGarbageHeader()
        {
            var path = _files.PathOf("garbage.wav");
            File.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes("RIFF\x10\0\0\0WAVEjunkjunkjunkjunk"));
            var error = Fails<InvalidDataException>(path);
            Assert.Contains("managed decoder", error.Message);
        }

        [Fact]
        public void TextNamedMp3()
        {
            var error = Fails<InvalidDataException>(_files.WriteText("notes.mp3", "these are not MPEG frames\n"));
            Assert.Contains("no MPEG audio frames found", error.Message);
        }

        [Fact]
        public void AdpcmWavIsNotSupportedByTheManagedBackendAlone()
        {
            // Format tag 0x0011 (IMA ADPCM): neither PCM nor float.
            var path = WavFile.Write(_files.PathOf("adpcm.wav"), new float[1000], 8000, 1, 16, formatTag: 0x0011);
            var error = Fails<NotSupportedException>(path);
            Assert.Contains("Auto, Native or Ffmpeg", error.Message);
        }

        [Fact]
        public void FlacIsNotSupportedByTheManagedBackendAlone()
        {
            var path = _files.PathOf("song.flac");
            File.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes("fLaC\0\0\0\x22 not really"));
            var error = Fails<NotSupportedException>(path);
            Assert.Contains("reads WAV/AIFF PCM and float and MPEG audio only", error.Message);
            Assert.Throws<NotSupportedException>(() => AudioDecoder.Probe(path, Managed));
        }

        [Fact]
        public void AutoWithoutNativeLibrariesIsManagedWithFfmpegForTheRest()
        {
            var plan = AudioDecoder.Resolve(AudioDecoderBackend.Auto, nativeAvailable: false);
            Assert.Equal((AudioDecoder.DecoderChoice.Managed, true, false), (plan.Decoder, plan.FfmpegFallback, plan.NativeResampler));
            plan = AudioDecoder.Resolve(AudioDecoderBackend.Auto, nativeAvailable: true);
            Assert.Equal((AudioDecoder.DecoderChoice.Native, true, true), (plan.Decoder, plan.FfmpegFallback, plan.NativeResampler));
            plan = AudioDecoder.Resolve(Managed, nativeAvailable: true);
            Assert.Equal((AudioDecoder.DecoderChoice.Managed, false, false), (plan.Decoder, plan.FfmpegFallback, plan.NativeResampler));
            plan = AudioDecoder.Resolve(AudioDecoderBackend.Ffmpeg, nativeAvailable: false);
            Assert.Equal((AudioDecoder.DecoderChoice.Ffmpeg, true, false), (plan.Decoder, plan.FfmpegFallback, plan.NativeResampler));
            Assert.Throws<ArgumentOutOfRangeException>(() => AudioDecoder.Resolve((AudioDecoderBackend)9, nativeAvailable: true));
        }

        [Fact]
        public void AHiddenLibraryFailsAsAMissingOneNamingItsPackage()
        {
            // A name no other test loads, so setting the variable cannot affect tests running at the same time.
            const string name = "libmerhiddenfortest";
            var before = Environment.GetEnvironmentVariable(NativeLibraryLoader.HideVariable);
            Environment.SetEnvironmentVariable(NativeLibraryLoader.HideVariable, (before == null ? "" : before + ",") + name);
            try
            {
                var error = Assert.Throws<DllNotFoundException>(() => NativeLibraryLoader.Load(name, "libmerhidden0", new[] { "libc.so.6" }));
                Assert.Contains("libmerhiddenfortest could not be loaded", error.Message);
                Assert.Contains("libmerhidden0", error.Message);
            }
            finally
            {
                Environment.SetEnvironmentVariable(NativeLibraryLoader.HideVariable, before);
            }
            // Not hidden, the same library name loads from the candidates.
            Assert.NotEqual(IntPtr.Zero, NativeLibraryLoader.Load(name, "libmerhidden0", new[] { "libc.so.6" }));
        }
    }
}
