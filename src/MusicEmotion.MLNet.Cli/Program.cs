using System;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet.Cli
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            // Ctrl+C and SIGTERM stop the work at once: the output files being written are deleted (every output goes
            // through OutputFile: a temporary name, then a move), and the exit code says which signal it was.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, MerApp.Interrupted));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, MerApp.Terminated));
            return MerApp.Run(args, Console.Out, Console.Error);
        }

        private static void Stop(PosixSignalContext context, int exitCode)
        {
            context.Cancel = true;
            OutputFile.Abandon();
            Console.Error.WriteLine($"mer: interrupted by {context.Signal}; no output file was left half-written.");
            Console.Error.Flush();
            Console.Out.Flush();
            // Environment.Exit would run native static destructors (libtorch's) while worker threads still use them,
            // which crashes (SIGSEGV, exit 139); the outputs are already cleaned up, so end the process at once.
            if (OperatingSystem.IsWindows())
                Environment.Exit(exitCode);
            ExitNow(exitCode);
        }

        [DllImport("libc", EntryPoint = "_exit")]
        private static extern void ExitNow(int status);
    }
}
