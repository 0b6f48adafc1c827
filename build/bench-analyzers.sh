#!/usr/bin/env bash
# What the Ssdlc analyzers add to compiling a large web project: copies of samples/VulnerableApp and CompliantApp in one
# compilation, compiled without and with every analyzer, and each analyzer's own execution time. Prints a Markdown table.
#   bash build/bench-analyzers.sh [copies=40] [runs=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build tests/Ssdlc.Analyzers.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet tests/Ssdlc.Analyzers.Benchmarks/bin/Release/net10.0/Ssdlc.Analyzers.Benchmarks.dll "${1:-40}" "${2:-5}"
