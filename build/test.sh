#!/usr/bin/env bash
# The whole test suite: unit tests, analyzer tests, and end-to-end tests that pack Ssdlc and build projects with it.
# Ends with one line "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="$(mktemp)"
dotnet test Analyzers.sln -c Debug -nologo 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
# Compiler servers started by the end-to-end builds would outlive the run; stop them.
dotnet build-server shutdown >/dev/null 2>&1 || true
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "$passed passed, $failed failed"
exit $code
