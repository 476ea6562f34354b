#!/usr/bin/env bash
# Usage: build/emotify-with-bad-files.sh ../shared/data/emotify OUT
# Makes OUT/: the 400 Emotify excerpts (symlinked) plus a dozen broken or unusual files, and OUT/labels.csv listing
# all of them, so that `mer train|evaluate|predict|compare --data OUT` meets real music and bad files together.
set -euo pipefail
src=$(cd "${1:?usage: $0 EMOTIFY_DIR OUT_DIR}" && pwd); out=${2:?}
rm -rf "$out"; mkdir -p "$out/bad"
for g in classical rock electronic pop; do ln -s "$src/$g" "$out/$g"; done
cp "$src/labels.csv" "$out/labels.csv"
b=$out/bad
: > "$b/empty.mp3"                                                       # 0 bytes
printf 'this is not audio\n%.0s' {1..50} > "$b/text.mp3"                 # text named .mp3
head -c 65536 /dev/urandom > "$b/random.flac"                           # random bytes
head -c 700 "$src/rock/1.mp3" > "$b/header-only.mp3"                    # cut after the first frame or two
ffmpeg -v error -f lavfi -i "sine=f=440:d=3" -ar 22050 "$b/full.wav"
head -c 20000 "$b/full.wav" > "$b/truncated.wav"; rm "$b/full.wav"      # data chunk runs past the end
python3 - "$b/zero-hz.wav" <<'PY'
import struct, sys
data = b"\0\0" * 1000
hdr = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 0, 0, 2, 16) + b"data" + struct.pack("<I", len(data))
open(sys.argv[1], "wb").write(hdr + data)
PY
ffmpeg -v error -f lavfi -i "color=c=black:s=64x64:d=2" -an "$b/video-no-audio.mp4"
mkdir "$b/folder.mp3"                                                    # a directory with an audio name
ln -s loop.mp3 "$b/loop.mp3"                                             # symlink cycle (ELOOP)
ln -s "$src/pop/3.mp3" "$b/wrong-extension.wav"                          # a real mp3 named .wav (readable)
ffmpeg -v error -i "$src/classical/5.mp3" -t 20 -c copy "$b/garbage-tail.mp3"
head -c 4000 /dev/urandom >> "$b/garbage-tail.mp3"                       # a real mp3 with garbage after its frames (readable)
for f in empty.mp3 text.mp3 random.flac header-only.mp3 truncated.wav zero-hz.wav video-no-audio.mp4 folder.mp3 loop.mp3 missing.mp3; do
  echo "bad/$f,happy,bad,bad-$f,1,0,0,0,0,0,0,0,0,0" >> "$out/labels.csv"
done
for f in wrong-extension.wav garbage-tail.mp3; do
  echo "bad/$f,sad,odd,odd-$f,1,0,0,0,0,0,0,0,0,0" >> "$out/labels.csv"
done
echo "$(($(wc -l < "$out/labels.csv") - 1)) rows in $out/labels.csv (the 12 extra: 2 readable — a header-only mp3, an mp3 named .wav — and 10 that are not)"
