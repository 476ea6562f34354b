using System;

namespace MusicEmotion.MLNet.Cli
{
    internal static class Program
    {
        private static int Main(string[] args) => MerApp.Run(args, Console.Out, Console.Error);
    }
}
