#!/usr/bin/env bash
# Throughput of the configuration scan (SSDLC3305/SSDLC5201: ConfigurationScanner, what the build task does per file)
# on a generated repository-sized tree; prints files/s and MB/s and the findings by kind.
# Usage: build/bench-config-scan.sh [files=5000]
#        build/bench-config-scan.sh --scan <directory>   (the scan's file selection and masked findings on a real tree)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build tests/Ssdlc.Detection.Benchmarks -c Release -nologo -v quiet >/dev/null
if [ "${1:-}" = "--scan" ]; then
  dotnet tests/Ssdlc.Detection.Benchmarks/bin/Release/net10.0/Ssdlc.Detection.Benchmarks.dll --config-scan "$2"
else
  dotnet tests/Ssdlc.Detection.Benchmarks/bin/Release/net10.0/Ssdlc.Detection.Benchmarks.dll --config-tree "${1:-5000}"
fi
