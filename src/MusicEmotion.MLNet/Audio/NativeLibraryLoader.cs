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
