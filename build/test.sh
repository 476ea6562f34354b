#!/usr/bin/env bash
# The README's test command: installs missing native dependencies, builds, runs every test project and prints
# the tally from the test results as a line 'N passed, N failed, N skipped'. Exit code: the test run's.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash build/setup.sh || exit 1

results="$root/TestResults"
rm -rf "$results"
dotnet test MusicEmotion.MLNet.sln -c Release --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@"
rc=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(attr passed); f=$(attr failed); t=$(attr total); e=$(attr executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$files" -eq 0 ]; then
  echo "test: no test results were written (build failure?)" >&2
  [ "$rc" -eq 0 ] && rc=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
