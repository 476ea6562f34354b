using System;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Infrastructure
{
    /// <summary>A <see cref="FactAttribute"/> that is skipped when the libtorch native libraries cannot be loaded.</summary>
    public sealed class TorchFactAttribute : FactAttribute
    {
        /// <summary>Skips the test, with the reason, when TorchSharp cannot initialise its native backend.</summary>
        public TorchFactAttribute()
        {
            if (!TorchAvailability.IsAvailable)
                Skip = "libtorch native libraries are not loadable: " + TorchAvailability.Reason;
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
