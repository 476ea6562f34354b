using System.IO;
using System.Linq;
using MusicEmotion.MLNet.Tests.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.IO
{
    /// <summary>Folder walks that follow symbolic links visit each real folder once (issue 13 item 3).</summary>
    public class DirectoryWalkerTests
    {
        [Fact]
        public void SelfLinkListsEachFileOnce()
        {
            using var folder = new TempFolder();
            var file = folder.Touch("sub/a.wav");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "self"), ".");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "sub", "up"), "..");
            Assert.Equal(new[] { file }, new DirectoryWalker().Files(folder.Root).ToArray());
        }

        [Fact]
        public void TwoSelfLinksFinish()
        {
            using var folder = new TempFolder();
            var file = folder.Touch("a.wav");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "x"), ".");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "y"), ".");
            Assert.Equal(new[] { file }, new DirectoryWalker().Files(folder.Root).ToArray());
        }

        [Fact]
        public void LinkToAFolderOutsideIsFollowed()
        {
            using var folder = new TempFolder();
            folder.Touch("elsewhere/b.wav");
            folder.Touch("root/a.wav");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "root", "more"), Path.Combine(folder.Root, "elsewhere"));
            var files = new DirectoryWalker().Files(Path.Combine(folder.Root, "root")).ToArray();
            Assert.Equal(new[] { Path.Combine(folder.Root, "root", "a.wav"), Path.Combine(folder.Root, "root", "more", "b.wav") }, files);
        }

        [Fact]
        public void RealPathResolvesEveryLink()
        {
            using var folder = new TempFolder();
            Directory.CreateDirectory(Path.Combine(folder.Root, "real", "inner"));
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "link"), "real");
            var real = DirectoryWalker.RealPath(Path.Combine(folder.Root, "real", "inner"));
            Assert.Equal(real, DirectoryWalker.RealPath(Path.Combine(folder.Root, "link", "inner")));
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "loop1"), "loop2");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "loop2"), "loop1");
            Assert.Null(DirectoryWalker.RealPath(Path.Combine(folder.Root, "loop1")));
        }

        [Fact]
        public void AudioFolderReaderReportsEmptyClassFoldersAndIgnoresCycles()
        {
            using var folder = new TempFolder();
            folder.Touch("happy/a.wav");
            folder.Touch("sad/b.wav");
            folder.Touch("tender/notes.txt");
            Directory.CreateSymbolicLink(Path.Combine(folder.Root, "happy", "again"), ".");
            var empty = new System.Collections.Generic.List<string>();
            var clips = AudioFolderReader.Read(folder.Root, null, empty);
            Assert.Equal(new[] { "happy", "sad" }, clips.Select(c => c.Label));
            Assert.Equal(new[] { Path.Combine(folder.Root, "tender") }, empty);
        }
    }
}
