using System;
using System.IO;
using System.Text;

namespace MusicEmotion.MLNet.Tests.Data
{
    /// <summary>A fresh folder under the temp directory, deleted on dispose, with helpers to write fixture files.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Root = Path.Combine(Path.GetTempPath(), "mer-data-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        public string Write(string relativePath, string text, bool bom = false)
        {
            var path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, text, new UTF8Encoding(bom));
            return path;
        }

        /// <summary>An empty placeholder: the readers list files and never decode them.</summary>
        public string Touch(string relativePath) => Write(relativePath, string.Empty);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
