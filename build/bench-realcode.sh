#!/usr/bin/env bash
# What Ssdlc's analyzers add to a full build of large real code: the real-code corpus beside the repository
# (../shared/realcode: BouncyCastle, about 425k lines, and Newtonsoft.Json with its tests, about 194k lines) built with
# and without the packed Ssdlc.Analyzers (the package the corpus's scan.sh adds, findings as warnings), full rebuilds
# (--no-incremental, no restore), the two variants interleaved, median of R runs each (default 3). Prints a Markdown table.
#   bash build/bench-realcode.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
corpus="$(cd "$root/../shared/realcode" && pwd)"
work="$root/artifacts/bench-realcode"
export NUGET_PACKAGES="$work/packages"
export MSBUILDDISABLENODEREUSE=1
unset CI ContinuousIntegrationBuild || true

rm -rf "$work" && mkdir -p "$work/feed"
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
done

common() { # $1 = variant dir, $2 = with|without
  local dir="$1"
  printf '%s\n' -nologo -v:q -nr:false -p:EnableNETAnalyzers=false -p:TreatWarningsAsErrors=false -p:RunAnalyzers=true \
    "-p:CustomBeforeMicrosoftCommonProps=$dir/tweaks/inject-ssdlc.props" "-p:RestoreAdditionalProjectSources=$work/feed" \
    "-p:CustomAfterMicrosoftCommonTargets=$dir/tweaks/bc-csharp.targets"
  [ "$2" = with ] && printf '%s\n' "-p:SsdlcScanVersion=0.1.0"
  return 0
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "| corpus | without Ssdlc | with Ssdlc.Analyzers | added |"
echo "|---|---|---|---|"
for c in bc-csharp newtonsoft-json; do
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
  # Interleaved (without, with, without, with, ...): a drift of the machine or the compiler server over the runs
  # then weighs on both variants alike.
  declare -A samples=([without]="" [with]="")
  for _ in $(seq 1 "$runs"); do
    for variant in without with; do
      start=$(date +%s.%N)
      build "$variant" --no-restore --no-incremental
      end=$(date +%s.%N)
      samples[$variant]+="$(echo "$end - $start" | bc) "
    done
  done
  declare -A times=()
  for variant in without with; do
    times[$variant]=$(printf '%s\n' ${samples[$variant]} | median)
  done
  added=$(echo "scale=1; (${times[with]} - ${times[without]}) * 100 / ${times[without]}" | bc)
  printf '| %s | %.1f s | %.1f s | %+.1f %% |\n' "$c" "${times[without]}" "${times[with]}" "$added"
done
