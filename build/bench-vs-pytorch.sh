#!/usr/bin/env bash
# The package against PyTorch on this machine, in one run: the paper's network trained through the public API (Fit)
# and scored through it (Transform -> Score), beside the same network in PyTorch (Debian's python3-torch: its
# defaults, the same thread count, and torch.autocast BFloat16), in alternating rounds; prints the ratios and the
# Float32-vs-BFloat16 accuracy checks. Installs python3-torch with apt-get when it is missing (needs root or sudo).
#   build/bench-vs-pytorch.sh [--rounds 2] [--rows 64] [--score-rows 256] [--epochs 3]
set -euo pipefail
cd "$(dirname "$0")/.."

python=/usr/bin/python3
if ! "$python" -c "import torch" >/dev/null 2>&1; then
  echo "bench-vs-pytorch: installing python3-torch"
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch python3-numpy >/dev/null
fi
"$python" -c "import torch; print('bench-vs-pytorch: PyTorch', torch.__version__)"

dotnet build tests/MusicEmotion.MLNet.Benchmarks -c Release -v q -nologo | grep -E "error|Warn" || true
exec dotnet tests/MusicEmotion.MLNet.Benchmarks/bin/Release/net10.0/MusicEmotion.MLNet.Benchmarks.dll pytorch --python "$python" "$@"
