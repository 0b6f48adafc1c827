#!/usr/bin/env bash
# SBOM generation benchmark: a synthetic restore result with N packages (default 400; each with a nuspec and
# 0-3 dependencies on other packages, one project reference), the GenerateSbom task run R times (default 5) through
# MSBuild, and the task's time from MSBuild's performance summary. Prints "packages, components, edges, time per run".
#   bash build/bench-sbom.sh [packages] [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-400}"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/Ssdlc.Build.Tasks/Ssdlc.Build.Tasks.csproj" -c Release -nologo -v:q >/dev/null
tasks="$root/src/Ssdlc.Build.Tasks/bin/Release/net8.0/Ssdlc.Build.Tasks.dll"

# Packages folder with one nuspec per package, and the assets file.
RANDOM=42
targets=""
libraries=""
deps_total=0
for ((i = 0; i < count; i++)); do
  id="Bench.Package$i"
  lower="bench.package$i"
  version="1.$((i % 7)).$i"
  mkdir -p "$work/packages/$lower/$version"
  cat >"$work/packages/$lower/$version/$lower.nuspec" <<NUSPEC
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>$id</id><version>$version</version><authors>Bench Authors</authors>
    <license type="expression">MIT</license>
    <description>Synthetic package $i for the SBOM benchmark.</description>
    <repository type="git" url="https://example.com/bench/$lower.git" />
  </metadata>
</package>
NUSPEC
  deps=""
  if ((i > 0)); then
    n=$((RANDOM % 4))
    declare -A seen=()
    for ((k = 0; k < n; k++)); do
      j=$((RANDOM % i))
      [[ -n "${seen[$j]:-}" ]] && continue
      seen[$j]=1
      deps+="${deps:+, }\"Bench.Package$j\": \"[1.$((j % 7)).$j, )\""
      deps_total=$((deps_total + 1))
    done
    unset seen
  fi
  sha="$(head -c 64 /dev/urandom | base64 -w0)"
  targets+="${targets:+,}
      \"$id/$version\": { \"type\": \"package\", \"dependencies\": { $deps }, \"runtime\": { \"lib/net8.0/$id.dll\": {} } }"
  libraries+="${libraries:+,}
    \"$id/$version\": { \"sha512\": \"$sha\", \"type\": \"package\", \"path\": \"$lower/$version\", \"files\": [ \"lib/net8.0/$id.dll\", \"$lower.nuspec\" ] }"
done

direct=""
for ((i = count - 1; i >= count - 20 && i >= 0; i--)); do
  direct+="${direct:+, }\"Bench.Package$i\": { \"target\": \"Package\", \"version\": \"[1.$((i % 7)).$i, )\" }"
done

cat >"$work/project.assets.json" <<ASSETS
{
  "version": 3,
  "targets": {
    "net8.0": {$targets,
      "Bench.Lib/1.0.0": { "type": "project", "framework": ".NETCoreApp,Version=v8.0", "dependencies": { "Bench.Package0": "1.0.0" } }
    }
  },
  "libraries": {$libraries,
    "Bench.Lib/1.0.0": { "type": "project", "path": "../Bench.Lib/Bench.Lib.csproj", "msbuildProject": "../Bench.Lib/Bench.Lib.csproj" }
  },
  "projectFileDependencyGroups": { "net8.0": [ "Bench.Lib >= 1.0.0" ] },
  "packageFolders": { "$work/packages/": {} },
  "project": { "version": "1.0.0", "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": { $direct } } } }
}
ASSETS

cat >"$work/bench.proj" <<PROJ
<Project>
  <UsingTask TaskName="Ssdlc.Build.Tasks.Sbom.GenerateSbom" AssemblyFile="$tasks" />
  <Target Name="Bench">
    <GenerateSbom FindingsFile="$work/findings.json" ProjectFile="$work/bench.proj" SbomFile="$work/out/%(_Run.Identity)/bench.cdx.json"
                  ProjectAssetsFile="$work/project.assets.json" TargetFramework="net8.0" TargetFrameworkMoniker=".NETCoreApp,Version=v8.0"
                  ComponentName="Bench.App" Version="1.0.0" OutputType="Exe" BundledNETCoreAppPackageVersion="8.0.11" />
  </Target>
  <ItemGroup>
$(for ((r = 0; r < runs; r++)); do echo "    <_Run Include=\"run$r\" />"; done)
  </ItemGroup>
</Project>
PROJ

summary="$(dotnet msbuild "$work/bench.proj" -nologo -v:q -clp:PerformanceSummary -nodeReuse:false)"
if grep -q '"SSDLC' "$work/findings.json"; then
  echo "GenerateSbom reported findings:" >&2
  cat "$work/findings.json" >&2
  exit 1
fi
ms="$(echo "$summary" | awk '/Task Performance Summary/ {t = 1} t && /GenerateSbom/ {print $1; exit}')"
calls="$(echo "$summary" | awk '/Task Performance Summary/ {t = 1} t && /GenerateSbom/ {print $4; exit}')"
components="$(grep -c '"bom-ref": "pkg:nuget/' "$work/out/run0/bench.cdx.json")"
echo "packages: $count (+1 project reference), edges: $deps_total, SBOM components: $((components - 1)), runs: $calls"
echo "GenerateSbom: $ms ms for $calls runs, $(awk -v m="$ms" -v c="$calls" 'BEGIN { printf "%.0f", m / c }') ms per SBOM (first run includes JIT)"
