using System;
using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Tests.Infrastructure;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Api
{
    /// <summary>The README's C# quick start is samples/QuickStart/Program.cs, which the solution compiles: the two
    /// stay the same text, so the README cannot show code that does not build.</summary>
    public class ReadmeQuickStartTests
    {
        [Fact]
        public void ReadmeQuickStart_IsTheCompiledSample()
        {
            var root = new DirectoryInfo(Repository.Root);
            var readme = File.ReadAllLines(Path.Combine(root.FullName, "README.md"));
            int heading = Array.IndexOf(readme, "## Quick start in C#");
            Assert.True(heading >= 0, "README.md has no '## Quick start in C#' section");
            int start = Array.IndexOf(readme, "```csharp", heading) + 1;
            int end = Array.IndexOf(readme, "```", start);
            Assert.True(start > 0 && end > start, "The quick start has no ```csharp block");
            var block = readme.Skip(start).Take(end - start).ToArray();
            var sample = File.ReadAllLines(Path.Combine(root.FullName, "samples", "QuickStart", "Program.cs"));
            Assert.Equal(sample, block);
            // One package namespace, plus ML.NET's and the BCL's.
            Assert.Equal(new[] { "using MusicEmotion.MLNet;" }, block.Where(l => l.StartsWith("using MusicEmotion", StringComparison.Ordinal)));
        }
    }
}
