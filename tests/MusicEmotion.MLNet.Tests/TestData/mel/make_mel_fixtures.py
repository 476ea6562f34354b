#!/usr/bin/env python3
"""Reference fixtures for MelSpectrogram and Mfcc (tests/MusicEmotion.MLNet.Tests/Transforms/MelSpectrogramTests.cs).

librosa is not installable on the build machine, so this script restates, in float64 numpy only, the librosa 0.10
functions the transforms mirror:

  * librosa.stft(y, n_fft, hop_length, window='hann', center=True, pad_mode='constant'), magnitude (as in
    ../stft/make_stft_fixtures.py);
  * librosa.hz_to_mel / mel_to_hz (Slaney: linear 200/3 Hz per mel below 1 kHz, then 27 mels per factor 6.4; HTK:
    2595 log10(1 + f / 700)), mel_frequencies(n_mels + 2, fmin, fmax, htk) = mel_to_hz(linspace(hz_to_mel(fmin),
    hz_to_mel(fmax)));
  * librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm): triangles max(0, min(lower, upper)) over
    fft_frequencies, times 2 / (f[i + 2] - f[i]) for norm='slaney';
  * librosa.feature.melspectrogram(y, ..., power=2) = mel_basis @ |stft|**power;
  * librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db): 10 log10(max(amin, S)), floored at max - top_db;
  * librosa.feature.mfcc(S=power_to_db(mel), n_mfcc, dct_type=2, norm='ortho') = scipy.fftpack.dct(S, axis=-2,
    type=2, norm='ortho')[:n_mfcc] (scipy.fft.dct here, the same transform);
  * librosa.filters.chroma(sr, n_fft, n_chroma=12, tuning=0.0) (for the spectral summary's chroma).

Output (next to this script): cases.txt, one line per case (name sr n_fft hop n_mels fmin fmax htk norm top_db n_mfcc
length bins frames), and <case>_<signal>.f32.gz per case and signal: gzip of little-endian float32 [signal (length) |
mel dB (n_mels*frames) | mfcc (n_mfcc*frames)], row-major with row = mel band or coefficient; <case>_melfb.f32.gz the
filter bank (n_mels*bins); chroma_<n_fft>.f32.gz the chroma bank (12*bins) at 22,050 Hz.

Run with /usr/bin/python3 (numpy 1.24, scipy 1.10): python3 make_mel_fixtures.py
"""
import gzip
import os

import numpy as np
import scipy.fft

# name, sr, n_fft, hop, n_mels, fmin, fmax, htk, norm, top_db, n_mfcc, length
CASES = [
    ("librosa", 22050, 2048, 512, 128, 0.0, None, False, "slaney", 80.0, 20, 11025),
    ("small", 22050, 512, 128, 40, 0.0, None, False, "slaney", 80.0, 13, 4096),
    ("htk", 16000, 1024, 256, 64, 50.0, 7000.0, True, None, None, 20, 8000),
]


def hz_to_mel(f, htk):
    f = np.asanyarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, mels)


def mel_to_hz(m, htk):
    m = np.asanyarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filters(sr, n_fft, n_mels, fmin, fmax, htk, norm):
    if fmax is None:
        fmax = sr / 2.0
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, 1 + n_fft // 2))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    if norm == "slaney":
        weights *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
    return weights


def chroma_filters(sr, n_fft, n_chroma=12, tuning=0.0, ctroct=5.0, octwidth=2.0):
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    a440 = 440.0 * 2.0 ** (tuning / n_chroma)
    frqbins = n_chroma * np.log2(frequencies / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    D = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    n_chroma2 = np.round(float(n_chroma) / 2)
    D = np.remainder(D + n_chroma2 + 10 * n_chroma, n_chroma) - n_chroma2
    wts = np.exp(-0.5 * (2 * D / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    wts = wts / np.sqrt(np.sum(wts ** 2, axis=0, keepdims=True))
    wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - ctroct) / octwidth) ** 2)), (n_chroma, 1))
    wts = np.roll(wts, -3 * (n_chroma // 12), axis=0)
    return wts[:, :int(1 + n_fft / 2)]


def stft_magnitude(y, n_fft, hop):
    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n_fft) / n_fft)
    y = np.pad(y, n_fft // 2, mode="constant")
    n_frames = 1 + (len(y) - n_fft) // hop
    index = hop * np.arange(n_frames)[:, None] + np.arange(n_fft)[None, :]
    return np.abs(np.fft.rfft(window[None, :] * y[index], axis=-1).T)


def power_to_db(S, amin=1e-10, top_db=80.0):
    log_spec = 10.0 * np.log10(np.maximum(amin, S))
    if top_db is not None:
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def signals(sr, length):
    t = np.arange(length) / sr
    duration = length / sr
    f0, f1 = 60.0, 0.45 * sr
    chirp = 0.5 * np.sin(2.0 * np.pi * (f0 * t + (f1 - f0) / (2.0 * duration) * t ** 2))
    noise = 0.1 * np.random.default_rng(20232).standard_normal(length)
    return {"chirp": chirp, "noise": noise}


def write(path, values):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(np.asarray(values, dtype="<f4").tobytes())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = ["# name sr n_fft hop n_mels fmin fmax htk norm top_db n_mfcc length bins frames"]
    for name, sr, n_fft, hop, n_mels, fmin, fmax, htk, norm, top_db, n_mfcc, length in CASES:
        fb = mel_filters(sr, n_fft, n_mels, fmin, fmax, htk, norm)
        write(os.path.join(here, f"{name}_melfb.f32.gz"), fb.ravel())
        for signal_name, y in signals(sr, length).items():
            y32 = y.astype(np.float32)
            S = stft_magnitude(y32.astype(np.float64), n_fft, hop)
            mel_db = power_to_db(fb @ S ** 2, top_db=top_db)
            mfcc = scipy.fft.dct(mel_db, axis=-2, type=2, norm="ortho")[:n_mfcc]
            write(os.path.join(here, f"{name}_{signal_name}.f32.gz"),
                  np.concatenate([y32, mel_db.ravel(), mfcc.ravel()]))
        frames = S.shape[1]
        lines.append(f"{name} {sr} {n_fft} {hop} {n_mels} {fmin!r} {'none' if fmax is None else repr(fmax)} "
                     f"{str(htk).lower()} {'none' if norm is None else norm} {'none' if top_db is None else repr(top_db)} "
                     f"{n_mfcc} {length} {1 + n_fft // 2} {frames}")
    write(os.path.join(here, "chroma_2048.f32.gz"), chroma_filters(22050, 2048).ravel())
    with open(os.path.join(here, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
