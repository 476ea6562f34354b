using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Scores spectrogram batches with an exported network (<see cref="OnnxExporter"/>) in ONNX Runtime, without
    /// libtorch: [count, bins, frames] in, [count, classes] probabilities out. The CUDA execution provider is used when
    /// the ONNX Runtime natives in the application have it (package Microsoft.ML.OnnxRuntime.Gpu.Linux) and it starts
    /// (CUDA and cuDNN found); otherwise the CPU provider scores. <see cref="ExecutionProvider"/> says which one runs.
    /// </summary>
    /// <remarks>One session; <see cref="Score"/> may be called from several threads at once (ONNX Runtime's Run is
    /// thread-safe).</remarks>
    internal sealed class OnnxNetworkScorer : IDisposable
    {
        /// <summary>ONNX Runtime's name of the CUDA provider.</summary>
        public const string CudaProvider = "CUDAExecutionProvider";

        /// <summary>ONNX Runtime's name of the CPU provider.</summary>
        public const string CpuProvider = "CPUExecutionProvider";

        private readonly InferenceSession _session;
        private readonly string _inputName;
        private readonly string _outputName;

        /// <summary>Opens the ONNX model file at <paramref name="path"/>.</summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not an ONNX model of a spectrogram network.</exception>
        public OnnxNetworkScorer(string path, bool allowGpu = true, int intraOpThreads = 0)
            : this(ReadModel(path), path, allowGpu, intraOpThreads)
        {
        }

        /// <summary>Opens an ONNX model held in memory (<paramref name="model"/> is the file's bytes); CPU scoring uses
        /// <paramref name="intraOpThreads"/> threads (0: ONNX Runtime's choice, one per physical core).</summary>
        public OnnxNetworkScorer(byte[] model, bool allowGpu = true, int intraOpThreads = 0)
            : this(model, "(in memory)", allowGpu, intraOpThreads)
        {
        }

        private OnnxNetworkScorer(byte[] model, string source, bool allowGpu, int intraOpThreads)
        {
            ArgumentNullException.ThrowIfNull(model);
            if (intraOpThreads < 0)
                throw new ArgumentOutOfRangeException(nameof(intraOpThreads), $"intraOpThreads={intraOpThreads} must be 0 (automatic) or positive.");
            (_session, ExecutionProvider, GpuFallbackReason) = CreateSession(model, source, allowGpu, intraOpThreads);
            try
            {
                if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count != 1)
                    throw new InvalidDataException($"ONNX model {source} has {_session.InputMetadata.Count} inputs and " +
                        $"{_session.OutputMetadata.Count} outputs; a spectrogram network has one of each.");
                var (inputName, input) = _session.InputMetadata.Single();
                var (outputName, output) = _session.OutputMetadata.Single();
                if (input.Dimensions.Length != 3 || input.Dimensions[1] < 1 || input.Dimensions[2] < 1 || output.Dimensions.Length != 2 || output.Dimensions[1] < 1)
                    throw new InvalidDataException($"ONNX model {source} maps [{string.Join(", ", input.Dimensions)}] to " +
                        $"[{string.Join(", ", output.Dimensions)}]; a spectrogram network maps [batch, bins, frames] to [batch, classes].");
                _inputName = inputName;
                _outputName = outputName;
                Bins = input.Dimensions[1];
                Frames = input.Dimensions[2];
                Classes = output.Dimensions[1];
            }
            catch
            {
                _session.Dispose();
                throw;
            }
        }

        /// <summary>Frequency bins of one input spectrogram.</summary>
        public int Bins { get; }

        /// <summary>Frames of one input spectrogram.</summary>
        public int Frames { get; }

        /// <summary>Classes of the output.</summary>
        public int Classes { get; }

        /// <summary><see cref="CudaProvider"/> or <see cref="CpuProvider"/>: the provider that runs the network.</summary>
        public string ExecutionProvider { get; }

        /// <summary>Why CUDA was not used although the natives offer it (its start failed), or null.</summary>
        public string GpuFallbackReason { get; }

        /// <summary>
        /// Class probabilities of <paramref name="count"/> spectrograms laid out one after another in
        /// <paramref name="spectrograms"/> (each [bins, frames], frequency-major): [count, classes], row-major.
        /// </summary>
        /// <exception cref="ArgumentException">The buffer does not hold <paramref name="count"/> spectrograms.</exception>
        public float[] Score(ReadOnlyMemory<float> spectrograms, int count)
        {
            if (count < 1)
                throw new ArgumentOutOfRangeException(nameof(count), $"count={count} must be positive.");
            long expected = (long)count * Bins * Frames;
            if (spectrograms.Length != expected)
                throw new ArgumentException($"The batch holds {spectrograms.Length} values; {count} spectrograms of " +
                    $"{Bins} bins x {Frames} frames are {expected}.", nameof(spectrograms));
            var memory = System.Runtime.InteropServices.MemoryMarshal.AsMemory(spectrograms);
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory,
                new long[] { count, Bins, Frames });
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, new[] { _inputName }, new[] { input }, new[] { _outputName });
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        public void Dispose() => _session.Dispose();

        private static byte[] ReadModel(string path)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path);
            if (!File.Exists(path))
                throw new FileNotFoundException($"ONNX model file {path} does not exist.", path);
            return File.ReadAllBytes(path);
        }

        private static (InferenceSession, string, string) CreateSession(byte[] model, string source, bool allowGpu, int intraOpThreads)
        {
            string fallback = null;
            if (allowGpu && OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
            {
                var gpuOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads };
                try
                {
                    gpuOptions.AppendExecutionProvider_CUDA(0);
                    return (Open(model, source, gpuOptions), CudaProvider, null);
                }
                catch (OnnxRuntimeException e)
                {
                    // The GPU natives are there but CUDA, cuDNN or a device is not: score on the CPU.
                    fallback = e.Message;
                }
                finally
                {
                    gpuOptions.Dispose();
                }
            }
            using var cpuOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads };
            return (Open(model, source, cpuOptions), CpuProvider, fallback);
        }

        private static InferenceSession Open(byte[] model, string source, SessionOptions options)
        {
            try
            {
                return new InferenceSession(model, options);
            }
            catch (OnnxRuntimeException e) when (!e.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"ONNX model {source} cannot be loaded: {e.Message}", e);
            }
        }
    }
}
