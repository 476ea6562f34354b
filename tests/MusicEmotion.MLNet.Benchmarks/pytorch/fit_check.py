#!/usr/bin/env python3
"""Can the paper's network fit a small set of real clips? Trains the PyTorch restatement of the Inception-GRU residual
network (inception_gru_residual.py) on the clips of a manifest and prints the training loss and accuracy every five
epochs: a network that cannot drive its training loss down on 80 clips will not learn from 320.

The input is the package's front end restated with numpy/scipy: decode with soundfile, mean of the channels, resample
to 22,050 Hz (scipy resample_poly), loop a file shorter than the clip, the first 30 s, centred STFT (n_fft 2048, hop
512, periodic Hann, zero padding), 20·log10(max(|X|, 1e-5)) floored 80 dB below the clip's peak.

    /usr/bin/python3 fit_check.py MANIFEST.csv [--lr 1e-3] [--epochs 30] [--head gru|mean] [--normalize]

MANIFEST.csv: columns path,label (what `mer train --data` reads). --head mean replaces the GRU(8) by the mean over
time (a diagnostic, not the paper's network); --normalize standardises each frequency bin over the clips.
"""
import argparse
import csv
import json
import math

import numpy as np
import scipy.signal
import soundfile
import torch
import torch.nn as nn
import torch.nn.functional as F

from inception_gru_residual import InceptionGruResidual

SAMPLE_RATE, SECONDS, FFT, HOP = 22050, 30, 2048, 512


def log_stft(path):
    samples, rate = soundfile.read(path, always_2d=True)
    mono = samples.mean(axis=1)
    if rate != SAMPLE_RATE:
        g = math.gcd(rate, SAMPLE_RATE)
        mono = scipy.signal.resample_poly(mono, SAMPLE_RATE // g, rate // g)
    length = SAMPLE_RATE * SECONDS
    mono = np.tile(mono, -(-length // len(mono)))[:length]
    padded = np.pad(mono, FFT // 2)
    frames = 1 + (len(padded) - FFT) // HOP
    window = np.hanning(FFT + 1)[:-1]
    strided = np.lib.stride_tricks.as_strided(padded, (frames, FFT), (padded.strides[0] * HOP, padded.strides[0]))
    db = 20 * np.log10(np.maximum(np.abs(np.fft.rfft(strided * window, axis=1)).T, 1e-5))
    return np.maximum(db, db.max() - 80).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--head", choices=["gru", "mean"], default="gru")
    parser.add_argument("--normalize", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rows = list(csv.DictReader(open(args.manifest, newline="")))
    classes = sorted({r["label"] for r in rows})
    x = np.stack([log_stft(r["path"]) for r in rows])
    if args.normalize:
        x = (x - x.mean(axis=(0, 2), keepdims=True)) / (x.std(axis=(0, 2), keepdims=True) + 1e-5)
    x = torch.from_numpy(x)
    y = torch.tensor([classes.index(r["label"]) for r in rows])

    torch.manual_seed(args.seed)
    model = InceptionGruResidual(bins=x.shape[1], frames=x.shape[2], classes=len(classes))
    if args.head == "mean":
        model.mean_head = nn.Linear(sum((16, 32, 64)), len(classes))

        def forward(batch):
            h = torch.cat([b(batch) for b in model.branches], 1)
            for block, pool in zip(model.blocks, model.pool_after):
                h = block(h)
                if pool:
                    h = F.avg_pool1d(h, 2)
            return model.mean_head(h.mean(2))

        model.forward = forward
    optimizer = torch.optim.Adam(model.parameters(), args.lr)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x))
        loss_sum, correct = 0.0, 0
        for start in range(0, len(x), args.batch):
            index = order[start:start + args.batch]
            optimizer.zero_grad()
            logits = model(x[index])
            loss = F.cross_entropy(logits, y[index])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(index)
            correct += (logits.argmax(1) == y[index]).sum().item()
        if epoch % 5 == 0 or epoch == args.epochs:
            print(json.dumps({"epoch": epoch, "loss": round(loss_sum / len(x), 4), "accuracy": round(correct / len(x), 4),
                              "lr": args.lr, "head": args.head, "normalize": args.normalize}), flush=True)


if __name__ == "__main__":
    main()
