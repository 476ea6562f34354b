using Xunit;

namespace MusicEmotion.MLNet.Tests.Audio
{
    /// <summary>A <see cref="FactAttribute"/> skipped (reported as skipped) when libsndfile or libsoxr does not load,
    /// for tests that compare the managed decoding backend with the native one; with <see cref="NeedsFfmpeg"/> also
    /// when ffmpeg is not on PATH.</summary>
    public sealed class NativeAudioFactAttribute : FactAttribute
    {
        /// <summary>Skips the test, with the reason, when a native library is missing.</summary>
        public NativeAudioFactAttribute()
        {
            if (!AudioDecoder.NativeAvailable)
                Skip = "libsndfile/libsoxr are not loadable (sudo apt-get install libsndfile1 libsoxr0, or build/setup.sh)";
        }

        /// <summary>Also skip when ffmpeg/ffprobe are not on PATH.</summary>
        public bool NeedsFfmpeg
        {
            get => false;
            set
            {
                if (value && Skip == null && !AudioTestFiles.FfmpegAvailable)
                    Skip = "ffmpeg/ffprobe are not on PATH (sudo apt-get install ffmpeg, or build/setup.sh)";
            }
        }
    }

    /// <summary>A <see cref="TheoryAttribute"/> skipped when libsndfile or libsoxr does not load.</summary>
    public sealed class NativeAudioTheoryAttribute : TheoryAttribute
    {
        /// <summary>Skips the test, with the reason, when a native library is missing.</summary>
        public NativeAudioTheoryAttribute()
        {
            if (!AudioDecoder.NativeAvailable)
                Skip = "libsndfile/libsoxr are not loadable (sudo apt-get install libsndfile1 libsoxr0, or build/setup.sh)";
        }
    }
}
