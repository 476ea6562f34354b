#!/usr/bin/env bash
# Installs the native libraries MusicEmotion.MLNet loads at run time, when they are missing:
#   libsndfile1 (decoding wav/flac/ogg, as librosa), libmpg123-0 (mp3, libsndfile's own mp3 decoder, read directly for
#   its exact length and quiet mode), libsoxr0 (resampling, soxr_hq), ffmpeg (other containers).
# Needs root (or sudo) and apt-get; otherwise prints what to install and exits non-zero.
set -euo pipefail

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || ls /usr/lib/*/"$1"* /usr/lib/"$1"* >/dev/null 2>&1; }

missing=()
have_lib libsndfile.so.1 || missing+=(libsndfile1)
have_lib libmpg123.so.0 || missing+=(libmpg123-0)
have_lib libsoxr.so.0 || missing+=(libsoxr0)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: native dependencies present (libsndfile1, libmpg123-0, libsoxr0, ffmpeg)"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
  if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
    echo "setup: installed ${missing[*]}"
    exit 0
  fi
fi
echo "setup: could not install ${missing[*]}." >&2
echo "       Install them with your package manager, e.g. 'sudo apt-get install ${missing[*]}' on Debian/Ubuntu," >&2
echo "       'sudo dnf install libsndfile mpg123-libs soxr ffmpeg' on Fedora, 'brew install libsndfile mpg123 libsoxr ffmpeg' on macOS." >&2
exit 1
