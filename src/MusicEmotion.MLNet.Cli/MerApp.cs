using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Cli.Commands;
using MusicEmotion.MLNet.Cli.Infrastructure;

namespace MusicEmotion.MLNet.Cli
{
    /// <summary>
    /// The <c>mer</c> command line: <c>train</c>, <c>evaluate</c>, <c>predict</c>, <c>inspect</c>, <c>spectrogram</c>, <c>compare</c> and <c>demo</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="Run"/> takes the writers it prints to, so tests drive every command in-process. Human-readable output
    /// goes to <c>stdout</c>; with <c>--json</c> only the JSON document goes there and progress goes to <c>stderr</c>.
    /// Errors are one line on <c>stderr</c> (<c>mer: error: ...</c>) with exit code 1, or 2 for command-line mistakes
    /// (a library's check of a setting is reported under the option's name, see <see cref="OptionNames"/>); set the
    /// environment variable <c>MER_STACKTRACE=1</c> to see the stack trace too. The <c>mer</c> executable exits with
    /// <see cref="Interrupted"/> or <see cref="Terminated"/> on Ctrl+C or SIGTERM, leaving no half-written output file.
    /// </remarks>
    public static class MerApp
    {
        /// <summary>Exit code of a successful command.</summary>
        public const int Success = 0;

        /// <summary>Exit code when a command failed (missing file, unreadable model, bad data).</summary>
        public const int Failure = 1;

        /// <summary>Exit code when the command line itself is wrong (unknown option, missing argument, an option value
        /// out of its range).</summary>
        public const int UsageError = 2;

        /// <summary>Exit code when the command finished but some input files could not be read and were left out
        /// (they are listed, and written to <c>rejected.csv</c>); <c>--strict</c> makes the first one a
        /// <see cref="Failure"/> instead.</summary>
        public const int PartialSuccess = 3;
        /// <summary>Exit code after Ctrl+C (SIGINT), 128 + 2 as a shell reports it.</summary>
        public const int Interrupted = 130;

        /// <summary>Exit code after SIGTERM, 128 + 15 as a shell reports it.</summary>
        public const int Terminated = 143;

        /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
        /// <param name="args">The command line without the program name, e.g. <c>train --data corpus --out model.zip</c>.</param>
        /// <param name="stdout">Where results go (tables, JSON).</param>
        /// <param name="stderr">Where errors (and, with <c>--json</c>, progress) go.</param>
        /// <returns>The exit code: <see cref="Success"/>, <see cref="Failure"/>, <see cref="UsageError"/> or
        /// <see cref="PartialSuccess"/>.</returns>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            ArgumentNullException.ThrowIfNull(args);
            ArgumentNullException.ThrowIfNull(stdout);
            ArgumentNullException.ThrowIfNull(stderr);
            var context = new CliContext(stdout, stderr);
            var root = CreateRootCommand(context);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
            {
                var command = "mer" + string.Concat(parsed.CommandResult.Command == root ? "" : " " + parsed.CommandResult.Command.Name);
                var message = OptionNames.DescribeParseError(
                    string.Join(" ", parsed.Errors[0].Message.Split('\n', '\r', '\t').Select(l => l.Trim()).Where(l => l.Length > 0)));
                stderr.WriteLine($"{command}: error: {message} See '{command} --help'.");
                return UsageError;
            }
            try
            {
                return parsed.Invoke(new InvocationConfiguration
                {
                    Output = stdout,
                    Error = stderr,
                    EnableDefaultExceptionHandler = false,
                });
            }
            catch (Exception e)
            {
                // A library check on a setting the command line gave (FftSize, folds, ...) is a usage error named by its option.
                bool usage = OptionNames.TryTranslate(e, out var translated);
                var message = usage ? translated
                    : LibTorchRuntime.MissingMessage != null && LibTorchRuntime.IsLoadFailure(e) ? LibTorchRuntime.MissingMessage
                    : ErrorMessages.Describe(e);
                stderr.WriteLine($"mer: error: {message}");
                if (Environment.GetEnvironmentVariable("MER_STACKTRACE") == "1")
                    stderr.WriteLine(e);
                return usage || e is UsageException ? UsageError : Failure;
            }
        }

        private static RootCommand CreateRootCommand(CliContext context)
        {
            var root = new RootCommand(
                "Music emotion recognition (Han, Chen & Ban 2023): an Inception-GRU-residual network on log-STFT " +
                "spectrograms, with ML.NET. Start with 'mer demo'.");
            foreach (var command in new[]
            {
                TrainCommand.Create(context),
                EvaluateCommand.Create(context),
                PredictCommand.Create(context),
                InspectCommand.Create(context),
                ExportCommand.Create(context),
                SpectrogramCommand.Create(context),
                CompareCommand.Create(context),
                DemoCommand.Create(context),
                SetupCommand.Create(context),
            })
                root.Add(command);
            return root;
        }
    }
}
