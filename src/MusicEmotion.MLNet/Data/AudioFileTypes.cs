using System;
using System.Collections.Generic;
using System.IO;

namespace MusicEmotion.MLNet
{
    /// <summary>The audio file name extensions the readers recognise.</summary>
    internal static class AudioFileTypes
    {
        /// <summary>Extensions (with the dot, lower case) of files the readers treat as audio: those libsndfile or
        /// FFmpeg decode.</summary>
        public static IReadOnlyList<string> Extensions { get; } = new[]
        {
            ".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".wma", ".au",
        };

        /// <summary>Whether <paramref name="path"/> ends with one of <see cref="Extensions"/> (case-insensitive).</summary>
        public static bool IsAudio(string path)
        {
            var extension = Path.GetExtension(path);
            foreach (var e in Extensions)
            {
                if (string.Equals(e, extension, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }
    }
}
