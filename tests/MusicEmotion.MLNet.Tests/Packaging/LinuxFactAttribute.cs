using System;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Packaging
{
    /// <summary>A fact that runs on Linux x64 only (the fresh app references libtorch-cpu-linux-x64 and runs bash);
    /// elsewhere it is reported as skipped.</summary>
    public sealed class LinuxFactAttribute : FactAttribute
    {
        public LinuxFactAttribute()
        {
            if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
                Skip = "Runs on Linux x64 only (libtorch-cpu-linux-x64, bash).";
        }
    }
}
