using System;
using System.Runtime.InteropServices;
using System.Text;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Thin binding to libsndfile (<c>libsndfile.so.1</c>, Debian package <c>libsndfile1</c>): the subset of
    /// <c>sndfile.h</c> used to read and write frames as 32-bit floats. All functions are bound on first use.
    /// </summary>
    internal static unsafe class SndFile
    {
        public const string LibraryName = "libsndfile";
        public const string DebianPackage = "libsndfile1";

        public const int ModeRead = 0x10;
        public const int ModeWrite = 0x20;

        public const int FormatWav = 0x010000;
        public const int FormatFlac = 0x170000;
        public const int FormatOgg = 0x200000;
        public const int FormatMpeg = 0x230000;
        public const int FormatTypeMask = 0x0FFF0000;

        public const int SubtypePcm16 = 0x0002;
        public const int SubtypeFloat = 0x0006;
        public const int SubtypeVorbis = 0x0060;
        public const int SubtypeOpus = 0x0064;
        public const int SubtypeMpegLayer3 = 0x0082;

        public const int CommandSetClipping = 0x10C0;
        public const int CommandSetCompressionLevel = 0x1301;

        private const int SeekSet = 0;

        /// <summary>sndfile.h's <c>SF_INFO</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Info
        {
            public long Frames;
            public int SampleRate;
            public int Channels;
            public int Format;
            public int Sections;
            public int Seekable;
        }

        private sealed class Api
        {
            public delegate* unmanaged<byte*, int, Info*, IntPtr> Open;
            public delegate* unmanaged<IntPtr, int> Close;
            public delegate* unmanaged<IntPtr, float*, long, long> ReadFloatFrames;
            public delegate* unmanaged<IntPtr, float*, long, long> WriteFloatFrames;
            public delegate* unmanaged<IntPtr, long, int, long> Seek;
            public delegate* unmanaged<IntPtr, int, void*, int, int> Command;
            public delegate* unmanaged<IntPtr, byte*> StrError;
            public delegate* unmanaged<IntPtr, int> Error;
            public delegate* unmanaged<Info*, int> FormatCheck;
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
                        new[] { "libsndfile.so.1", "libsndfile.so", "libsndfile.1.dylib", "sndfile", "libsndfile-1" });
                    IntPtr F(string name) => NativeLibraryLoader.Export(lib, LibraryName, name);
                    api = new Api
                    {
                        Open = (delegate* unmanaged<byte*, int, Info*, IntPtr>)F("sf_open"),
                        Close = (delegate* unmanaged<IntPtr, int>)F("sf_close"),
                        ReadFloatFrames = (delegate* unmanaged<IntPtr, float*, long, long>)F("sf_readf_float"),
                        WriteFloatFrames = (delegate* unmanaged<IntPtr, float*, long, long>)F("sf_writef_float"),
                        Seek = (delegate* unmanaged<IntPtr, long, int, long>)F("sf_seek"),
                        Command = (delegate* unmanaged<IntPtr, int, void*, int, int>)F("sf_command"),
                        StrError = (delegate* unmanaged<IntPtr, byte*>)F("sf_strerror"),
                        Error = (delegate* unmanaged<IntPtr, int>)F("sf_error"),
                        FormatCheck = (delegate* unmanaged<Info*, int>)F("sf_format_check"),
                    };
                    s_api = api;
                    return api;
                }
            }
        }

        /// <summary>Throws the clear "install libsndfile1" error now if the library cannot be loaded.</summary>
        public static void EnsureLoaded() => _ = Functions;

        /// <summary><c>sf_open</c>; returns <see cref="IntPtr.Zero"/> on failure (see <see cref="LastOpenError"/>).</summary>
        public static IntPtr Open(string path, int mode, ref Info info)
        {
            var api = Functions;
            var bytes = Encoding.UTF8.GetBytes(path + "\0");
            fixed (byte* p = bytes)
            fixed (Info* i = &info)
                return api.Open(p, mode, i);
        }

        /// <summary><c>sf_strerror(NULL)</c>: why the last <c>sf_open</c> failed.</summary>
        public static string LastOpenError() => ErrorText(IntPtr.Zero);

        /// <summary><c>sf_strerror</c> for a handle (or the last open failure for <see cref="IntPtr.Zero"/>).</summary>
        public static string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8((IntPtr)Functions.StrError(handle));

        /// <summary><c>sf_error</c>: non-zero after a failed read or write.</summary>
        public static int Error(IntPtr handle) => Functions.Error(handle);

        public static void Close(IntPtr handle) => Functions.Close(handle);

        public static long ReadFrames(IntPtr handle, float* buffer, long frames) => Functions.ReadFloatFrames(handle, buffer, frames);

        /// <summary><c>sf_readf_float</c> into a span that holds at least <c>frames × channels</c> floats.</summary>
        public static long ReadFrames(IntPtr handle, Span<float> buffer, long frames)
        {
            fixed (float* p = buffer)
                return Functions.ReadFloatFrames(handle, p, frames);
        }

        public static long WriteFrames(IntPtr handle, float* buffer, long frames) => Functions.WriteFloatFrames(handle, buffer, frames);

        /// <summary><c>sf_seek(…, SEEK_SET)</c>; the new position or -1.</summary>
        public static long SeekFrames(IntPtr handle, long frame) => Functions.Seek(handle, frame, SeekSet);

        public static int Command(IntPtr handle, int command, void* data, int size) => Functions.Command(handle, command, data, size);

        public static bool FormatCheck(ref Info info)
        {
            var api = Functions;
            fixed (Info* i = &info)
                return api.FormatCheck(i) != 0;
        }
    }
}
