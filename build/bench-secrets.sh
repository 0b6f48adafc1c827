#!/usr/bin/env bash
# Throughput of the shared secret detector (SecretScanner.ScanText) on a generated multi-MB corpus.
# Usage: build/bench-secrets.sh [megabytes=8] [--adversarial] [--parts] [--kinds]
#        build/bench-secrets.sh --scan <directory>   (masked findings in a real tree: a precision check)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build tests/Ssdlc.Detection.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet tests/Ssdlc.Detection.Benchmarks/bin/Release/net10.0/Ssdlc.Detection.Benchmarks.dll "${@:-8}"
