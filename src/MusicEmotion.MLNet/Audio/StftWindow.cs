using System;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Analysis windows as librosa's <c>filters.get_window(window, win_length, fftbins=True)</c> (scipy's periodic,
    /// "DFT-even" windows) zero-padded to n_fft by <c>util.pad_center</c>: the window starts at
    /// ⌊(n_fft - win_length) / 2⌋.
    /// </summary>
    internal static class StftWindow
    {
        /// <summary>The <paramref name="fftSize"/> window values .</summary>
        public static double[] Create(WindowType type, int windowLength, int fftSize)
        {
            if (windowLength <= 0 || windowLength > fftSize)
                throw new ArgumentOutOfRangeException(nameof(windowLength),
                    $"WindowLength={windowLength} must be in (0, FftSize={fftSize}].");
            var window = new double[fftSize];
            int offset = (fftSize - windowLength) / 2;
            for (int n = 0; n < windowLength; n++)
                window[offset + n] = Value(type, n, windowLength);
            return window;
        }

        private static double Value(WindowType type, int n, int length)
        {
            double phase = 2.0 * Math.PI * n / length;
            switch (type)
            {
                case WindowType.Hann:
                    return 0.5 - 0.5 * Math.Cos(phase);
                case WindowType.Hamming:
                    return 0.54 - 0.46 * Math.Cos(phase);
                case WindowType.Rectangular:
                    return 1.0;
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), $"Window={type} is not a supported window.");
            }
        }
    }
}
