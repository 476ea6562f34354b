using System;
using System.IO;

namespace MusicEmotion.MLNet.Tests.Infrastructure
{
    /// <summary>The repository the tests run from (linked into MusicEmotion.MLNet.Cli.Tests too).</summary>
    internal static class Repository
    {
        /// <summary>The folder holding MusicEmotion.MLNet.sln, above the test binaries.</summary>
        public static string Root { get; } = FindRoot();

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MusicEmotion.MLNet.sln")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("The repository root (MusicEmotion.MLNet.sln) is not above " + AppContext.BaseDirectory);
        }
    }
}
