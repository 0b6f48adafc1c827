#!/usr/bin/env bash
# Throughput of the configuration scan (SSDLC3305/SSDLC5201: ConfigurationScanner, what the build task runs per file)
# on a generated repository-sized tree; prints files/s and MB/s.
# Usage: build/bench-config-scan.sh [files=5000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build tests/Ssdlc.Detection.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet tests/Ssdlc.Detection.Benchmarks/bin/Release/net10.0/Ssdlc.Detection.Benchmarks.dll --config-tree "${1:-5000}"
