using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading.Tasks;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Magnitude STFT of a mono signal as librosa's <c>stft</c> (<c>librosa/core/spectrum.py</c>) computes it, followed
    /// by a log scale (<c>amplitude_to_db</c>, <c>log1p</c> or none). Output is frequency-major,
    /// <c>[shape=(1 + n_fft/2, n_frames)]</c>, flattened row-major: element (bin k, frame t) at <c>k * frames + t</c>.
    /// Frames are transformed one per SIMD lane (<see cref="LaneRealFft{T}"/>), in float or double, and the batches of
    /// a long signal are spread over the cores. Instances are immutable and thread-safe.
    /// </summary>
    internal sealed class StftEngine
    {
        private const float TenOverLn10 = 4.3429448190325182765f;

        // Below this many frame samples (frames × FftSize) one thread is quicker than the fork/join.
        private const long ParallelThreshold = 1L << 18;

        private const int ChunksPerWorker = 8;

        private readonly int _fftSize;
        private readonly bool _doublePrecision;
        private readonly float[] _windowSingle;
        private readonly double[] _windowDouble;
        private readonly int _hop;
        private readonly bool _center;
        private readonly PaddingMode _padMode;

        public StftEngine(int fftSize, int hopLength, int windowLength, WindowType window, bool center,
            PaddingMode padMode, bool doublePrecision = false)
        {
            if (hopLength <= 0)
                throw new ArgumentOutOfRangeException(nameof(hopLength), $"HopLength={hopLength} must be positive.");
            if (windowLength <= 0 || windowLength > fftSize)
                throw new ArgumentOutOfRangeException(nameof(windowLength),
                    $"WindowLength={windowLength} must be in (0, FftSize={fftSize}].");
            _fftSize = fftSize;
            _doublePrecision = doublePrecision;
            _windowDouble = StftWindow.Create(window, windowLength, fftSize);
            _windowSingle = Array.ConvertAll(_windowDouble, w => (float)w);
            // Fails early on a bad size; the tables are shared by every engine of that size.
            if (doublePrecision)
                LaneRealFft<double>.ForSize(fftSize);
            else
                LaneRealFft<float>.ForSize(fftSize);
            _hop = hopLength;
            _center = center;
            _padMode = padMode;
        }

        /// <summary>n_fft.</summary>
        public int FftSize => _fftSize;

        /// <summary>1 + n_fft/2.</summary>
        public int BinCount => _fftSize / 2 + 1;

        /// <summary>
        /// The shortest signal this configuration accepts: n_fft without centring (librosa raises otherwise),
        /// n_fft/2 + 1 for reflect padding (numpy's reflect needs a sample beyond the pad), 1 otherwise.
        /// </summary>
        public int MinimumLength => !_center ? FftSize : _padMode == PaddingMode.Reflect ? FftSize / 2 + 1 : 1;

        /// <summary>Frames librosa produces for <paramref name="length"/> samples:
        /// 1 + ⌊(length + (center ? n_fft : 0) - n_fft) / hop_length⌋.</summary>
        public int FrameCount(int length) => 1 + (length + (_center ? 2 * (FftSize / 2) : 0) - FftSize) / _hop;

        /// <summary>
        /// Writes the scaled spectrogram of <paramref name="signal"/> into <paramref name="output"/>
        /// (<see cref="BinCount"/> × <see cref="FrameCount"/> values).
        /// </summary>
        public unsafe void Compute(ReadOnlySpan<float> signal, Span<float> output, in SpectrumScaling scaling, bool allowParallel = true)
        {
            if (signal.Length < MinimumLength)
                throw new ArgumentException(
                    $"Signal of {signal.Length} samples is shorter than the {MinimumLength} samples this STFT needs.", nameof(signal));
            int frames = FrameCount(signal.Length);
            int bins = BinCount;
            if (output.Length < (long)bins * frames)
                throw new ArgumentException($"Output holds {output.Length} values; {bins}x{frames} are needed.", nameof(output));

            int lanes = _doublePrecision ? LaneRealFft<double>.Lanes : LaneRealFft<float>.Lanes;
            int batches = (frames + lanes - 1) / lanes;
            int workers = allowParallel && (long)frames * FftSize >= ParallelThreshold
                ? Math.Min(Environment.ProcessorCount, batches)
                : 1;
            double maxPower = 0;
            var localScaling = scaling;
            // Lambdas cannot capture 'in' parameters or spans: they get a copy and raw pointers (pinned meanwhile).
            fixed (float* signalPtr = signal)
            fixed (float* outputPtr = output)
            {
                JobBase job = _doublePrecision
                    ? new Job<double>(this, _windowDouble, signalPtr, signal.Length, outputPtr, frames, localScaling)
                    : new Job<float>(this, _windowSingle, signalPtr, signal.Length, outputPtr, frames, localScaling);
                if (workers == 1)
                {
                    maxPower = job.Run(0, batches);
                }
                else
                {
                    // Several chunks per worker, taken on demand: a worker that the OS delays leaves its share to
                    // the others instead of holding up the join.
                    int chunks = Math.Min(batches, workers * ChunksPerWorker);
                    var maxima = new double[chunks];
                    Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, c =>
                    {
                        long from = (long)batches * c / chunks;
                        long to = (long)batches * (c + 1) / chunks;
                        maxima[c] = job.Run((int)from, (int)to);
                    });
                    foreach (var m in maxima)
                        maxPower = Math.Max(maxPower, m);
                }
            }
            if (scaling.Scale == SpectrogramScale.Decibels)
            {
                if (workers == 1)
                {
                    ApplyDecibelReference(output.Slice(0, bins * frames), maxPower, scaling);
                }
                else
                {
                    fixed (float* outputPtr = output)
                    {
                        var db = (nint)outputPtr;
                        long total = (long)bins * frames;
                        // Chunks of whole vectors, so every chunk but the last has no scalar tail.
                        long chunk = (total / workers + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
                        Parallel.For(0, workers, w =>
                        {
                            long from = Math.Min(total, w * chunk);
                            long to = Math.Min(total, from + chunk);
                            ApplyDecibelReference(new Span<float>((float*)db + from, (int)(to - from)), maxPower, localScaling);
                        });
                    }
                }
            }
        }

        // amplitude_to_db: subtract 20·log10(max(amin, ref)), then clip at (max - top_db).
        private static void ApplyDecibelReference(Span<float> db, double maxPower, in SpectrumScaling scaling)
        {
            double amin2 = (double)scaling.Amin * scaling.Amin;
            double maxDb = 10.0 * Math.Log10(Math.Max(amin2, maxPower));
            double refDb = scaling.Reference == DecibelReference.Max ? maxDb : 10.0 * Math.Log10(Math.Max(amin2, 1.0));
            bool clip = scaling.TopDb.HasValue;
            if (refDb == 0 && !clip)
                return;
            float shift = (float)refDb;
            float floor = clip ? (float)(maxDb - refDb - scaling.TopDb.Value) : float.NegativeInfinity;
            var values = MemoryMarshal.Cast<float, Vector<float>>(db);
            var vShift = new Vector<float>(shift);
            var vFloor = new Vector<float>(floor);
            for (int i = 0; i < values.Length; i++)
                values[i] = Vector.Max(values[i] - vShift, vFloor);
            for (int i = values.Length * Vector<float>.Count; i < db.Length; i++)
                db[i] = Math.Max(db[i] - shift, floor);
        }

        private abstract class JobBase
        {
            /// <summary>Transforms the batches [from, to) and returns the largest power seen.</summary>
            public abstract double Run(int fromBatch, int toBatch);
        }

        /// <summary>Per-thread buffers, reused across calls.</summary>
        private sealed class Workspace<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            [ThreadStatic] private static Workspace<T> t_current;

            public readonly Vector<T>[] Re;
            public readonly Vector<T>[] Im;
            // Per-lane padded frames, then one block of zeros.
            public readonly float[] Edge;

            private Workspace(int half, int fftSize)
            {
                Re = new Vector<T>[half];
                Im = new Vector<T>[half];
                Edge = new float[fftSize * (Vector<T>.Count + 1)];
            }

            public static Workspace<T> Get(int fftSize)
            {
                var ws = t_current;
                if (ws == null || ws.Re.Length != fftSize / 2)
                    t_current = ws = new Workspace<T>(fftSize / 2, fftSize);
                return ws;
            }
        }

        /// <summary>One call's inputs, shared by the worker threads (pointers stay pinned by the caller); arithmetic in T.</summary>
        private sealed unsafe class Job<T> : JobBase
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            private readonly StftEngine _engine;
            private readonly LaneRealFft<T> _fft;
            private readonly T[] _window;
            private readonly float* _signal;
            private readonly int _length;
            private readonly float* _output;
            private readonly int _frames;
            private readonly SpectrumScaling _scaling;
            private readonly Vector<T> _amin2;

            public Job(StftEngine engine, T[] window, float* signal, int length, float* output, int frames, SpectrumScaling scaling)
            {
                _engine = engine;
                _fft = LaneRealFft<T>.ForSize(engine._fftSize);
                _window = window;
                _signal = signal;
                _length = length;
                _output = output;
                _frames = frames;
                _scaling = scaling;
                _amin2 = new Vector<T>(T.CreateTruncating((double)scaling.Amin * scaling.Amin));
            }

            public override double Run(int fromBatch, int toBatch)
            {
                var fft = _fft;
                int half = fft.HalfSize;
                int n = fft.Size;
                int lanes = LaneRealFft<T>.Lanes;
                var ws = Workspace<T>.Get(n);
                var re = ws.Re.AsSpan(0, half);
                var im = ws.Im.AsSpan(0, half);
                var maxPower = Vector<T>.Zero;
                for (int b = fromBatch; b < toBatch; b++)
                {
                    int first = b * lanes;
                    int count = Math.Min(lanes, _frames - first);
                    Load(re, im, ws.Edge, first, count);
                    fft.Transform(re, im);
                    var batchMax = Store(re, im, first, count);
                    maxPower = Vector.Max(maxPower, batchMax);
                }
                T max = T.Zero;
                for (int l = 0; l < lanes; l++)
                    max = T.Max(max, maxPower[l]);
                return double.CreateTruncating(max);
            }

            // Windowed frames into the lanes, packed as complex pairs, at bit-reversed positions.
            private void Load(Span<Vector<T>> re, Span<Vector<T>> im, float[] edge, int first, int count)
            {
                var fft = _fft;
                int n = fft.Size;
                int half = fft.HalfSize;
                int lanes = LaneRealFft<T>.Lanes;
                int pad = _engine._center ? n / 2 : 0;
                var bitReverse = fft.BitReverse;
                fixed (Vector<T>* reV = re)
                fixed (Vector<T>* imV = im)
                fixed (T* window = _window)
                fixed (float* edgePtr = edge)
                fixed (int* rev = bitReverse)
                {
                    T* reF = (T*)reV;
                    T* imF = (T*)imV;
                    // Frames past the end of the signal read the zero block after the per-lane edge buffers.
                    nint* sources = stackalloc nint[lanes];
                    for (int l = 0; l < lanes; l++)
                    {
                        long start = (long)(first + l) * _engine._hop - pad;
                        if (l >= count)
                        {
                            sources[l] = (nint)(edgePtr + lanes * n);
                        }
                        else if (start >= 0 && start + n <= _length)
                        {
                            sources[l] = (nint)(_signal + start);
                        }
                        else
                        {
                            FillPadded(edgePtr + l * n, start, n);
                            sources[l] = (nint)(edgePtr + l * n);
                        }
                    }
                    if (typeof(T) == typeof(float) && TransposingLoader.IsSupported && half % 8 == 0)
                    {
                        TransposingLoader.Load(sources, (float*)window, half, rev, (float*)reF, (float*)imF);
                        return;
                    }
                    if (typeof(T) == typeof(double) && TransposingLoader.IsDoubleSupported && half % 4 == 0)
                    {
                        TransposingLoader.LoadDouble(sources, (double*)window, half, rev, (double*)reF, (double*)imF);
                        return;
                    }
                    for (int l = 0; l < lanes; l++)
                    {
                        float* src = (float*)sources[l];
                        for (int j = 0; j < half; j++)
                        {
                            int dst = rev[j] * lanes + l;
                            reF[dst] = T.CreateTruncating(src[2 * j]) * window[2 * j];
                            imF[dst] = T.CreateTruncating(src[2 * j + 1]) * window[2 * j + 1];
                        }
                    }
                }
            }

            // Samples [start, start + n) of the padded signal: zeros (np.pad 'constant') or mirrored without repeating
            // the edge sample (np.pad 'reflect').
            private void FillPadded(float* dst, long start, int n)
            {
                bool reflect = _engine._padMode == PaddingMode.Reflect;
                long period = 2L * (_length - 1);
                for (int i = 0; i < n; i++)
                {
                    long t = start + i;
                    if (t >= 0 && t < _length)
                    {
                        dst[i] = _signal[t];
                    }
                    else if (!reflect || _length == 1)
                    {
                        dst[i] = reflect ? _signal[0] : 0f;
                    }
                    else
                    {
                        t = ((t % period) + period) % period;
                        dst[i] = _signal[t < _length ? t : period - t];
                    }
                }
            }

            // Bins 0..M of the batch, in mirrored pairs (k, M - k); returns the largest power per lane.
            private Vector<T> Store(ReadOnlySpan<Vector<T>> re, ReadOnlySpan<Vector<T>> im, int first, int count)
            {
                var fft = _fft;
                int lanes = LaneRealFft<T>.Lanes;
                var maxPower = Vector<T>.Zero;
                bool narrowDouble = typeof(T) == typeof(double) && Avx.IsSupported && lanes == 4 && count == 4;
                int m = fft.HalfSize;
                for (int k = 0; k <= m / 2; k++)
                {
                    fft.PowerPair(re, im, k, out var power, out var mirrorPower);
                    maxPower = Vector.Max(maxPower, Vector.Max(power, mirrorPower));
                    Emit(power, k, first, count, narrowDouble);
                    if (m - k != k)
                        Emit(mirrorPower, m - k, first, count, narrowDouble);
                }
                return maxPower;
            }

            // Bin k of the batch, scaled, into row k of the output at columns [first, first + count).
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private void Emit(Vector<T> power, int k, int first, int count, bool narrowDouble)
            {
                var scale = _scaling.Scale;
                float* row = _output + (long)k * _frames + first;
                // Before the logarithm: the argument in T. Rounding it to float costs at most 3e-7 dB, so the
                // double path takes the (much faster) single-precision logarithm too.
                Vector<T> argument = scale switch
                {
                    SpectrogramScale.Decibels => Vector.Max(power, _amin2),
                    SpectrogramScale.NaturalLog1p => Vector<T>.One + Vector.SquareRoot(power),
                    _ => Vector.SquareRoot(power),
                };
                if (typeof(T) == typeof(float))
                {
                    var value = Scale(argument.As<T, float>(), scale);
                    if (count == Vector<T>.Count)
                    {
                        value.Store(row);
                    }
                    else
                    {
                        for (int l = 0; l < count; l++)
                            row[l] = value[l];
                    }
                }
                else if (narrowDouble)
                {
                    var narrow = Avx.ConvertToVector128Single(argument.As<T, double>().AsVector256());
                    Scale(narrow, scale).Store(row);
                }
                else
                {
                    for (int l = 0; l < count; l++)
                    {
                        double x = double.CreateTruncating(argument[l]);
                        row[l] = scale == SpectrogramScale.Decibels ? (float)(10.0 * Math.Log10(x))
                            : scale == SpectrogramScale.NaturalLog1p ? (float)Math.Log(x)
                            : (float)x;
                    }
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static Vector<float> Scale(Vector<float> argument, SpectrogramScale scale)
                => scale == SpectrogramScale.Decibels ? Vector.Log(argument) * new Vector<float>(TenOverLn10)
                    : scale == SpectrogramScale.NaturalLog1p ? Vector.Log(argument)
                    : argument;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static Vector128<float> Scale(Vector128<float> argument, SpectrogramScale scale)
                => scale == SpectrogramScale.Decibels ? Vector128.Log(argument) * Vector128.Create(TenOverLn10)
                    : scale == SpectrogramScale.NaturalLog1p ? Vector128.Log(argument)
                    : argument;
        }
    }
}
