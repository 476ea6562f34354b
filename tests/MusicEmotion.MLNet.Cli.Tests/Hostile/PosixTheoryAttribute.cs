using System;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests.Hostile
{
    /// <summary>A <see cref="TheoryAttribute"/> skipped on Windows, which has no POSIX signals to send.</summary>
    public sealed class PosixTheoryAttribute : TheoryAttribute
    {
        public PosixTheoryAttribute()
        {
            if (OperatingSystem.IsWindows())
                Skip = "POSIX signals (SIGINT, SIGTERM) cannot be sent to a process on Windows";
        }
    }
}
