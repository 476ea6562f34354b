using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>A <see cref="FactAttribute"/> that is skipped (reported as skipped, not passed) when the ffmpeg and
    /// ffprobe executables are not on PATH; build/setup.sh installs them.</summary>
    public sealed class FfmpegFactAttribute : FactAttribute
    {
        /// <summary>Skips the test, with the reason, when ffmpeg is missing.</summary>
        public FfmpegFactAttribute()
        {
            if (!AudioTestFiles.FfmpegAvailable)
                Skip = "ffmpeg/ffprobe are not on PATH (sudo apt-get install ffmpeg, or build/setup.sh)";
        }
    }

    /// <summary>A <see cref="TheoryAttribute"/> that is skipped when ffmpeg and ffprobe are not on PATH.</summary>
    public sealed class FfmpegTheoryAttribute : TheoryAttribute
    {
        /// <summary>Skips the test, with the reason, when ffmpeg is missing.</summary>
        public FfmpegTheoryAttribute()
        {
            if (!AudioTestFiles.FfmpegAvailable)
                Skip = "ffmpeg/ffprobe are not on PATH (sudo apt-get install ffmpeg, or build/setup.sh)";
        }
    }
}
