using System;
using System.Runtime.InteropServices;
using Xunit;

namespace MusicEmotion.MLNet.Cli.Tests.Hostile
{
    /// <summary>A <see cref="FactAttribute"/> skipped when the tests run as root (root reads files whatever their
    /// permissions) or on Windows (no POSIX permissions).</summary>
    public sealed class NotRootFactAttribute : FactAttribute
    {
        public NotRootFactAttribute()
        {
            if (OperatingSystem.IsWindows())
                Skip = "POSIX file permissions do not apply on Windows";
            else if (geteuid() == 0)
                Skip = "running as root: file permissions are not enforced";
        }

        [DllImport("libc")]
        private static extern uint geteuid();
    }
}
