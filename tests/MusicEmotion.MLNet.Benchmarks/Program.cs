using System;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>Entry point: <c>decode</c> (decode + mono + resample per clip, ffmpeg comparison), <c>decode-folder</c>
    /// (every file of a real collection: lengths, errors, ms), <c>backends</c> (managed vs native decoding backend on
    /// real music and a sine sweep: lengths, ms, sample and log-STFT differences, resamplers), <c>frontend</c>
    /// (decode, log-STFT, pipeline throughput), <c>stft</c> (log-STFT engine and transform alone) or <c>network</c>
    /// (training and inference throughput of the full-size network), <c>onnx</c> (TorchSharp vs ONNX Runtime CPU
    /// inference of the exported full-size network), <c>pytorch</c> (the public API's training and inference against PyTorch
    /// on the same machine, and Float32 vs BFloat16 accuracy), <c>precision</c> (Float32 vs BFloat16 training on small
    /// synthetic data over seeds), <c>recipe-ablation</c> (the paper's network on real music with one recipe part switched
    /// on at a time), <c>summary</c> or <c>cache</c> (spectrogram cache on
    /// N clips: peak RSS, MB per clip, write clips/s, epoch seconds).</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var which = args.Length > 0 ? args[0] : "";
            var rest = args.Length > 1 ? args[1..] : Array.Empty<string>();
            switch (which)
            {
                case "decode": return DecodeBenchmark.Run(rest);
                case "decode-folder": return DecodeFolderCheck.Run(rest);
                case "backends": return BackendComparison.Run(rest);
                case "stft": return LogStftBenchmark.Run(rest);
                case "frontend": return FrontEndBenchmark.Run(rest);
                case "network": return NetworkBenchmark.Run(rest);
                case "onnx": return OnnxBenchmark.Run(rest);
                case "summary": return SummaryBenchmark.Run(rest);
                case "cache": return CacheBenchmark.Run(rest);
                case "pytorch": return PyTorchComparison.Run(rest);
                case "precision": return PrecisionTrainingBenchmark.Run(rest);
                case "recipe-ablation": return RecipeAblation.Run(rest);
                default:
                    Console.Error.WriteLine("usage: MusicEmotion.MLNet.Benchmarks <backends|cache|decode|decode-folder|frontend|network|onnx|precision|pytorch|recipe-ablation|stft|summary> [options]");
                    return 2;
            }
        }
    }
}
