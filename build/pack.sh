#!/usr/bin/env bash
# Packs Ssdlc.Sdk and Ssdlc.Analyzers into a folder feed (default: artifacts/feed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${1:-$root/artifacts/feed}"
mkdir -p "$feed"
# Ssdlc.Sdk publishes the MSBuild tasks through an MSBuild call, which does not restore: restore them first (a fresh clone
# has no obj/ yet).
dotnet restore "$root/src/Ssdlc.Build.Tasks/Ssdlc.Build.Tasks.csproj" -nologo -v:q -p:ContinuousIntegrationBuild=true
for project in src/Ssdlc.Sdk/Ssdlc.Sdk.csproj src/Ssdlc.Analyzers.Package/Ssdlc.Analyzers.Package.csproj; do
  dotnet pack "$root/$project" -c Release -o "$feed" -nologo -v:q -p:ContinuousIntegrationBuild=true
done
