using System;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>Entry point: <c>frontend</c> (decode, log-STFT, pipeline throughput), <c>stft</c> (log-STFT engine and
    /// transform alone) or <c>network</c> (training and inference throughput of the full-size network).</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var which = args.Length > 0 ? args[0] : "";
            var rest = args.Length > 1 ? args[1..] : Array.Empty<string>();
            switch (which)
            {
                case "stft": return LogStftBenchmark.Run(rest);
                // frontend: FrontEndBenchmark.Run(rest)
                // network:  NetworkBenchmark.Run(rest)
                case "summary":
                    return SummaryBenchmark.Run(rest);
                default:
                    Console.Error.WriteLine("usage: MusicEmotion.MLNet.Benchmarks <frontend|network|stft> [options]");
                    return 2;
            }
        }
    }
}
