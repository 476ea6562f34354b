#!/usr/bin/env python3
"""The paper's Inception-GRU residual network (Han, Chen and Ban 2023, Table 1) in PyTorch, timed the way a Python
user would run it: training steps (forward + backward + Adam) and inference (eval, no_grad) on random batches of
[batch, 1025, 1292] spectrograms, 4 classes. The reference that build/bench-vs-pytorch.sh sets beside the package.

The model restates src/MusicEmotion.MLNet/Trainers/InceptionGruResidual (same layers, widths, pooling rule and
parameter count, 1,588,583), written as a PyTorch user would write it: each Inception branch has its own first
convolution, padding='same'.

Prints one JSON line: {"train_samples_per_s": [...], "infer_samples_per_s": [...], "parameters": N, ...} with one
figure per timed step. Run with /usr/bin/python3 (Debian's python3-torch).
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Branch(nn.Module):
    def __init__(self, channels, width, kernel):
        super().__init__()
        self.conv_in = nn.Conv1d(channels, width, kernel, padding="same")
        self.bn_in = nn.BatchNorm1d(width)
        self.compress = nn.Conv1d(width, 1, kernel, padding="same")
        self.expand = nn.Conv1d(1, width, kernel, padding="same")
        self.bn_out = nn.BatchNorm1d(width)

    def forward(self, x):
        x = self.bn_in(self.conv_in(x))
        x = self.bn_out(self.expand(self.compress(x)))
        return F.avg_pool1d(x, 2)


class Residual(nn.Module):
    def __init__(self, filters, kernel):
        super().__init__()
        self.conv1 = nn.Conv1d(filters, filters, kernel, padding="same")
        self.bn1 = nn.BatchNorm1d(filters)
        self.conv2 = nn.Conv1d(filters, filters, kernel, padding="same")
        self.bn2 = nn.BatchNorm1d(filters)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + x)


class InceptionGruResidual(nn.Module):
    def __init__(self, bins=1025, frames=1292, classes=4, kernels=(3, 5, 7), widths=(16, 32, 64),
                 stages=(2, 2, 2, 2, 1, 1, 1, 1), hidden=8):
        super().__init__()
        filters = sum(widths)
        self.branches = nn.ModuleList(Branch(bins, w, k) for k, w in zip(kernels, widths))
        self.blocks = nn.ModuleList()
        self.pool_after = []
        length = frames // 2
        for blocks in stages:
            pool = length // 2 >= 2
            if pool:
                length //= 2
            for b in range(blocks):
                self.blocks.append(Residual(filters, 3))
                self.pool_after.append(pool and b == blocks - 1)
        self.gru = nn.GRU(filters, hidden, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, x):
        x = torch.cat([b(x) for b in self.branches], 1)
        for block, pool in zip(self.blocks, self.pool_after):
            x = block(x)
            if pool:
                x = F.avg_pool1d(x, 2)
        _, h = self.gru(x.permute(0, 2, 1))
        return self.head(h[-1])


def timed(step, batch, steps):
    step()  # warm-up
    rates = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        rates.append(batch / (time.perf_counter() - start))
    return rates


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--bf16", action="store_true", help="CPU autocast to bfloat16 (torch.autocast)")
    parser.add_argument("--skip-train", action="store_true")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = InceptionGruResidual()
    x = torch.randn(args.batch, 1025, 1292)
    y = torch.randint(0, 4, (args.batch,))
    autocast = lambda: torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16)
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "batch": args.batch, "bf16": args.bf16,
              "parameters": sum(p.numel() for p in model.parameters())}
    if not args.skip_train:
        optimizer = torch.optim.Adam(model.parameters(), 1e-3)
        model.train()

        def train_step():
            optimizer.zero_grad()
            with autocast():
                loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            loss.item()

        result["train_samples_per_s"] = timed(train_step, args.batch, args.steps)
    model.eval()

    def infer_step():
        with torch.no_grad(), autocast():
            model(x).float().softmax(1).sum().item()

    result["infer_samples_per_s"] = timed(infer_step, args.batch, args.steps)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
