using System;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// The groups of features <see cref="SpectralSummaryEstimator"/> writes, in this order; combine them with <c>|</c>.
    /// Every group is a per-clip mean and standard deviation (or other statistics) of a frame-wise librosa feature,
    /// computed from the spectrogram alone.
    /// </summary>
    [Flags]
    public enum SpectralSummaryFeatures
    {
        /// <summary>Mean and standard deviation of every frequency bin over frames (2 × bins values: 2050 for n_fft 2048).</summary>
        BinStatistics = 1,

        /// <summary>Mean and standard deviation of librosa's spectral centroid, bandwidth, roll-off, flatness and RMS
        /// (10 values), and of the zero-crossing rate when the waveform column is given (2 more).</summary>
        Descriptors = 2,

        /// <summary>Mean and standard deviation of the 20 MFCCs (<c>feature.mfcc</c> of the 128-band Slaney mel
        /// spectrogram in dB): 40 values.</summary>
        Mfcc = 4,

        /// <summary>Mean and standard deviation of the 12 pitch classes of <c>feature.chroma_stft</c> (power
        /// spectrogram, tuning 0, each frame divided by its largest class): 24 values.</summary>
        Chroma = 8,

        /// <summary>Mean and standard deviation of the 7 bands of <c>feature.spectral_contrast</c> (fmin 200 Hz, 6
        /// octave bands and the rest, quantile 0.02): 14 values. At sample rates up to 12,800 Hz the top octave bands
        /// start above the Nyquist frequency (librosa raises) and are left out: 12 values at 8,000 Hz.</summary>
        Contrast = 16,

        /// <summary>Mean and standard deviation of <c>onset.onset_strength</c> (mean positive change of the mel dB
        /// spectrogram), the tempo in beats per minute where the envelope's autocorrelation (lags up to 8 s, weighted
        /// by librosa's log-normal prior around 120 BPM) peaks, and that peak's height relative to lag 0 (pulse
        /// clarity): 4 values.</summary>
        Rhythm = 32,

        /// <summary>Frame RMS in dB (<c>amplitude_to_db(rms(S=…))</c>): mean, standard deviation, 10th, 50th and 90th
        /// percentiles, and the low-energy ratio (share of frames whose RMS is below the clip's mean RMS): 6 values.</summary>
        Dynamics = 64,

        /// <summary>The paper's baselines' summary: <see cref="BinStatistics"/> and <see cref="Descriptors"/>.</summary>
        Paper = BinStatistics | Descriptors,

        /// <summary>The standard music-information-retrieval set without the per-bin statistics: descriptors, MFCCs,
        /// chroma, contrast, rhythm and dynamics (98 values, 100 with the zero-crossing rate).</summary>
        Mir = Descriptors | Mfcc | Chroma | Contrast | Rhythm | Dynamics,

        /// <summary>Every group.</summary>
        All = Paper | Mir,
    }
}
