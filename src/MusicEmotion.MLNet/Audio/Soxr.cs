using System;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Thin binding to libsoxr (<c>libsoxr.so.0</c>, Debian package <c>libsoxr0</c>), the resampler behind librosa's
    /// default <c>res_type='soxr_hq'</c>: one-shot resampling of mono float32 at the <c>SOXR_HQ</c> recipe.
    /// </summary>
    internal static unsafe class Soxr
    {
        public const string LibraryName = "libsoxr";
        public const string DebianPackage = "libsoxr0";

        /// <summary><c>SOXR_HQ</c> (= <c>SOXR_20_BITQ</c>) in soxr.h.</summary>
        private const ulong RecipeHighQuality = 4;
        /// <summary><c>SOXR_FLOAT32_I</c>: interleaved 32-bit float.</summary>
        private const int DataTypeFloat32Interleaved = 0;

        [StructLayout(LayoutKind.Sequential)]
        private struct QualitySpec
        {
            public double Precision;
            public double PhaseResponse;
            public double PassbandEnd;
            public double StopbandBegin;
            public IntPtr E;
            public nuint Flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct IoSpec
        {
            public int InputType;
            public int OutputType;
            public double Scale;
            public IntPtr E;
            public nuint Flags;
        }

        private sealed class Api
        {
            public delegate* unmanaged<double, double, uint, float*, nuint, nuint*, float*, nuint, nuint*, IoSpec*, QualitySpec*, IntPtr, byte*> OneShot;
            public QualitySpec HighQuality;
        }

        private static readonly object s_gate = new object();

        private static readonly Lazy<bool> s_available = new Lazy<bool>(() =>
        {
            try
            {
                return Functions != null;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        });

        /// <summary>Whether the library loads (checked once per process).</summary>
        public static bool IsAvailable => s_available.Value;
        private static Api s_api;

        private static Api Functions
        {
            get
            {
                var api = s_api;
                if (api != null)
                    return api;
                lock (s_gate)
                {
                    if (s_api != null)
                        return s_api;
                    var lib = NativeLibraryLoader.Load(LibraryName, DebianPackage,
                        new[] { "libsoxr.so.0", "libsoxr.so", "libsoxr.0.dylib", "soxr" });
                    var qualitySpec = (delegate* unmanaged<nuint, nuint, QualitySpec>)NativeLibraryLoader.Export(lib, LibraryName, "soxr_quality_spec");
                    api = new Api
                    {
                        OneShot = (delegate* unmanaged<double, double, uint, float*, nuint, nuint*, float*, nuint, nuint*, IoSpec*, QualitySpec*, IntPtr, byte*>)
                            NativeLibraryLoader.Export(lib, LibraryName, "soxr_oneshot"),
                        HighQuality = qualitySpec((nuint)RecipeHighQuality, 0),
                    };
                    s_api = api;
                    return api;
                }
            }
        }

        /// <summary>Throws the clear "install libsoxr0" error now if the library cannot be loaded.</summary>
        public static void EnsureLoaded() => _ = Functions;

        /// <summary>The number of samples librosa keeps after resampling <paramref name="inputLength"/> samples:
        /// <c>ceil(n · target / source)</c> (<c>librosa.resample</c>'s <c>fix_length</c>).</summary>
        public static int OutputLength(long inputLength, int sourceRate, int targetRate)
            => checked((int)Math.Ceiling(inputLength * (double)targetRate / sourceRate));

        /// <summary>
        /// Resamples mono <paramref name="input"/> from <paramref name="sourceRate"/> to <paramref name="targetRate"/>
        /// into <paramref name="output"/>, which must hold <see cref="OutputLength"/> samples; the tail soxr does not
        /// produce is zero-filled, as librosa's <c>fix_length</c> pads.
        /// </summary>
        public static void ResampleMono(ReadOnlySpan<float> input, int sourceRate, int targetRate, Span<float> output)
        {
            var api = Functions;
            var io = new IoSpec { InputType = DataTypeFloat32Interleaved, OutputType = DataTypeFloat32Interleaved, Scale = 1.0 };
            var quality = api.HighQuality;
            nuint inputDone = 0, outputDone = 0;
            byte* error;
            fixed (float* src = input)
            fixed (float* dst = output)
            {
                error = api.OneShot(sourceRate, targetRate, 1, src, (nuint)input.Length, &inputDone,
                    dst, (nuint)output.Length, &outputDone, &io, &quality, IntPtr.Zero);
            }
            if (error != null)
                throw new InvalidOperationException(
                    $"libsoxr could not resample {input.Length} samples from {sourceRate} Hz to {targetRate} Hz: " +
                    Marshal.PtrToStringUTF8((IntPtr)error));
            output.Slice((int)outputDone).Clear();
        }
    }
}
