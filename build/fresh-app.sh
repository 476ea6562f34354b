#!/usr/bin/env bash
# Packs MusicEmotion.MLNet into a local folder feed and builds and runs a brand-new console app against it
# (build/fresh-app/Program.cs), as a user would: `dotnet new console`, a nuget.config naming the feed, PackageReferences.
# The app runs with libsndfile, libsoxr and libmpg123 hidden (MUSICEMOTION_HIDE_NATIVE_LIBRARIES=all), as on a machine
# that never installed them, so it decodes with the managed backend.
# Usage: build/fresh-app.sh [work-folder [audio-file]]. Prints the app's output; exit code: the first failing step's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
feed="$work/feed"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)
libtorch=$(sed -n 's:.*<LibTorchVersion>\(.*\)</LibTorchVersion>.*:\1:p' "$root/build/Versions.props" | head -n 1)
dotnet pack "$root/src/MusicEmotion.MLNet/MusicEmotion.MLNet.csproj" -c Release ${PACK_NO_BUILD:+--no-build} -o "$feed" --nologo -v quiet >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; exit 1; }
app="$work/app"
rm -rf "$app" && mkdir -p "$app"
dotnet new console -o "$app" -n FreshApp --force >"$work/new.log" 2>&1 || { cat "$work/new.log"; exit 1; }
rm -f "$app/FreshApp.csproj"
sed -e "s/@VERSION@/$version/" -e "s/@LIBTORCH@/$libtorch/" "$root/build/fresh-app/fresh-app.csproj.template" > "$app/FreshApp.csproj"
cp "$root/build/fresh-app/Program.cs" "$app/Program.cs"
# The local feed for our package; everything else from the machine's configured source, as the repository restores.
cat > "$app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-feed" value="$feed" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local-feed">
      <package pattern="MusicEmotion.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
# A private packages folder would re-download libtorch; the package itself must not come from an old cache entry.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/musicemotion.mlnet/$version"
dotnet build "$app" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bin="$app/bin/Release/net10.0"
MUSICEMOTION_HIDE_NATIVE_LIBRARIES=all dotnet "$bin/FreshApp.dll" "$work/audio" "${@:2}"
