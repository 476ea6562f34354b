using System;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Infrastructure
{
    /// <summary>A <see cref="FactAttribute"/> that is skipped when the libtorch native libraries cannot be loaded.</summary>
    public sealed class TorchFactAttribute : FactAttribute
    {
        private bool _withoutCuda;

        /// <summary>Skips the test, with the reason, when TorchSharp cannot initialise its native backend.</summary>
        public TorchFactAttribute()
        {
            if (!TorchAvailability.IsAvailable)
                Skip = "libtorch native libraries are not loadable: " + TorchAvailability.Reason;
        }

        /// <summary>Also skips the test where a CUDA device is usable (for tests of what happens without one).</summary>
        public bool WithoutCuda
        {
            get => _withoutCuda;
            set
            {
                _withoutCuda = value;
                if (value && Skip == null && TorchSharp.torch.cuda.is_available())
                    Skip = "a CUDA device is usable here; the test checks the error given without one";
            }
        }
    }

    /// <summary>A <see cref="TheoryAttribute"/> that is skipped when the libtorch native libraries cannot be loaded.</summary>
    public sealed class TorchTheoryAttribute : TheoryAttribute
    {
        /// <summary>Skips the test, with the reason, when TorchSharp cannot initialise its native backend.</summary>
        public TorchTheoryAttribute()
        {
            if (!TorchAvailability.IsAvailable)
                Skip = "libtorch native libraries are not loadable: " + TorchAvailability.Reason;
        }
    }

    internal static class TorchAvailability
    {
        private static readonly Lazy<string> s_failure = new Lazy<string>(() =>
        {
            try
            {
                TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
                return null;
            }
            catch (Exception e)
            {
                return e.Message;
            }
        });

        public static bool IsAvailable => s_failure.Value == null;

        public static string Reason => s_failure.Value;
    }
}
