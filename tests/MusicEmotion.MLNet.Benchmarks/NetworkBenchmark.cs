using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>
    /// <c>network [--batch 8] [--iters 5] [--threads N] [--skip-train] [--skip-infer] [--skip-batching] [--layers]
    /// [--conv-variants] [--inception-paths] [--path PerBranch|FusedKernel] [--precision fp32|bf16]</c>: throughput of
    /// the full-size Inception-GRU residual network on random [batch, 1025, 1292] inputs (4 classes): forward + backward
    /// + Adam step, and inference (eval, no_grad), each after a warm-up step; then the cost of filling a batch from a
    /// cached IDataView through the trainer's batch reader, as a share of a training step. <c>--layers</c> times the
    /// dominant layer shapes instead; <c>--conv-variants</c> compares ways to compute the first convolutions;
    /// <c>--inception-paths</c> checks and times the Inception block under each <c>InceptionConvolutionPath</c>, and
    /// <c>--path</c> picks the one the full network uses.
    /// </summary>
    internal static class NetworkBenchmark
    {
        private const int Bins = 1025;
        private const int Frames = 1292;
        private const int Classes = 4;

        private static bool s_convVariants;

        public static int Run(string[] args)
        {
            int batch = BenchmarkArgs.Int(args, "--batch", 8);
            int iterations = BenchmarkArgs.Int(args, "--iters", 5);
            int threads = BenchmarkArgs.Int(args, "--threads", 0);
            if (threads > 0)
                torch.set_num_threads(threads);
            var shape = new NetworkShape(Bins, Frames, Classes);
            var architecture = InceptionGruResidualArchitecture.Paper;
            double gflop = architecture.CountForwardFlops(shape) / 1e9;
            Console.WriteLine($"Inception-GRU residual, input [{batch}, {Bins}, {Frames}], {Classes} classes: " +
                $"{architecture.CountParameters(shape):N0} parameters, {gflop:F3} GFLOP forward per sample; " +
                $"torch threads {torch.get_num_threads()}, interop {torch.get_num_interop_threads()}, {Environment.ProcessorCount} cores.");
            torch.manual_seed(1);
            s_convVariants = args.Contains("--conv-variants");
            if (args.Contains("--inception-paths"))
            {
                CompareInceptionPaths(batch, iterations, architecture);
                return 0;
            }
            if (args.Contains("--layers") || s_convVariants)
            {
                ProfileLayers(batch, iterations);
                return 0;
            }
            using var network = architecture.CreateNetwork(shape);
            int pathAt = Array.IndexOf(args, "--path");
            if (pathAt >= 0)
                ((MusicEmotion.MLNet.InceptionGruResidualNetwork)network).ConvolutionPath =
                    Enum.Parse<MusicEmotion.MLNet.InceptionConvolutionPath>(args[pathAt + 1], ignoreCase: true);
            Console.WriteLine($"Inception first convolutions: {((MusicEmotion.MLNet.InceptionGruResidualNetwork)network).ConvolutionPath}");
            using var x = torch.randn(batch, Bins, Frames);
            using var y = torch.randint(0, Classes, new long[] { batch }, dtype: ScalarType.Int64);
            // --precision fp32|bf16: Float32, or BFloat16 convolutions (MixedPrecision); default: what the package picks here.
            int precisionAt = Array.IndexOf(args, "--precision");
            bool bfloat16 = precisionAt >= 0 ? args[precisionAt + 1] == "bf16" : MixedPrecision.CpuHasBFloat16;
            using var precision = MixedPrecision.Enter(bfloat16);
            Console.WriteLine($"Convolutions in {(bfloat16 ? "BFloat16" : "Float32")}");

            double stepSeconds = double.NaN;
            if (!args.Contains("--skip-train"))
            {
                using var optimizer = optim.Adam(network.parameters(), 1e-3);
                network.train();
                var phases = new double[3];
                void Step()
                {
                    using var scope = torch.NewDisposeScope();
                    var watch = Stopwatch.StartNew();
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(network.call(x), y);
                    loss.item<float>();
                    phases[0] += watch.Elapsed.TotalSeconds;
                    watch.Restart();
                    loss.backward();
                    phases[1] += watch.Elapsed.TotalSeconds;
                    watch.Restart();
                    optimizer.step();
                    phases[2] += watch.Elapsed.TotalSeconds;
                }
                stepSeconds = Time("train (fwd+bwd+Adam)", Step, iterations, batch, 3 * gflop);
                Console.WriteLine($"train phases (wall, mean per step incl. warm-up): forward {phases[0] / (iterations + 1) * 1000:F0} ms, " +
                    $"backward {phases[1] / (iterations + 1) * 1000:F0} ms, Adam {phases[2] / (iterations + 1) * 1000:F0} ms");
            }
            if (!args.Contains("--skip-infer"))
            {
                network.eval();
                void Infer()
                {
                    using var noGrad = torch.no_grad();
                    using var scope = torch.NewDisposeScope();
                    network.call(x).argmax(1).sum().item<long>();
                }
                Time("inference (eval, no_grad)", Infer, iterations, batch, gflop);
                void InferInferenceMode()
                {
                    using var mode = torch.inference_mode(true);
                    using var scope = torch.NewDisposeScope();
                    network.call(x).argmax(1).sum().item<long>();
                }
                Time("inference (eval, inference_mode)", InferInferenceMode, iterations, batch, gflop);
            }
            if (!args.Contains("--skip-batching"))
                MeasureBatching(batch, iterations, stepSeconds);
            return 0;
        }

        // Wall-clock figures suffer when other processes share the cores; the CPU-time figure (process CPU seconds per
        // step divided by the torch thread count) estimates the throughput on otherwise idle cores.
        private static double Time(string name, Action step, int iterations, int batch, double gflopPerSample)
        {
            var warm = Stopwatch.StartNew();
            step();
            Console.WriteLine($"{name}: warm-up {warm.Elapsed.TotalSeconds:F2} s");
            var process = Process.GetCurrentProcess();
            var times = new List<double>();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            long rssAfterWarmUp = process.WorkingSet64;
            for (int i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                step();
                times.Add(watch.Elapsed.TotalSeconds);
            }
            process.Refresh();
            double cpuPerStep = (process.TotalProcessorTime - cpuStart).TotalSeconds / iterations / torch.get_num_threads();
            double median = times.OrderBy(t => t).ElementAt(times.Count / 2);
            double best = times.Min();
            Console.WriteLine($"{name}: wall median {median * 1000:F0} ms/step ({batch / median:F1} samples/s, " +
                $"{batch * gflopPerSample / median:F1} GFLOP/s), wall best {best * 1000:F0} ms ({batch / best:F1} samples/s); " +
                $"CPU time {cpuPerStep * 1000:F0} ms/step per thread ({batch / cpuPerStep:F1} samples/s, " +
                $"{batch * gflopPerSample / cpuPerStep:F1} GFLOP/s) over {iterations} steps; " +
                $"RSS {rssAfterWarmUp / 1048576} MiB after warm-up, {process.WorkingSet64 / 1048576} MiB after the steps");
            return median;
        }

        // Forward time of the layer shapes that dominate the cost, in no_grad, to see where time goes.
        private static void ProfileLayers(int batch, int iterations)
        {
            if (s_convVariants)
            {
                using var input = torch.randn(batch, Bins, Frames);
                using var same = nn.Conv1d(Bins, 64, 7, padding: Padding.Same);
                using var symmetric = nn.Conv1d(Bins, 64, 7, padding: 3);
                using var padNoGrad = torch.no_grad();
                using var merged = nn.Conv1d(Bins, 112, 7, padding: 3);
                using var c3 = nn.Conv1d(Bins, 16, 3, padding: 1);
                using var c5 = nn.Conv1d(Bins, 32, 5, padding: 2);
                using var gemmA = torch.randn(112, Bins * 7);
                using var gemmB = torch.randn(Bins * 7, Frames);
                Time("GEMM [112 x 7175] x [7175 x 1292] (per sample)", () => { using var s = torch.NewDisposeScope(); gemmA.matmul(gemmB); }, iterations, 1, 2.0 * 112 * Bins * 7 * Frames / 1e9);
                Time("im2col unfold+contiguous per batch", () => { using var s = torch.NewDisposeScope(); nn.functional.pad(input, new long[] { 3, 3 }).unfold(2, 7, 1).permute(0, 1, 3, 2).contiguous(); }, iterations, batch, 0);
                for (int round = 0; round < 2; round++)
                {
                    Time("merged Conv1d(1025->112, k=7)", () => { using var s = torch.NewDisposeScope(); merged.call(input); }, iterations, batch, 2.0 * Bins * 112 * 7 * Frames / 1e9);
                    Time("three Conv1d k=3,5,7", () => { using var s = torch.NewDisposeScope(); c3.call(input); c5.call(input); symmetric.call(input); }, iterations, batch, 2.0 * Bins * 112 * 7 * Frames / 1e9);
                    Time("Conv1d k=7 Padding.Same", () => { using var s = torch.NewDisposeScope(); same.call(input); }, iterations, batch, 2.0 * Bins * 64 * 7 * Frames / 1e9);
                    Time("Conv1d k=7 padding 3", () => { using var s = torch.NewDisposeScope(); symmetric.call(input); }, iterations, batch, 2.0 * Bins * 64 * 7 * Frames / 1e9);
                }
                return;
            }
            using (var input = torch.randn(batch, Bins, Frames))
            {
                foreach (var (k, w) in new[] { (3, 16), (5, 32), (7, 64) })
                {
                    using var conv = nn.Conv1d(Bins, w, k, padding: Padding.Same);
                    Time($"fwd+bwd Conv1d({Bins}->{w}, k={k})", () => { using var s = torch.NewDisposeScope(); conv.zero_grad(); conv.call(input).sum().backward(); },
                        iterations, batch, 6.0 * Bins * w * k * Frames / 1e9);
                    using var squeeze = nn.Conv1d(w, 1, k, padding: Padding.Same);
                    using var expand = nn.Conv1d(1, w, k, padding: Padding.Same);
                    using var hidden = torch.randn(batch, w, Frames).requires_grad_(true);
                    Time($"fwd+bwd compress+expand w={w}, k={k}", () => { using var s = torch.NewDisposeScope(); expand.call(squeeze.call(hidden)).sum().backward(); },
                        iterations, batch, 12.0 * w * k * Frames / 1e9);
                    using var bn = nn.BatchNorm1d(w);
                    Time($"fwd+bwd BatchNorm1d({w})+AvgPool", () => { using var s = torch.NewDisposeScope(); nn.functional.avg_pool1d(bn.call(hidden), 2).sum().backward(); },
                        iterations, batch, 0);
                }
                using var block = new MusicEmotion.MLNet.ResidualBlock1d(112, 3);
                using var h = torch.randn(batch, 112, Frames / 2).requires_grad_(true);
                Time("fwd+bwd ResidualBlock1d on 646 steps", () => { using var s = torch.NewDisposeScope(); block.call(h).sum().backward(); },
                    iterations, batch, 6.0 * 2 * 112 * 112 * 3 * (Frames / 2) / 1e9);
            }
            using var noGrad = torch.no_grad();
            using var x = torch.randn(batch, Bins, Frames);
            foreach (var (k, w) in new[] { (3, 16), (5, 32), (7, 64) })
            {
                using var conv = nn.Conv1d(Bins, w, k, padding: Padding.Same);
                double flop = 2.0 * Bins * w * k * Frames;
                Time($"Conv1d({Bins}->{w}, k={k}) on [{batch},{Bins},{Frames}]", () => { using var s = torch.NewDisposeScope(); conv.call(x); },
                    iterations, batch, flop / 1e9);
                using var squeeze = nn.Conv1d(w, 1, k, padding: Padding.Same);
                using var expand = nn.Conv1d(1, w, k, padding: Padding.Same);
                using var hidden = torch.randn(batch, w, Frames);
                Time($"compress+expand w={w}, k={k}", () => { using var s = torch.NewDisposeScope(); expand.call(squeeze.call(hidden)); },
                    iterations, batch, 4.0 * w * k * Frames / 1e9);
            }
            {
                int k = 7, w = 64;
                using var squeeze = nn.Conv1d(w, 1, k, padding: Padding.Same);
                using var expand = nn.Conv1d(1, w, k, padding: Padding.Same);
                using var hidden = torch.randn(batch, w, Frames);
                Time("compress+expand as conv2d (N,C,1,L)", () =>
                {
                    using var s = torch.NewDisposeScope();
                    var c = nn.functional.conv2d(hidden.unsqueeze(2), squeeze.weight.unsqueeze(2), squeeze.bias, padding: new long[] { 0, k / 2 });
                    nn.functional.conv2d(c, expand.weight.unsqueeze(2), expand.bias, padding: new long[] { 0, k / 2 });
                }, iterations, batch, 4.0 * w * k * Frames / 1e9);
                Time("compress+expand as unfold+matmul", () =>
                {
                    using var s = torch.NewDisposeScope();
                    // compress: (N, w, L) → (N, L, w·k) windows · (w·k) → (N, L)
                    var padded = nn.functional.pad(hidden, new long[] { k / 2, k / 2 });
                    var windows = padded.unfold(2, k, 1);                           // (N, w, L, k)
                    var c = torch.einsum("nwlk,wk->nl", windows, squeeze.weight[0]) + squeeze.bias;
                    var cp = nn.functional.pad(c, new long[] { k / 2, k / 2 }).unfold(1, k, 1); // (N, L, k)
                    var e = cp.matmul(expand.weight.squeeze(1).t()) + expand.bias;     // (N, L, w)
                    e.permute(0, 2, 1).contiguous();
                }, iterations, batch, 4.0 * w * k * Frames / 1e9);
            }
            using var residual = nn.Conv1d(112, 112, 3, padding: Padding.Same);
            using var r = torch.randn(batch, 112, Frames / 2);
            Time("Conv1d(112->112, k=3) on 646 steps", () => { using var s = torch.NewDisposeScope(); residual.call(r); },
                iterations, batch, 2.0 * 112 * 112 * 3 * (Frames / 2) / 1e9);
        }

        // The Inception block alone (first convolutions + branches), forward in no_grad and forward + backward in train
        // mode, for each way of computing the first convolutions, in alternating rounds so that load changes on a shared
        // machine hit every path alike; first checks that the paths agree on outputs and weight gradients.
        private static void CompareInceptionPaths(int batch, int iterations, InceptionGruResidualArchitecture architecture)
        {
            using var block = new InceptionBlock(Bins, architecture.BranchKernelSizes, architecture.BranchWidths);
            using var x = torch.randn(batch, Bins, Frames);
            var paths = Enum.GetValues<InceptionConvolutionPath>();
            double gflop = 2.0 * Bins * Frames * architecture.BranchKernelSizes.Zip(architecture.BranchWidths, (k, w) => (double)k * w).Sum() / 1e9;
            Tensor reference = null;
            Tensor[] referenceGrads = null;
            // eval: with batch statistics the first convolutions' biases have no gradient (BatchNorm removes them).
            block.eval();
            foreach (var path in paths)
            {
                block.ConvolutionPath = path;
                block.zero_grad();
                var y = block.call(x);
                y.square().sum().backward();
                var grads = block.parameters().Select(p => p.grad.clone()).ToArray();
                if (reference is null)
                {
                    reference = y.detach();
                    referenceGrads = grads;
                    continue;
                }
                double maxGradError = grads.Zip(referenceGrads, (g, r) => (g - r).abs().max().item<float>() / (r.abs().max().item<float>() + 1e-12)).Max();
                Console.WriteLine($"{path} vs {paths[0]}: max |Δy| {(y - reference).abs().max().item<float>():E2}, " +
                    $"max relative |Δgrad| {maxGradError:E2}");
            }
            block.train();
            for (int round = 0; round < 2; round++)
            {
                foreach (var path in paths)
                {
                    block.ConvolutionPath = path;
                    Time($"{path} fwd+bwd", () => { using var s = torch.NewDisposeScope(); block.zero_grad(); block.call(x).sum().backward(); },
                        iterations, batch, 3 * gflop);
                    using (torch.no_grad())
                        Time($"{path} fwd no_grad", () => { using var s = torch.NewDisposeScope(); block.call(x); }, iterations, batch, gflop);
                }
            }
        }

        private static void MeasureBatching(int batch, int iterations, double stepSeconds)
        {
            var ml = new MLContext(seed: 1);
            int rows = batch * 2;
            var random = new Random(1);
            var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new SpectrogramRow
            {
                Features = Enumerable.Range(0, Bins * Frames).Select(_ => (float)random.NextDouble()).ToArray(),
                Label = (uint)(i % Classes + 1),
            }), SpectrogramRow.Schema(Bins, Frames, Classes));
            var cached = ml.Data.Cache(data);
            using var reader = new BatchReader(cached, "Features", "Label", Bins * Frames, batch, null, 1);
            var shuffle = new Random(1);
            foreach (var _ in reader.ReadBatches(shuffle))
            {
                // fills the cache
            }
            var watch = Stopwatch.StartNew();
            int batches = 0;
            for (int i = 0; i < iterations; i++)
            {
                foreach (int count in reader.ReadBatches(shuffle))
                {
                    using var scope = torch.NewDisposeScope();
                    reader.Features.view(batch, Bins, Frames);
                    batches++;
                }
            }
            double perBatch = watch.Elapsed.TotalSeconds / batches;
            Console.WriteLine($"IDataView batching (cached view, shuffled cursor, copy into the batch tensor): " +
                $"{perBatch * 1000:F1} ms per batch of {batch}" +
                (double.IsNaN(stepSeconds) ? "" : $" = {100 * perBatch / stepSeconds:F1} % of a training step"));
        }
    }
}
