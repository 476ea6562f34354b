using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>
    /// Finds libtorch for <c>mer</c>. The tool does not bundle libtorch (about 600 MB unpacked, over NuGet's 250 MB
    /// package limit); it uses the libtorch package restored into the NuGet global packages folder — by any build that
    /// references it, or once by <c>mer setup</c> — and loads its libraries before TorchSharp's first use, so that
    /// TorchSharp's own <c>libLibTorchSharp.so</c> (which the tool does carry) finds them already loaded.
    /// </summary>
    internal static class LibTorchRuntime
    {
        /// <summary>The libtorch version the tool was built against (build/Versions.props).</summary>
        public static string Version { get; } = typeof(LibTorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LibTorchVersion")?.Value ?? "2.10.0";

        /// <summary>The CPU package name for this platform, e.g. <c>libtorch-cpu-linux-x64</c>.</summary>
        public static string CpuPackage => $"libtorch-cpu-{RuntimeId}";

        /// <summary>The CUDA package name for this platform (Linux and Windows x64 only).</summary>
        public static string CudaPackage => $"libtorch-cuda-12.8-{RuntimeId}";

        /// <summary>Where libtorch was loaded from (the app folder when bundled), or null when it was not found.</summary>
        public static string LoadedFrom { get; private set; }

        /// <summary>The NuGet global packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
        public static string PackagesFolder
            => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
                ? folder
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        private static string RuntimeId
            => (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-"
               + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

        private static string Library(string name)
            => OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";

        /// <summary>Loads libtorch from the NuGet packages folder unless the app carries it. Never throws: when libtorch
        /// is nowhere, commands that need no network still run, and the others fail with <see cref="MissingMessage"/>.</summary>
        public static void Prepare()
        {
            var app = AppContext.BaseDirectory;
            foreach (var bundled in new[] { app, Path.Combine(app, "runtimes", RuntimeId, "native") })
            {
                if (File.Exists(Path.Combine(bundled, Library("torch_cpu"))))
                {
                    LoadedFrom = bundled;
                    return;
                }
            }
            // A CUDA package someone restored (mer setup --cuda) wins over the CPU one.
            foreach (var package in new[] { CudaPackage, CpuPackage })
            {
                var native = Path.Combine(PackagesFolder, package, Version, "runtimes", RuntimeId, "native");
                if (!File.Exists(Path.Combine(native, Library("torch_cpu"))))
                    continue;
                try
                {
                    // libtorch's libraries find their own dependencies (c10, gomp) beside them.
                    foreach (var name in new[] { "torch_cpu", "torch_cuda", "torch" })
                    {
                        var path = Path.Combine(native, Library(name));
                        if (File.Exists(path))
                            NativeLibrary.Load(path);
                    }
                    LoadedFrom = native;
                    return;
                }
                catch (DllNotFoundException)
                {
                    // A CUDA package without the CUDA driver: try the next one.
                }
                catch (BadImageFormatException)
                {
                }
            }
        }

        /// <summary>What to do when libtorch is missing, or null when it was found.</summary>
        public static string MissingMessage => LoadedFrom != null ? null
            : $"libtorch {Version} was not found: this command runs a network and mer does not bundle libtorch. "
              + $"Install it once with 'mer setup' (restores the {CpuPackage} package into {PackagesFolder}; 'mer setup --cuda' for {CudaPackage}).";

        /// <summary>Whether <paramref name="exception"/> says TorchSharp could not load its native backend.</summary>
        public static bool IsLoadFailure(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is DllNotFoundException || e is TypeInitializationException t && t.TypeName?.StartsWith("TorchSharp", StringComparison.Ordinal) == true)
                    return true;
                if (e.Message.Contains("libtorch", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("load", StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }
    }
}
