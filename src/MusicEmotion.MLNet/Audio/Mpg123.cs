using System;
using System.Runtime.InteropServices;
using System.Text;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Thin binding to libmpg123 (<c>libmpg123.so.0</c>, Debian package <c>libmpg123-0</c>), the MPEG audio decoder
    /// libsndfile itself uses for mp3. Called directly because libsndfile neither exposes mpg123's
    /// <c>MPG123_QUIET</c> flag (its decoder writes notes and errors straight to standard error) nor
    /// <c>mpg123_scan</c> (its frame count for an mp3 without a Xing/Info header is an estimate from the bitrate).
    /// Handles are opened with the flags libsndfile uses (float output, gapless, no automatic resampling), so the
    /// samples are libsndfile's. All functions are bound on first use; the off_t-taking ones by their 64-bit names.
    /// </summary>
    internal static unsafe class Mpg123
    {
        public const string LibraryName = "libmpg123";
        public const string DebianPackage = "libmpg123-0";

        /// <summary><c>MPG123_OK</c>, <c>MPG123_ERR</c>, <c>MPG123_NEW_FORMAT</c>, <c>MPG123_DONE</c>.</summary>
        public const int Ok = 0, Err = -1, NewFormat = -11, Done = -12;

        /// <summary><c>mpg123_errcode</c> for "failed to find valid MPEG data within limit on resync".</summary>
        public const int ResyncFail = 28;

        /// <summary><c>MPG123_ENC_FLOAT_32</c>.</summary>
        public const int EncodingFloat32 = 0x200;

        // enum mpg123_parms and enum mpg123_param_flags (mpg123.h).
        private const int ParamAddFlags = 2, ParamRemoveFlags = 13;
        private const long FlagQuiet = 0x20, FlagGapless = 0x40, FlagForceFloat = 0x400, FlagAutoResample = 0x8000;
        private const int SeekSet = 0;

        private sealed class Api
        {
            public delegate* unmanaged<int> Init;
            public delegate* unmanaged<byte*, int*, IntPtr> New;
            public delegate* unmanaged<IntPtr, void> Delete;
            public delegate* unmanaged<IntPtr, int, nint, double, int> Param;
            public delegate* unmanaged<IntPtr, byte*, int> Open;
            public delegate* unmanaged<IntPtr, int> Close;
            public delegate* unmanaged<IntPtr, nint*, int*, int*, int> GetFormat;
            public delegate* unmanaged<IntPtr, int> Scan;
            public delegate* unmanaged<IntPtr, long> Length;
            public delegate* unmanaged<IntPtr, long, int, long> Seek;
            public delegate* unmanaged<IntPtr, long> TellStream;
            public delegate* unmanaged<IntPtr, byte*, nuint, nuint*, int> Read;
            public delegate* unmanaged<IntPtr, int> ErrorCode;
            public delegate* unmanaged<int, byte*> PlainStrError;
        }

        private static readonly Lazy<Api> s_api = new Lazy<Api>(Bind);

        /// <summary>Whether libmpg123 could be loaded and initialised (if not, libsndfile decodes mp3 itself).</summary>
        public static bool IsAvailable
        {
            get
            {
                try
                {
                    return s_api.Value != null;
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    return false;
                }
            }
        }

        private static Api Bind()
        {
            var lib = NativeLibraryLoader.Load(LibraryName, DebianPackage,
                new[] { "libmpg123.so.0", "libmpg123.so", "libmpg123.0.dylib", "mpg123", "libmpg123-0" });
            IntPtr F(string name) => NativeLibraryLoader.Export(lib, LibraryName, name);
            // The _64 exports take 64-bit offsets on every platform (plain off_t is 32-bit on Windows).
            IntPtr F64(string name) => NativeLibrary.TryGetExport(lib, name + "_64", out var p) ? p : F(name);
            var api = new Api
            {
                Init = (delegate* unmanaged<int>)F("mpg123_init"),
                New = (delegate* unmanaged<byte*, int*, IntPtr>)F("mpg123_new"),
                Delete = (delegate* unmanaged<IntPtr, void>)F("mpg123_delete"),
                Param = (delegate* unmanaged<IntPtr, int, nint, double, int>)F("mpg123_param"),
                Open = (delegate* unmanaged<IntPtr, byte*, int>)F64("mpg123_open"),
                Close = (delegate* unmanaged<IntPtr, int>)F("mpg123_close"),
                GetFormat = (delegate* unmanaged<IntPtr, nint*, int*, int*, int>)F("mpg123_getformat"),
                Scan = (delegate* unmanaged<IntPtr, int>)F("mpg123_scan"),
                Length = (delegate* unmanaged<IntPtr, long>)F64("mpg123_length"),
                Seek = (delegate* unmanaged<IntPtr, long, int, long>)F64("mpg123_seek"),
                TellStream = (delegate* unmanaged<IntPtr, long>)F64("mpg123_tell_stream"),
                Read = (delegate* unmanaged<IntPtr, byte*, nuint, nuint*, int>)F("mpg123_read"),
                ErrorCode = (delegate* unmanaged<IntPtr, int>)F("mpg123_errcode"),
                PlainStrError = (delegate* unmanaged<int, byte*>)F("mpg123_plain_strerror"),
            };
            // A no-op after the first call (mpg123.h); libsndfile calls it on every open too.
            if (api.Init() != Ok)
                throw new DllNotFoundException($"The native library {LibraryName} could not be initialised (mpg123_init failed).");
            return api;
        }

        /// <summary>A new decoder handle with libsndfile's flags plus <c>MPG123_QUIET</c>; <see cref="IntPtr.Zero"/>
        /// on failure.</summary>
        public static IntPtr New()
        {
            var api = s_api.Value;
            int error;
            var handle = api.New(null, &error);
            if (handle == IntPtr.Zero)
                return IntPtr.Zero;
            api.Param(handle, ParamRemoveFlags, (nint)FlagAutoResample, 0);
            api.Param(handle, ParamAddFlags, (nint)(FlagForceFloat | FlagGapless | FlagQuiet), 0);
            return handle;
        }

        public static void Delete(IntPtr handle)
        {
            s_api.Value.Close(handle);
            s_api.Value.Delete(handle);
        }

        public static int Open(IntPtr handle, string path)
        {
            var bytes = Encoding.UTF8.GetBytes(path + "\0");
            fixed (byte* p = bytes)
                return s_api.Value.Open(handle, p);
        }

        public static int GetFormat(IntPtr handle, out int rate, out int channels, out int encoding)
        {
            nint r = 0;
            int c = 0, e = 0;
            int result = s_api.Value.GetFormat(handle, &r, &c, &e);
            rate = (int)r;
            channels = c;
            encoding = e;
            return result;
        }

        /// <summary><c>mpg123_scan</c>: parses every frame header (no decoding) so that <see cref="Length"/> is exact.</summary>
        public static int Scan(IntPtr handle) => s_api.Value.Scan(handle);

        /// <summary><c>mpg123_length</c>: frames per channel, after gapless trimming; negative when unknown.</summary>
        public static long Length(IntPtr handle) => s_api.Value.Length(handle);

        /// <summary><c>mpg123_seek(…, SEEK_SET)</c>: the new frame position, or negative on error.</summary>
        public static long Seek(IntPtr handle, long frame) => s_api.Value.Seek(handle, frame, SeekSet);

        /// <summary><c>mpg123_tell_stream</c>: the byte position in the file the decoder has read up to.</summary>
        public static long TellStream(IntPtr handle) => s_api.Value.TellStream(handle);

        /// <summary><c>mpg123_read</c> of up to <paramref name="bytes"/> bytes of float samples.</summary>
        public static int Read(IntPtr handle, float* buffer, long bytes, out long done)
        {
            nuint n;
            int result = s_api.Value.Read(handle, (byte*)buffer, (nuint)bytes, &n);
            done = (long)n;
            return result;
        }

        public static int ErrorCode(IntPtr handle) => s_api.Value.ErrorCode(handle);

        /// <summary>mpg123's sentence for an error code, without its trailing dots.</summary>
        public static string ErrorText(int code)
        {
            var text = Marshal.PtrToStringUTF8((IntPtr)s_api.Value.PlainStrError(code)) ?? "";
            int suffix = text.LastIndexOf(" (code ", StringComparison.Ordinal);
            if (suffix >= 0)
                text = text.Substring(0, suffix);
            text = text.TrimEnd('.', ' ');
            return text.Length == 0 ? $"mpg123 error {code}" : text;
        }
    }
}
