using System.IO;
using System.Text.Json;

namespace MusicEmotion.MLNet.Cli.Tests
{
    /// <summary>One in-process run of <c>mer</c>: exit code and what it printed.</summary>
    public sealed class CliRun
    {
        private CliRun(int exitCode, string stdout, string stderr)
        {
            ExitCode = exitCode;
            Stdout = stdout;
            Stderr = stderr;
        }

        public int ExitCode { get; }

        public string Stdout { get; }

        public string Stderr { get; }

        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

        public static CliRun Mer(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = MerApp.Run(args, stdout, stderr);
            return new CliRun(code, stdout.ToString(), stderr.ToString());
        }

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }
}
