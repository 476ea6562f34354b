using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>onnx [--batch 8] [--iters 5] [--architecture InceptionGruResidual] [--threads N] [--gpu]</c>: the full-size network (random weights and
    /// batch-normalisation statistics) on random [batch, 1025, 1292] input, exported to ONNX; TorchSharp inference (eval,
    /// no_grad, softmax) and ONNX Runtime CPU inference of the same batch in the same process, each after a warm-up run:
    /// export time and size, largest probability difference, samples/s and their ratio; then ONNX Runtime with its graph
    /// optimisations (Conv + BatchNormalization fusion among them) turned off. <c>--gpu</c> lets the scorer pick CUDA
    /// (build with <c>-p:OnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu.Linux -p:OnnxRuntimeVersion=1.31.0</c>).
    /// </summary>
    internal static class OnnxBenchmark
    {
        private const int Bins = 1025;
        private const int Frames = 1292;
        private const int Classes = 4;

        public static int Run(string[] args)
        {
            int batch = BenchmarkArgs.Int(args, "--batch", 8);
            int iterations = BenchmarkArgs.Int(args, "--iters", 5);
            // --threads N: libtorch's and ONNX Runtime's intra-op threads (0: each library's default, one per core).
            int threads = BenchmarkArgs.Int(args, "--threads", 0);
            if (threads > 0)
                torch.set_num_threads(threads);
            int at = Array.IndexOf(args, "--architecture");
            var architecture = at >= 0 ? Enum.Parse<NetworkArchitecture>(args[at + 1], ignoreCase: true) : NetworkArchitecture.InceptionGruResidual;
            var definition = NetworkDefinitions.For(architecture);
            var shape = new NetworkShape(Bins, Frames, Classes);
            Console.WriteLine($"{architecture}, input [{batch}, {Bins}, {Frames}], {Classes} classes: " +
                $"{definition.CountParameters(shape):N0} parameters; torch threads {torch.get_num_threads()}, " +
                $"{Environment.ProcessorCount} cores.");

            torch.manual_seed(1);
            using var network = definition.CreateNetwork(shape);
            using (torch.no_grad())
            {
                foreach (var (_, module) in network.named_modules())
                {
                    if (module is BatchNorm1d bn)
                    {
                        bn.running_mean.copy_(torch.randn(bn.num_features) * 0.2);
                        bn.running_var.copy_(torch.rand(bn.num_features) + 0.5);
                    }
                }
            }
            network.eval();
            using var x = torch.randn(batch, Bins, Frames);
            var input = x.data<float>().ToArray();

            var watch = Stopwatch.StartNew();
            byte[] model;
            using (var stream = new MemoryStream())
            {
                OnnxExporter.Export(definition, shape, network, stream);
                model = stream.ToArray();
            }
            Console.WriteLine($"export: {watch.Elapsed.TotalSeconds:F2} s, {model.Length / 1e6:F2} MB");
            using var scorer = new OnnxNetworkScorer(model, allowGpu: args.Contains("--gpu"), intraOpThreads: threads);
            Console.WriteLine($"ONNX Runtime provider: {scorer.ExecutionProvider}" +
                (scorer.GpuFallbackReason is string reason ? $" (CUDA provider present but not started: {reason})" : ""));

            float[] torchProbabilities = null, onnxProbabilities = null;
            // ONNX Runtime with its graph optimisations off: no Conv + BatchNormalization fusion, no constant folding; the
            // difference is what the exporter would gain by folding batch normalisation into the weights itself.
            using var unoptimizedOptions = new Microsoft.ML.OnnxRuntime.SessionOptions
            {
                GraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_DISABLE_ALL,
                IntraOpNumThreads = threads,
            };
            using var unoptimized = new Microsoft.ML.OnnxRuntime.InferenceSession(model, unoptimizedOptions);
            var runners = new (string Name, Action Step)[]
            {
                ("TorchSharp inference (eval, no_grad)", () =>
                {
                    using var noGrad = torch.no_grad();
                    using var scope = torch.NewDisposeScope();
                    torchProbabilities = nn.functional.softmax(network.call(x), 1).data<float>().ToArray();
                }),
                ($"ONNX Runtime inference ({scorer.ExecutionProvider})", () => onnxProbabilities = scorer.Score(input, batch)),
                ("ONNX Runtime CPU inference, graph optimisations off", () =>
                {
                    using var value = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(input, new long[] { batch, Bins, Frames });
                    using var outputs = unoptimized.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), new[] { OnnxExporter.InputName },
                        new[] { value }, new[] { OnnxExporter.OutputName });
                }),
            };
            // One warm-up each, then rounds in which every runner scores the batch once, so that a load from other
            // processes falls on all of them alike; wall and process CPU time per batch are kept.
            foreach (var (name, step) in runners)
            {
                var warm = Stopwatch.StartNew();
                step();
                Console.WriteLine($"{name}: warm-up {warm.Elapsed.TotalSeconds:F2} s");
            }
            var wall = runners.Select(_ => new List<double>()).ToArray();
            var cpu = runners.Select(_ => new List<double>()).ToArray();
            var process = Process.GetCurrentProcess();
            for (int i = 0; i < iterations; i++)
            {
                for (int r = 0; r < runners.Length; r++)
                {
                    process.Refresh();
                    var cpuStart = process.TotalProcessorTime;
                    var round = Stopwatch.StartNew();
                    runners[r].Step();
                    wall[r].Add(round.Elapsed.TotalSeconds);
                    process.Refresh();
                    cpu[r].Add((process.TotalProcessorTime - cpuStart).TotalSeconds);
                }
            }
            var medians = new double[runners.Length];
            for (int r = 0; r < runners.Length; r++)
            {
                medians[r] = Median(wall[r]);
                double best = wall[r].Min(), cpuMedian = Median(cpu[r]);
                Console.WriteLine($"{runners[r].Name}: wall median {medians[r] * 1000:F0} ms/batch ({batch / medians[r]:F1} samples/s), " +
                    $"best {best * 1000:F0} ms ({batch / best:F1} samples/s); CPU {cpuMedian * 1000:F0} ms/batch " +
                    $"({batch / cpuMedian:F1} samples per CPU-second) over {iterations} rounds");
            }
            double worst = torchProbabilities.Zip(onnxProbabilities, (a, b) => Math.Abs((double)a - b)).Max();
            Console.WriteLine($"largest probability difference TorchSharp vs ONNX Runtime: {worst:E2}");
            Console.WriteLine($"ONNX Runtime / TorchSharp inference throughput (wall medians): {medians[0] / medians[1]:F2}x");
            return worst <= 1e-4 ? 0 : 1;
        }

        private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
    }
}
