using System;
using System.IO;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    /// <summary>A killed process cannot delete its training cache; the next one cleans up after it.</summary>
    public sealed class SpectrogramCacheTemporaryPathTests
    {
        [Fact]
        public void CachesOfProcessesThatNoLongerRunAreDeletedAndLiveOnesKept()
        {
            var folder = Path.Combine(Path.GetTempPath(), "MusicEmotion.MLNet");
            Directory.CreateDirectory(folder);
            // pid_max on Linux is at most 2^22; this pid cannot be running.
            var dead = Path.Combine(folder, $"testsweep-{int.MaxValue - 1}-{Guid.NewGuid():N}.spc");
            var mine = Path.Combine(folder, $"testsweep-{Environment.ProcessId}-{Guid.NewGuid():N}.spc");
            var other = Path.Combine(folder, $"othersweep-{int.MaxValue - 1}-{Guid.NewGuid():N}.spc");
            foreach (var file in new[] { dead, mine, other })
                File.WriteAllBytes(file, new byte[] { 1, 2, 3 });
            try
            {
                var path = SpectrogramCache.NewTemporaryPath("testsweep");

                Assert.False(File.Exists(dead));
                Assert.True(File.Exists(mine));
                Assert.True(File.Exists(other), "only the given prefix is swept");
                Assert.StartsWith(Path.Combine(folder, $"testsweep-{Environment.ProcessId}-"), path);
                Assert.EndsWith(".spc", path);
                Assert.False(File.Exists(path));
            }
            finally
            {
                foreach (var file in new[] { dead, mine, other })
                    File.Delete(file);
            }
        }
    }
}
