#!/usr/bin/env bash
# The main job, end to end: pack Ssdlc, then build the samples against the packed packages the way a user would,
# and show each sample's findings, gate verdict and report.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/artifacts/feed"
packages="$root/artifacts/demo-packages"

echo "== Packing Ssdlc.Sdk and Ssdlc.Analyzers into $feed"
rm -rf "$feed"
"$root/build/pack.sh" "$feed" || exit 1

# A private packages folder, so the samples always get the package just packed.
rm -rf "$packages"
export NUGET_PACKAGES="$packages"
. "$root/build/nuget-config.sh"
write_nuget_config "$root/samples" "$feed"

# Lock files of an earlier demo pin the previous pack's content hash.
rm -f "$root"/samples/*/packages.lock.json

status=0
run_sample() {
  local name="$1" expected="$2"
  local log="$root/artifacts/demo-$name.log"
  echo
  echo "== samples/$name (expected: $expected)"
  (cd "$root/samples/$name" && env -u CI dotnet build -nologo -v:m --no-incremental -p:ErrorLog="$root/artifacts/$name.sarif%2Cversion=2.1" >"$log" 2>&1)
  local code=$?
  grep -E "(error|warning) SSDLC[0-9]+" "$log" | sed -E 's# \[[^]]*\]$##; s#^'"$root"'/##' | sort -u
  grep -E "^ *Ssdlc: " "$log" | sed -E 's/^ +//'
  echo "exit code $code; SARIF (analyzers + build checks): artifacts/$name.sarif; full log: artifacts/demo-$name.log"
  if { [ "$expected" = FAILED ] && [ $code -eq 0 ]; } || { [ "$expected" = PASSED ] && [ $code -ne 0 ]; }; then
    echo "!! unexpected result for $name"
    status=1
  fi
}

run_sample VulnerableApp FAILED
run_sample CompliantApp PASSED
run_sample SdkForm FAILED
exit $status
