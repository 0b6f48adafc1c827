#!/usr/bin/env bash
# What the Ssdlc analyzers add to compiling a large project, in process: the compiler alone, the compiler with an analyzer
# that does nothing (the analyzer driver's own cost), the compiler with the Ssdlc analyzers as shipped (the rule hosts),
# and each rule's own execution time (the rules one by one in a separate pass; warm, and summed for the first run, which
# includes JIT compilation). Prints a Markdown table.
#   bash build/bench-analyzers.sh [copies=40] [runs=5]
#       copies of samples/VulnerableApp and CompliantApp in one compilation (web code that gives the rules plenty to do)
#   bash build/bench-analyzers.sh --csc <response file> <project folder> [runs=5]
#       the compilation a build ran: the compiler's arguments as a build passed them (one line of `dotnet build -v:d`:
#       grep -m1 'bincore/csc ' build.log | sed 's/^ *[^ ]*csc //' > csc.rsp), relative to the project folder
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = --csc ]; then
  [ $# -ge 3 ] || { sed -n '2,10p' "$0"; exit 2; }
  args=(--csc "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" "$(cd "$3" && pwd)" "${4:-5}")
else
  args=("${1:-40}" "${2:-5}")
fi
cd "$root"
dotnet build tests/Ssdlc.Analyzers.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet tests/Ssdlc.Analyzers.Benchmarks/bin/Release/net10.0/Ssdlc.Analyzers.Benchmarks.dll "${args[@]}"
