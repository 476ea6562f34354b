using System;
using System.IO;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>The writers a command prints to, and the Spectre consoles over them.</summary>
    internal sealed class CliContext
    {
        public CliContext(TextWriter stdout, TextWriter stderr)
        {
            Out = stdout;
            Error = stderr;
            // Live progress bars only on a real terminal; tests, pipes and files get plain lines.
            IsInteractive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected
                && Environment.GetEnvironmentVariable("TERM") != "dumb";
            Console = CreateConsole(stdout, IsInteractive);
        }

        public TextWriter Out { get; }

        public TextWriter Error { get; }

        /// <summary>True when stdout is a terminal that can redraw a progress bar.</summary>
        public bool IsInteractive { get; }

        /// <summary>Spectre console over <see cref="Out"/> for tables and progress.</summary>
        public IAnsiConsole Console { get; }

        /// <summary>Where progress lines go: stdout normally, stderr when stdout carries JSON.</summary>
        public TextWriter ProgressWriter(bool json) => json ? Error : Out;

        private static IAnsiConsole CreateConsole(TextWriter writer, bool interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });
            if (!interactive)
                console.Profile.Width = 120;
            return console;
        }
    }
}
