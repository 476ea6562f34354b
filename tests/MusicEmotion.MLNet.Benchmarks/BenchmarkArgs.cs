using System;
using System.Globalization;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>The benchmarks' <c>--name value</c> options.</summary>
    internal static class BenchmarkArgs
    {
        public static int Int(string[] args, string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        public static string String(string[] args, string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
    }
}
