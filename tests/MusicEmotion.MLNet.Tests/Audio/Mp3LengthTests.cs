using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>
    /// mp3s whose header length is an estimate or wrong: the frames that decode are the file (as soundfile and ffmpeg
    /// read them), a stream the decoder cannot follow to the end is rejected. Fixtures are made with ffmpeg.
    /// </summary>
    [Collection(nameof(FfmpegFallbackTests))]
    public sealed class Mp3LengthTests : IDisposable
    {
        private const int Rate = 44100;
        private readonly AudioTestFiles _files = new AudioTestFiles();

        public void Dispose() => _files.Dispose();

        /// <summary>3 s of stereo (a 220-Hz tone with a sawtooth, and a 660-Hz tone) as an mp3 made by ffmpeg.</summary>
        private string Mp3(string name, string extraArguments = "")
        {
            var left = AudioTestFiles.Distinct(3 * Rate, Rate);
            var right = AudioTestFiles.Sine(3 * Rate, 660, Rate, 0.3);
            var wav = _files.Write(name + ".wav", AudioTestFiles.Interleave(left, right), Rate, channels: 2, floatingPoint: true);
            return _files.Ffmpeg(wav, name, ("-c:a libmp3lame -b:a 128k " + extraArguments).Trim());
        }

        private string WithBytes(string source, string name, Func<byte[], byte[]> change)
        {
            var path = _files.PathOf(name);
            File.WriteAllBytes(path, change(File.ReadAllBytes(source)));
            return path;
        }

        private static void AssertSameSamples(float[] expected, float[] actual, int count)
        {
            Assert.True(expected.Length >= count && actual.Length >= count);
            double worst = 0;
            for (int i = 0; i < count; i++)
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            // mpg123 and ffmpeg's mp3float are different float implementations of the same synthesis filter bank.
            Assert.InRange(worst, 0, 1e-4);
        }

        [FfmpegTheory]
        [InlineData("-write_xing 0")] // no Xing/Info header: libsndfile's length is an estimate from the bitrate
        [InlineData("")]              // Xing/Info + LAME header: exact length, encoder delay and padding trimmed
        public void WholeFileDecodesToTheSamplesFfmpegGives(string arguments)
        {
            var path = Mp3(arguments.Length == 0 ? "xing.mp3" : "no-xing.mp3", arguments);
            var ffmpeg = AudioTestFiles.MeanOfStereo(AudioTestFiles.FfmpegDecode(path));
            var ours = AudioDecoder.ReadAll(path, Rate);
            Assert.Equal(ffmpeg.Length, ours.Length);
            Assert.Equal(ffmpeg.Length, AudioDecoder.Probe(path).Frames);
            AssertSameSamples(ffmpeg, ours, ours.Length);
        }

        [FfmpegFact]
        public void WithoutADirectLibmpg123TheLengthIsCountedByDecoding()
        {
            var path = Mp3("fallback.mp3", "-write_xing 0");
            var ffmpeg = AudioTestFiles.MeanOfStereo(AudioTestFiles.FfmpegDecode(path));
            var direct = AudioDecoder.ReadAll(path, Rate);
            Mpg123Reader.UseLibsndfileOnly = true;
            try
            {
                var info = AudioDecoder.Probe(path);
                Assert.Equal(AudioBackend.SndFile, info.Backend);
                Assert.Equal(ffmpeg.Length, info.Frames);
                Assert.Equal(direct, AudioDecoder.ReadAll(path, Rate));
                var clip = new float[Rate];
                AudioDecoder.ReadClip(path, Rate, 2.5, ClipAlignment.Start, clip);
                var tail = direct.Skip((int)Math.Round(2.5 * Rate)).ToArray();
                Assert.Equal(tail, clip.Take(tail.Length).ToArray());
                Assert.Throws<ArgumentOutOfRangeException>(() =>
                    AudioDecoder.ReadClip(path, Rate, (double)ffmpeg.Length / Rate + 0.001, ClipAlignment.Start, clip));
            }
            finally
            {
                Mpg123Reader.UseLibsndfileOnly = false;
            }
        }

        [FfmpegFact]
        public void LibsndfileEstimatesTheLengthOfAnMp3WithoutXingHeader()
        {
            // The premise of the tests above: sf_open's frame count is not what decodes.
            var path = Mp3("estimate.mp3", "-write_xing 0");
            var info = new SndFile.Info();
            var handle = SndFile.Open(path, SndFile.ModeRead, ref info);
            Assert.NotEqual(IntPtr.Zero, handle);
            SndFile.Close(handle);
            Assert.NotEqual(AudioTestFiles.FfmpegDecode(path).Length / 2, info.Frames);
        }

        [FfmpegFact]
        public void AReadToTheTrueEndLoopsTheTailAsAnyShortFile()
        {
            var path = Mp3("tail.mp3", "-write_xing 0");
            var all = AudioDecoder.ReadAll(path, Rate);
            var clip = new float[Rate];
            AudioDecoder.ReadClip(path, Rate, 2.5, ClipAlignment.Start, clip);
            var tail = all.Skip((int)Math.Round(2.5 * Rate)).ToArray();
            Assert.InRange(tail.Length, 1, clip.Length - 1);
            Assert.Equal(tail, clip.Take(tail.Length).ToArray());
            Assert.Equal(tail.Take(clip.Length - tail.Length).ToArray(), clip.Skip(tail.Length).ToArray());
        }

        [FfmpegFact]
        public void OffsetBeyondTheTrueEndIsOutOfRange()
        {
            var path = Mp3("end.mp3", "-write_xing 0");
            double seconds = (double)AudioDecoder.Probe(path).Frames / Rate;
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                AudioDecoder.ReadClip(path, Rate, seconds + 0.001, ClipAlignment.Start, new float[100]));
            Assert.Contains($"is at or beyond the end of audio file '{path}' ({seconds:0.###} s long)", e.Message);
            AudioDecoder.ReadClip(path, Rate, seconds - 0.01, ClipAlignment.Start, new float[100]);
        }

        [FfmpegFact]
        public void CentredClipIsCentredOnTheTrueLength()
        {
            var path = Mp3("centre.mp3", "-write_xing 0");
            var all = AudioDecoder.ReadAll(path, Rate);
            var clip = new float[Rate];
            AudioDecoder.ReadClip(path, Rate, 0, ClipAlignment.Center, clip);
            Assert.Equal(all.Skip((all.Length - clip.Length) / 2).Take(clip.Length).ToArray(), clip);
        }

        [FfmpegTheory]
        [InlineData(30001)]
        [InlineData(41234)]
        public void CutMidFrameWithoutXingHeaderDecodesEveryWholeFrame(int keepBytes)
        {
            var whole = Mp3("whole.mp3", "-write_xing 0");
            var path = _files.Truncate(whole, "cut.mp3", keepBytes);
            var ffmpeg = AudioTestFiles.MeanOfStereo(AudioTestFiles.FfmpegDecode(path));
            var ours = AudioDecoder.ReadAll(path, Rate);
            // ffmpeg also decodes the partial last frame; mpg123 (and so soundfile) stops at the last whole one.
            Assert.InRange(ours.Length, ffmpeg.Length - 1152, ffmpeg.Length);
            Assert.Equal(ours.Length, AudioDecoder.Probe(path).Frames);
            AssertSameSamples(ffmpeg, ours, ours.Length - 1152);
        }

        [FfmpegFact]
        public void CutWithXingHeaderIsTruncated()
        {
            var whole = Mp3("whole.mp3");
            Assert.True(Mpg123Reader.HasFrameCountHeader(whole));
            Assert.False(Mpg123Reader.HasFrameCountHeader(Mp3("plain.mp3", "-write_xing 0")));
            var path = _files.Truncate(whole, "cut.mp3", 30001);
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.Matches($"^Audio file '{System.Text.RegularExpressions.Regex.Escape(path)}' is truncated: its Xing/Info header declares 132300 frames but only [0-9]+ are present[.]$", e.Message);
            Assert.Equal(e.Message, Assert.Throws<InvalidDataException>(() => AudioDecoder.Probe(path)).Message);
        }

        [FfmpegTheory]
        [InlineData(8000, 0)]     // the last 8 KB replaced by noise
        [InlineData(4000, 20000)] // 4 KB of noise in the middle, real frames after it
        public void GarbageInTheStreamIsCorrupt(int garbageBytes, int fromEnd)
        {
            var whole = Mp3("clean.mp3");
            var random = new Random(7);
            var path = WithBytes(whole, "garbage.mp3", b =>
            {
                var noise = new byte[garbageBytes];
                random.NextBytes(noise);
                noise.CopyTo(b, b.Length - fromEnd - garbageBytes);
                return b;
            });
            var e = Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050));
            Assert.StartsWith($"Audio file '{path}' is corrupt: its MPEG stream breaks off at ", e.Message);
            Assert.DoesNotContain("\n", e.Message);
            // Every read of the file says so, not only one that reaches the break.
            Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadClip(path, 22050, 0, ClipAlignment.Start, new float[100]));
            Assert.Throws<InvalidDataException>(() => AudioDecoder.Probe(path));
        }

        [FfmpegTheory]
        [InlineData("-write_xing 0")]
        [InlineData("")] // a scanned mpg123 handle decodes a LAME-tagged file about 1e-8 differently: reads never use one
        public void AReadOfAFileScannedBeforeGivesTheSameSamples(string arguments)
        {
            var path = Mp3("twice.mp3", arguments);
            Mpg123Reader.ForgetScannedFiles();
            var first = new float[Rate];
            AudioDecoder.ReadClip(path, Rate, 1.3, ClipAlignment.Start, first);   // scans, seeks, decodes
            var second = new float[Rate];
            AudioDecoder.ReadClip(path, Rate, 1.3, ClipAlignment.Start, second);  // remembered length, no scan
            Assert.Equal(first, second);
            Assert.Equal(AudioDecoder.ReadAll(path, Rate).Skip((int)Math.Round(1.3 * Rate)).Take(Rate).ToArray(), second);
        }

        [FfmpegFact]
        public void AFileChangedAfterItsScanIsScannedAgain()
        {
            var clean = Mp3("changing.mp3");
            AudioDecoder.ReadAll(clean, 22050);
            var bytes = File.ReadAllBytes(clean);
            new Random(5).NextBytes(bytes.AsSpan(bytes.Length - 8000));
            var written = File.GetLastWriteTimeUtc(clean);
            File.WriteAllBytes(clean, bytes);
            File.SetLastWriteTimeUtc(clean, written.AddSeconds(1));
            Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(clean, 22050));
        }

        [FfmpegFact]
        public void TrailingTagsAndZeroPaddingAreNotABreak()
        {
            var clean = Mp3("tagged.mp3", "-write_xing 0");
            int frames = AudioDecoder.ReadAll(clean, Rate).Length;
            var id3v1 = new byte[128];
            "TAG"u8.CopyTo(id3v1);
            var padded = WithBytes(clean, "padded.mp3", b => b.Concat(new byte[3000]).ToArray());
            var tagged = WithBytes(clean, "id3v1.mp3", b => b.Concat(id3v1).ToArray());
            Assert.Equal(frames, AudioDecoder.ReadAll(padded, Rate).Length);
            Assert.Equal(frames, AudioDecoder.ReadAll(tagged, Rate).Length);
        }

        [FfmpegFact]
        public void TheDecoderWritesNothingToStandardError()
        {
            // Noise in the stream makes mpg123 print "Note: Illegal Audio-MPEG-Header ..." unless it is quiet.
            var whole = Mp3("noisy.mp3");
            var path = WithBytes(whole, "noisy-cut.mp3", b =>
            {
                new Random(3).NextBytes(b.AsSpan(b.Length - 6000));
                return b;
            });
            var quiet = StandardErrorOf(() => Assert.Throws<InvalidDataException>(() => AudioDecoder.ReadAll(path, 22050)));
            // fd 2 is the whole process's: tests in other collections may write to it meanwhile, so look for mpg123's text.
            Assert.DoesNotContain("MPEG", quiet);
            Assert.DoesNotContain("mpg123", quiet);
            Assert.DoesNotContain("resync", quiet);
            // libsndfile's own use of mpg123 is not quiet: this is what the direct binding avoids.
            var loud = StandardErrorOf(() =>
            {
                var info = new SndFile.Info();
                var handle = SndFile.Open(path, SndFile.ModeRead, ref info);
                var buffer = new float[(int)info.Frames * info.Channels + 4096];
                SndFile.ReadFrames(handle, buffer, info.Frames);
                SndFile.Close(handle);
            });
            Assert.Contains("MPEG", loud);
        }

        /// <summary>What native code writes to file descriptor 2 while <paramref name="action"/> runs.</summary>
        private string StandardErrorOf(Action action)
        {
            var capture = _files.PathOf(Guid.NewGuid().ToString("N") + ".stderr");
            using (File.Create(capture))
            {
            }
            int saved = Dup(2);
            int file = OpenFile(capture, 1 /* O_WRONLY */);
            Assert.True(saved >= 0 && file >= 0);
            Dup2(file, 2);
            try
            {
                action();
            }
            finally
            {
                Dup2(saved, 2);
                Close(file);
                Close(saved);
            }
            return File.ReadAllText(capture);
        }

        [DllImport("libc", EntryPoint = "dup")]
        private static extern int Dup(int fd);

        [DllImport("libc", EntryPoint = "dup2")]
        private static extern int Dup2(int from, int to);

        [DllImport("libc", EntryPoint = "open")]
        private static extern int OpenFile([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "close")]
        private static extern int Close(int fd);
    }
}
