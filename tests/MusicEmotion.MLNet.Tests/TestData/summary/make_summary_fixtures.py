#!/usr/bin/python3
"""Reference values for SpectralSummaryTests, in float64 numpy (librosa is not installable here).

Run with /usr/bin/python3 from this folder; writes little-endian float32 inputs (*.f32) and the expected summary
vectors (*.expected.txt, one %.17g value a line). Each function below re-implements the librosa 0.10 function it
names (librosa/feature/spectral.py, librosa/core/spectrum.py) for a magnitude spectrogram S of shape
(1 + n_fft/2, n_frames), frequency-major, as SpectralSummaryTransformer reads it.
"""
import numpy as np

N_FFT, HOP, SR = 128, 150, 22050
BINS = N_FFT // 2 + 1


def stft_magnitude(y, n_fft, hop):
    """librosa.stft(y, n_fft, hop_length, window='hann', center=True, pad_mode='constant'), magnitude."""
    y = np.pad(y, n_fft // 2, mode="constant")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)  # scipy hann, sym=False
    frames = 1 + (len(y) - n_fft) // hop
    cols = [np.fft.rfft(window * y[t * hop:t * hop + n_fft]) for t in range(frames)]
    return np.abs(np.stack(cols, axis=1))


def amplitude_to_db(S, top_db=80.0):
    """librosa.amplitude_to_db(S, ref=1.0, amin=1e-5, top_db=80)."""
    log_spec = 10.0 * np.log10(np.maximum(1e-10, S ** 2))
    return np.maximum(log_spec, log_spec.max() - top_db)


def fft_frequencies(sr, n_fft):
    """librosa.fft_frequencies."""
    return np.fft.rfftfreq(n=n_fft, d=1.0 / sr)


def normalize_l1(S):
    """librosa.util.normalize(S, norm=1, axis=-2) with threshold = tiny(float32), fill=None."""
    length = np.sum(np.abs(S), axis=0, keepdims=True)
    length[length < np.finfo(np.float32).tiny] = 1.0
    return S / length


def spectral_centroid(S, freq):
    """librosa.feature.spectral_centroid(S=S, sr=sr)."""
    return np.sum(freq[:, None] * normalize_l1(S), axis=0)


def spectral_bandwidth(S, freq, p=2):
    """librosa.feature.spectral_bandwidth(S=S, sr=sr, p=2, norm=True)."""
    centroid = spectral_centroid(S, freq)
    deviation = np.abs(freq[:, None] - centroid[None, :])
    return np.sum(normalize_l1(S) * deviation ** p, axis=0) ** (1.0 / p)


def spectral_rolloff(S, freq, roll_percent=0.85):
    """librosa.feature.spectral_rolloff(S=S, sr=sr, roll_percent=0.85)."""
    total_energy = np.cumsum(S, axis=0)
    threshold = roll_percent * total_energy[-1, :]
    ind = np.where(total_energy < threshold[None, :], np.nan, 1)
    return np.nanmin(ind * freq[:, None], axis=0)


def spectral_flatness(S, amin=1e-10, power=2.0):
    """librosa.feature.spectral_flatness(S=S, amin=1e-10, power=2.0)."""
    S_thresh = np.maximum(amin, S ** power)
    gmean = np.exp(np.mean(np.log(S_thresh), axis=0))
    amean = np.mean(S_thresh, axis=0)
    return gmean / amean


def rms(S, frame_length):
    """librosa.feature.rms(S=S, frame_length=n_fft)."""
    x = np.abs(S) ** 2
    x[0, :] *= 0.5
    if frame_length % 2 == 0:
        x[-1, :] *= 0.5
    return np.sqrt(2 * np.sum(x, axis=0) / frame_length ** 2)


def zero_crossing_rate(y, frame_length=2048, hop_length=512, center=True, threshold=1e-10):
    """librosa.feature.zero_crossing_rate(y) with librosa.zero_crossings(threshold=1e-10, zero_pos=True, pad=False)."""
    if center:
        y = np.pad(y, frame_length // 2, mode="edge")
    frames = 1 + (len(y) - frame_length) // hop_length
    framed = np.stack([y[t * hop_length:t * hop_length + frame_length] for t in range(frames)], axis=1)
    framed = framed.copy()
    framed[np.abs(framed) <= threshold] = 0
    sign = np.signbit(framed)
    crossings = np.pad(sign[:-1, :] != sign[1:, :], [(1, 0), (0, 0)], mode="constant", constant_values=False)
    return np.mean(crossings, axis=0)


def summary(x, S, sr, waveform=None):
    """What SpectralSummaryTransformer outputs: per-bin mean/std of x, then mean/std of each descriptor."""
    n_fft = 2 * (S.shape[0] - 1)
    freq = fft_frequencies(sr, n_fft)
    out = [x.mean(axis=1), x.std(axis=1)]
    series = [spectral_centroid(S, freq), spectral_bandwidth(S, freq), spectral_rolloff(S, freq),
              spectral_flatness(S), rms(S, n_fft)]
    if waveform is not None:
        series.append(zero_crossing_rate(waveform))
    for s in series:
        out.append(np.array([s.mean(), s.std()]))
    return np.concatenate(out)


def main():
    rng = np.random.default_rng(20231124)
    n = 39 * HOP  # 40 frames with center=True
    t = np.arange(n) / SR
    y = 0.5 * np.sin(2 * np.pi * (300 + 2500 * t) * t) + 0.2 * np.sin(2 * np.pi * 4100 * t)
    y += 0.05 * rng.standard_normal(n)
    y[2000:2600] = 0.0                 # silence: -inf dB floored by top_db, zero crossings suppressed
    y[2100:2110] = -1e-12              # below zero_crossings' threshold: counts as zero
    y[3000:3400] *= 1e-3               # quiet passage
    y = y.astype(np.float32)

    S = stft_magnitude(y.astype(np.float64), N_FFT, HOP)
    assert S.shape == (BINS, 40), S.shape
    cases = {
        "db": amplitude_to_db(S).astype(np.float32),
        "magnitude": S.astype(np.float32),
        "log1p": np.log1p(S).astype(np.float32),
    }
    y.tofile("waveform.f32")
    for name, x32 in cases.items():
        np.ascontiguousarray(x32).tofile(f"spectrogram_{name}.f32")
        x = x32.astype(np.float64)
        if name == "db":
            expected = summary(x, 10.0 ** (x / 20.0), SR, y.astype(np.float64))
        elif name == "magnitude":
            expected = summary(x, x, 16000)
        else:
            expected = summary(x, np.expm1(x), SR)
        np.savetxt(f"{name}.expected.txt", expected, fmt="%.17g")
        print(name, x32.shape, len(expected), "values; min dB" if name == "db" else "", x32.min() if name == "db" else "")


if __name__ == "__main__":
    main()
