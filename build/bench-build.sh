#!/usr/bin/env bash
# Measures what Ssdlc.Sdk adds to a build: a solution of N projects (default 20) built with and without the package,
# full build (--no-incremental) and no-op build, median of R runs (default 3). Prints a Markdown table.
#   bash build/bench-build.sh [projects] [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-20}"
runs="${2:-3}"
work="$root/artifacts/bench-build"
feed="$work/feed"
export NUGET_PACKAGES="$work/packages"
export MSBUILDDISABLENODEREUSE=1
unset CI ContinuousIntegrationBuild || true

. "$root/build/nuget-config.sh"
rm -rf "$work" && mkdir -p "$feed"
"$root/build/pack.sh" "$feed" >/dev/null

make_solution() { # $1 = dir, $2 = with|without
  local dir="$1"
  mkdir -p "$dir"
  write_nuget_config "$dir" "$feed"
  local ssdlc=""
  [ "$2" = with ] && ssdlc='<PackageReference Include="Ssdlc.Sdk" Version="0.1.0" PrivateAssets="all" />'
  cat > "$dir/Directory.Build.props" <<XML
<Project>
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
    <SsdlcRiskClass>High</SsdlcRiskClass>
  </PropertyGroup>
  <ItemGroup>
    $ssdlc
    <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
  </ItemGroup>
</Project>
XML
  (cd "$dir" && dotnet new sln -n Bench --format sln >/dev/null)
  for i in $(seq 1 "$n"); do
    local p="$dir/P$i"
    mkdir -p "$p"
    local refs=""
    [ "$i" -gt 1 ] && refs="<ItemGroup><ProjectReference Include=\"../P$((i-1))/P$((i-1)).csproj\" /></ItemGroup>"
    echo "<Project Sdk=\"Microsoft.NET.Sdk\">$refs</Project>" > "$p/P$i.csproj"
    for c in 1 2 3 4 5; do
      cat > "$p/C$c.cs" <<CS
namespace P$i;
public static class C$c
{
    public static string Describe(object value) => Newtonsoft.Json.JsonConvert.SerializeObject(new { value, At = "$i.$c" });
    public static int Sum(int[] values) { int s = 0; foreach (int v in values) { s += v; } return s; }
}
CS
    done
    (cd "$dir" && dotnet sln add "P$i/P$i.csproj" >/dev/null)
  done
  (cd "$dir" && dotnet restore -v:q >/dev/null)
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

time_build() { # $1 = dir, $2 = extra args
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s.%N)
    (cd "$1" && dotnet build --no-restore -nologo -v:q $2 >/dev/null 2>&1) || true
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
  done
  printf '%s\n' "${times[@]}" | median
}

make_solution "$work/without" without
make_solution "$work/with" with
# Warm up both (compiler server, first-build costs).
(cd "$work/without" && dotnet build --no-restore -v:q >/dev/null 2>&1) || true
(cd "$work/with" && dotnet build --no-restore -v:q >/dev/null 2>&1) || true

full_without=$(time_build "$work/without" --no-incremental)
full_with=$(time_build "$work/with" --no-incremental)
noop_without=$(time_build "$work/without" "")
noop_with=$(time_build "$work/with" "")
dotnet build-server shutdown >/dev/null 2>&1 || true

echo "| $n projects, median of $runs | without Ssdlc | with Ssdlc.Sdk | added |"
echo "|---|---|---|---|"
awk -v a="$full_without" -v b="$full_with" 'BEGIN {printf "| full build (--no-incremental) | %.1f s | %.1f s | %+.1f s |\n", a, b, b - a}'
awk -v a="$noop_without" -v b="$noop_with" 'BEGIN {printf "| no-op build | %.1f s | %.1f s | %+.1f s |\n", a, b, b - a}'
