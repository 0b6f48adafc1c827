#!/usr/bin/env bash
# Packs Ssdlc.Sdk and Ssdlc.Analyzers into a folder feed (default: artifacts/feed).
# Further arguments go to dotnet pack, e.g. the public address of the rule pages, which the help links then use:
#   bash build/pack.sh artifacts/feed -p:SsdlcHelpLinkBase=https://docs.example.org/ssdlc/rules/
# (or set SsdlcHelpLinkBase in the environment). Without it, help links lead to the pages shipped in the packages.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${1:-$root/artifacts/feed}"
shift || true
mkdir -p "$feed"
# Ssdlc.Sdk publishes the MSBuild tasks through an MSBuild call, which does not restore: restore them first (a fresh clone
# has no obj/ yet).
dotnet restore "$root/src/Ssdlc.Build.Tasks/Ssdlc.Build.Tasks.csproj" -nologo -v:q -p:ContinuousIntegrationBuild=true
for project in src/Ssdlc.Sdk/Ssdlc.Sdk.csproj src/Ssdlc.Analyzers.Package/Ssdlc.Analyzers.Package.csproj; do
  dotnet pack "$root/$project" -c Release -o "$feed" -nologo -v:q -p:ContinuousIntegrationBuild=true "$@"
done
