using System;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet.Benchmarks
{
    /// <summary>CPU time of the calling thread (POSIX <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), to tell the
    /// consumer's share of an end-to-end run from the workers'. <see cref="double.NaN"/> where libc has no such clock.</summary>
    internal static class ThreadCpuTime
    {
        private const int ClockThreadCpuTimeId = 3; // Linux and glibc

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out Timespec value);

        /// <summary>Milliseconds of CPU this thread has used, or NaN where it cannot be read.</summary>
        public static double CurrentMs()
        {
            if (!OperatingSystem.IsLinux())
                return double.NaN;
            try
            {
                return ClockGetTime(ClockThreadCpuTimeId, out var value) == 0
                    ? value.Seconds * 1e3 + value.Nanoseconds / 1e6
                    : double.NaN;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return double.NaN;
            }
        }
    }
}
