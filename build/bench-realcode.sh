#!/usr/bin/env bash
# What Ssdlc's analyzers add to a full build of large real code: the real-code corpus beside the repository
# (../shared/realcode: BouncyCastle, about 425k lines, and Newtonsoft.Json with its tests, about 194k lines) built with
# and without the packed Ssdlc.Analyzers (the package the corpus's scan.sh adds, findings as warnings), full rebuilds
# (--no-incremental, no restore), the two variants interleaved (without, with, without, with, ...), R pairs (default 5).
# Prints a Markdown table: the median time of each variant and the median of the per-pair ratios (with / without), which
# a drift of the machine's speed over the runs disturbs least.
#   bash build/bench-realcode.sh [runs] [server|no-server]       (CORPORA="bc-csharp" limits the run)
# NET_ANALYZERS=true keeps the .NET SDK's own code analysis on in both variants (its default in net5.0+ projects; the
# corpus scan turns it off): the analyzer driver's fixed cost of walking every operation is then paid by both.
# server (the default, as `dotnet build` runs on a developer's machine or a CI agent): both variants compile in the
# compiler server, warmed by one build of each; no-server: a new compiler process per build
# (UseSharedCompilation=false), so each build also loads and JIT-compiles the analyzers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
mode="${2:-server}"
case "$mode" in
  server) shared=true ;;
  no-server) shared=false ;;
  *) echo "bench-realcode: the mode is server or no-server, not '$mode'" >&2; exit 2 ;;
esac
corpus="$(cd "$root/../shared/realcode" && pwd)"
work="$root/artifacts/bench-realcode"
export NUGET_PACKAGES="$work/packages"
export MSBUILDDISABLENODEREUSE=1
unset CI ContinuousIntegrationBuild || true

rm -rf "$work" && mkdir -p "$work/feed"
dotnet build-server shutdown >/dev/null 2>&1 || true
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
"$root/build/pack.sh" "$work/feed" >/dev/null

# The corpus projects and the arguments they need (as in the corpus's scan.sh).
declare -A project args
project[bc-csharp]=src/bc-csharp/crypto/src/BouncyCastle.Crypto.csproj
args[bc-csharp]="-p:TargetFrameworks=net8.0"
project[newtonsoft-json]=src/newtonsoft-json/Src/Newtonsoft.Json.Tests/Newtonsoft.Json.Tests.csproj
args[newtonsoft-json]="-p:LibraryFrameworks=net8.0 -p:TestFrameworks=net10.0 -p:ReferringTargetFrameworkForProjectReferences= -p:XunitPackageVersion=2.9.3 -p:XunitRunnerVisualStudioPackageVersion=3.1.5 -p:MicrosoftNETTestSdkPackageVersion=18.0.1"

for variant in without with; do
  mkdir -p "$work/$variant"
  cp -r "$corpus/src" "$corpus/tweaks" "$work/$variant/"
  chmod -R u+w "$work/$variant"
  echo '[]' > "$work/$variant/src/newtonsoft-json/Src/Newtonsoft.Json.Tests/large.json"
  if [ "${NET_ANALYZERS:-false}" = true ]; then
    # The corpus's globalconfig raises the whole Security category, which would also switch on the .NET analyzers'
    # security rules in one variant only; name the Ssdlc rules instead.
    { echo 'is_global = true'; echo 'global_level = 100'
      for page in "$root"/docs/rules/SSDLC*.md; do echo "dotnet_diagnostic.$(basename "$page" .md).severity = warning"; done
    } > "$work/$variant/tweaks/warnings-only.globalconfig"
  fi
done

common() { # $1 = variant dir, $2 = with|without
  local dir="$1"
  printf '%s\n' -nologo -v:q -nr:false "-p:UseSharedCompilation=$shared" "-p:EnableNETAnalyzers=${NET_ANALYZERS:-false}" -p:TreatWarningsAsErrors=false -p:RunAnalyzers=true \
    "-p:CustomBeforeMicrosoftCommonProps=$dir/tweaks/inject-ssdlc.props" "-p:RestoreAdditionalProjectSources=$work/feed" \
    "-p:CustomAfterMicrosoftCommonTargets=$dir/tweaks/bc-csharp.targets"
  [ "$2" = with ] && printf '%s\n' "-p:SsdlcScanVersion=0.1.0"
  return 0
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "| corpus ($mode, $runs pairs, .NET analyzers ${NET_ANALYZERS:-false}) | without Ssdlc | with Ssdlc.Analyzers | added (median of pairs) | pairs |"
echo "|---|---|---|---|---|"
for c in ${CORPORA:-bc-csharp newtonsoft-json}; do
  read -r -a extra <<<"${args[$c]}"
  build() { # $1 = variant, then extra dotnet build arguments
    local variant="$1" dir="$work/$1"; shift
    mapfile -t flags < <(common "$dir" "$variant")
    (cd "$dir" && dotnet build "${project[$c]}" "$@" "${flags[@]}" "${extra[@]}" >/dev/null 2>&1)
  }
  for variant in without with; do
    mapfile -t flags < <(common "$work/$variant" "$variant")
    (cd "$work/$variant" && dotnet restore "${project[$c]}" "${flags[@]}" "${extra[@]}" >/dev/null)
    build "$variant" --no-restore # warm-up
  done
  # Interleaved: a drift of the machine or the compiler server over the runs weighs on both variants alike.
  declare -A samples=([without]="" [with]="")
  ratios=""
  for i in $(seq 1 "$runs"); do
    declare -A pair=()
    order="without with"
    [ $((i % 2)) -eq 0 ] && order="with without" # ABBA: a trend within a pair weighs on both variants alike
    for variant in $order; do
      start=$(date +%s.%N)
      build "$variant" --no-restore --no-incremental
      end=$(date +%s.%N)
      pair[$variant]=$(echo "$end - $start" | bc)
      samples[$variant]+="${pair[$variant]} "
    done
    ratios+="$(echo "scale=4; ${pair[with]} / ${pair[without]}" | bc) "
  done
  declare -A times=()
  for variant in without with; do
    times[$variant]=$(printf '%s\n' ${samples[$variant]} | median)
  done
  added=$(echo "scale=2; ($(printf '%s\n' $ratios | median) - 1) * 100" | bc)
  range=$(printf '%s\n' $ratios | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%+.0f to %+.0f %%", (lo - 1) * 100, (hi - 1) * 100 }')
  printf '| %s | %.1f s | %.1f s | %+.1f %% | %s |\n' "$c" "${times[without]}" "${times[with]}" "$added" "$range"
done
