using System;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>A mistake in the command line that the parser cannot see (e.g. an option value out of range).</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
