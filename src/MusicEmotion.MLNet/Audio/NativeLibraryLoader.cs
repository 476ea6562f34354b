using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Loads a system shared library by trying its usual file names, and fails with a message that says which Debian
    /// package provides it. Exports are bound as unmanaged function pointers, so no assembly-wide
    /// <see cref="NativeLibrary.SetDllImportResolver"/> (of which an assembly may have only one) is needed.
    /// </summary>
    internal static class NativeLibraryLoader
    {
        /// <summary>Loads the first of <paramref name="candidates"/> that the dynamic loader can open.</summary>
        /// <exception cref="DllNotFoundException">None of the names could be loaded.</exception>
        public static IntPtr Load(string libraryName, string debianPackage, IReadOnlyList<string> candidates)
        {
            if (IsHidden(libraryName))
                throw new DllNotFoundException(
                    $"The native library {libraryName} could not be loaded: it is hidden by the environment variable " +
                    $"{HideVariable}={Environment.GetEnvironmentVariable(HideVariable)} (as on a machine without package {debianPackage}).");
            foreach (var name in candidates)
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                    return handle;
            }
            throw new DllNotFoundException(
                $"The native library {libraryName} ({string.Join(", ", candidates)}) could not be loaded. " +
                $"Install the Debian/Ubuntu package {debianPackage} (sudo apt-get install {debianPackage}) " +
                "or run build/setup.sh, which installs every native dependency of MusicEmotion.MLNet.");
        }

        /// <summary>Environment variable that makes libraries count as not installed, for tests and CI of the managed
        /// decoding backend: a comma-separated list of library names (<c>libsndfile,libsoxr,libmpg123</c>) or
        /// <c>all</c>. A hidden library fails to load exactly where a missing one does.</summary>
        public const string HideVariable = "MUSICEMOTION_HIDE_NATIVE_LIBRARIES";

        private static bool IsHidden(string libraryName)
        {
            var hidden = Environment.GetEnvironmentVariable(HideVariable);
            if (string.IsNullOrWhiteSpace(hidden))
                return false;
            foreach (var item in hidden.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (item.Equals("all", StringComparison.OrdinalIgnoreCase) || item.Equals(libraryName, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }

        /// <summary>The address of <paramref name="export"/> in <paramref name="library"/>.</summary>
        /// <exception cref="EntryPointNotFoundException">The library is too old to export the function.</exception>
        public static IntPtr Export(IntPtr library, string libraryName, string export)
        {
            if (NativeLibrary.TryGetExport(library, export, out var address))
                return address;
            throw new EntryPointNotFoundException(
                $"The native library {libraryName} does not export {export}; it is too old for MusicEmotion.MLNet. " +
                "Update it or run build/setup.sh.");
        }
    }
}
