#!/usr/bin/env python3
"""Reference fixtures for LogStft (tests/MusicEmotion.MLNet.Tests/Audio, Transforms).

librosa is not installable on the build machine, so this script restates, in float64 numpy only, the librosa 0.10
functions that LogStft mirrors:

  * librosa.filters.get_window(window, win_length, fftbins=True) -> scipy.signal.get_window: periodic windows,
    'hann' 0.5 - 0.5 cos(2 pi n / N), 'hamming' 0.54 - 0.46 cos(2 pi n / N), 'boxcar' ones;
  * librosa.util.pad_center(window, size=n_fft): zero-pad the window to n_fft, lpad = (n_fft - win_length) // 2;
  * librosa.stft(y, n_fft, hop_length, win_length, window, center, pad_mode) (librosa/core/spectrum.py): with
    center, y is padded by n_fft // 2 on both sides with np.pad(mode=pad_mode) ('constant' = zeros, the default
    since 0.10, or 'reflect'); frames y[t*hop : t*hop + n_fft] for t < 1 + (len(y) - n_fft) // hop; each frame times
    the window, np.fft.rfft; result shape (1 + n_fft // 2, n_frames), frequency-major;
  * librosa.amplitude_to_db(S, ref, amin, top_db) -> power_to_db(|S|**2, ref=ref_value**2, amin=amin**2, top_db):
    10 log10(max(amin^2, |S|^2)) - 10 log10(max(amin^2, ref^2)), then max(x, x.max() - top_db) when top_db is set;
    ref is 1.0 or np.max (the clip's largest magnitude).

Output (next to this script): cases.txt, one line per case (name n_fft hop win_length window center pad_mode ref
amin top_db length bins frames), and <case>_<signal>.f32.gz per case and signal: gzip of little-endian float32
[signal (length) | magnitude (bins*frames) | decibels (bins*frames)], matrices row-major with row = frequency bin.
The signal is rounded to float32 first and the reference is computed from exactly those samples in float64.

Run with /usr/bin/python3 (numpy 1.24): python3 make_stft_fixtures.py
"""
import gzip
import os

import numpy as np

SAMPLE_RATE = 22050

# name, n_fft, hop, win_length, window, center, pad_mode, ref, amin, top_db, length
CASES = [
    ("a512", 512, 128, 512, "hann", True, "constant", "1", 1e-5, 80.0, 2048),
    ("b1024reflect", 1024, 256, 1024, "hann", True, "reflect", "max", 1e-5, 80.0, 2048),
    ("c256nocenter", 256, 64, 256, "hann", False, "constant", "1", 1e-5, None, 2048),
    ("d2048", 2048, 512, 2048, "hann", True, "constant", "1", 1e-5, 80.0, 4096),
    ("e1024hamming", 1024, 256, 768, "hamming", True, "constant", "max", 1e-3, 60.0, 2049),
]


def get_window(name, win_length):
    n = np.arange(win_length, dtype=np.float64)
    if name == "hann":
        return 0.5 - 0.5 * np.cos(2.0 * np.pi * n / win_length)
    if name == "hamming":
        return 0.54 - 0.46 * np.cos(2.0 * np.pi * n / win_length)
    if name == "boxcar":
        return np.ones(win_length)
    raise ValueError(f"window={name} is not supported")


def pad_center(data, size):
    lpad = (size - len(data)) // 2
    return np.pad(data, (lpad, size - len(data) - lpad), mode="constant")


def stft(y, n_fft, hop_length, win_length, window, center, pad_mode):
    fft_window = pad_center(get_window(window, win_length), n_fft)
    if center:
        y = np.pad(y, n_fft // 2, mode=pad_mode)
    elif n_fft > len(y):
        raise ValueError(f"n_fft={n_fft} is too large for input signal of length={len(y)}")
    n_frames = 1 + (len(y) - n_fft) // hop_length
    index = hop_length * np.arange(n_frames)[:, None] + np.arange(n_fft)[None, :]
    return np.fft.rfft(fft_window[None, :] * y[index], axis=-1).T


def amplitude_to_db(S, ref, amin, top_db):
    magnitude = np.abs(S)
    ref_value = np.max(magnitude) if ref == "max" else float(ref)
    power = np.square(magnitude)
    log_spec = 10.0 * np.log10(np.maximum(amin ** 2, power))
    log_spec -= 10.0 * np.log10(np.maximum(amin ** 2, ref_value ** 2))
    if top_db is not None:
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def signals(length):
    t = np.arange(length) / SAMPLE_RATE
    duration = length / SAMPLE_RATE
    f0, f1 = 100.0, 8000.0
    chirp = 0.5 * np.sin(2.0 * np.pi * (f0 * t + (f1 - f0) / (2.0 * duration) * t ** 2))
    noise = 0.1 * np.random.default_rng(20231).standard_normal(length)
    silence = np.zeros(length)
    impulse = np.zeros(length)
    impulse[length // 2 + 37] = 1.0
    return {"chirp": chirp, "noise": noise, "silence": silence, "impulse": impulse}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = ["# name n_fft hop win_length window center pad_mode ref amin top_db length bins frames"]
    for name, n_fft, hop, win_length, window, center, pad_mode, ref, amin, top_db, length in CASES:
        for signal_name, y in signals(length).items():
            y32 = y.astype(np.float32)
            S = stft(y32.astype(np.float64), n_fft, hop, win_length, window, center, pad_mode)
            magnitude = np.abs(S)
            db = amplitude_to_db(S, ref, amin, top_db)
            payload = np.concatenate([y32, magnitude.astype(np.float32).ravel(), db.astype(np.float32).ravel()])
            with gzip.GzipFile(os.path.join(here, f"{name}_{signal_name}.f32.gz"), "wb", mtime=0) as f:
                f.write(payload.astype("<f4").tobytes())
        bins, frames = magnitude.shape
        lines.append(f"{name} {n_fft} {hop} {win_length} {window} {str(center).lower()} {pad_mode} {ref} {amin!r} "
                     f"{'none' if top_db is None else repr(top_db)} {length} {bins} {frames}")
    with open(os.path.join(here, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
