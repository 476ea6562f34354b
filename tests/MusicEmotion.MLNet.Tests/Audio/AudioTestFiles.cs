using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Experiments;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>A temporary folder of generated audio files (written with <see cref="AudioWriter"/>), deleted on dispose.</summary>
    public sealed class AudioTestFiles : IDisposable
    {
        public AudioTestFiles()
        {
            Folder = Path.Combine(Path.GetTempPath(), "mer-audio-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        public string Folder { get; }

        public string PathOf(string name) => Path.Combine(Folder, name);

        /// <summary><c>amplitude · sin(2π f n / rate)</c> for n in [0, count).</summary>
        public static float[] Sine(int count, double frequency, int rate, double amplitude = 0.5, double phase = 0)
            => Enumerable.Range(0, count).Select(n => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * n / rate + phase))).ToArray();

        /// <summary>A signal whose every sample differs from its neighbours, to check cuts and loops exactly.</summary>
        public static float[] Distinct(int count, int rate)
            => Enumerable.Range(0, count).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * 220.0 * n / rate) + 0.1 * (n % 997) / 997.0)).ToArray();

        public static float[] Interleave(float[] left, float[] right)
        {
            var result = new float[left.Length * 2];
            for (int i = 0; i < left.Length; i++)
            {
                result[2 * i] = left[i];
                result[2 * i + 1] = right[i];
            }
            return result;
        }

        public string Write(string name, float[] interleaved, int rate, int channels = 1, bool floatingPoint = false)
        {
            var path = PathOf(name);
            AudioWriter.Write(path, interleaved, channels, rate, floatingPoint);
            return path;
        }

        public string WriteText(string name, string content)
        {
            var path = PathOf(name);
            File.WriteAllText(path, content);
            return path;
        }

        /// <summary>The first <paramref name="bytes"/> bytes of <paramref name="source"/> as a new file.</summary>
        public string Truncate(string source, string name, int bytes)
        {
            var path = PathOf(name);
            File.WriteAllBytes(path, File.ReadAllBytes(source).Take(bytes).ToArray());
            return path;
        }

        public static bool FfmpegAvailable => FfmpegDecoder.IsAvailable;

        /// <summary>Converts with the ffmpeg executable (used only to make m4a fixtures).</summary>
        public string Ffmpeg(string source, string name, string codecArguments)
        {
            var path = PathOf(name);
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in $"-nostdin -v error -y -i {source} {codecArguments} {path}".Split(' ', StringSplitOptions.RemoveEmptyEntries))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start);
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException("ffmpeg failed: " + error);
            return path;
        }

        /// <summary>What <c>ffmpeg -i path -f f32le -ac 2 -</c> decodes: interleaved stereo floats.</summary>
        public static float[] FfmpegDecode(string path)
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-nostdin", "-v", "error", "-i", path, "-f", "f32le", "-ac", "2", "-" })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start);
            var error = process.StandardError.ReadToEndAsync();
            using var pcm = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(pcm);
            process.WaitForExit();
            var bytes = pcm.ToArray();
            var samples = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
            return samples;
        }

        /// <summary>The mean of the two channels of interleaved stereo.</summary>
        public static float[] MeanOfStereo(float[] interleaved)
        {
            var mono = new float[interleaved.Length / 2];
            for (int i = 0; i < mono.Length; i++)
                mono[i] = (interleaved[2 * i] + interleaved[2 * i + 1]) * 0.5f;
            return mono;
        }

        public static double Rms(ReadOnlySpan<float> x)
        {
            double sum = 0;
            foreach (var v in x)
                sum += (double)v * v;
            return Math.Sqrt(sum / x.Length);
        }

        /// <summary>Frequency estimated from the count of upward zero crossings.</summary>
        public static double ZeroCrossingFrequency(ReadOnlySpan<float> x, int rate)
        {
            int first = -1, last = -1, count = 0;
            for (int i = 1; i < x.Length; i++)
            {
                if (x[i - 1] < 0 && x[i] >= 0)
                {
                    if (first < 0)
                        first = i;
                    last = i;
                    count++;
                }
            }
            return (count - 1) * (double)rate / (last - first);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
