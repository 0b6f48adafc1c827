#!/usr/bin/env bash
# Helpers for scripts that build projects against a local Ssdlc feed. The public package source comes from the machine's
# own NuGet configuration; nothing here names a feed: the machine's source names are read at run time.

# The names of the machine's enabled package sources, one per line.
machine_source_names() {
  local dir
  dir="$(mktemp -d)"
  (cd "$dir" && dotnet nuget list source 2>/dev/null) | sed -nE 's/^ *[0-9]+\. +(.+) \[Enabled\]$/\1/p'
  rm -rf "$dir"
}

# write_nuget_config DIR FEED: a nuget.config in DIR that adds the local FEED for Ssdlc.* packages and maps every
# other package id to the machine's sources (package source mapping: one source per id).
write_nuget_config() {
  local mapping="" name
  while IFS= read -r name; do
    [ -n "$name" ] && mapping="$mapping    <packageSource key=\"$name\"><package pattern=\"*\" /></packageSource>
"
  done < <(machine_source_names)
  cat > "$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="ssdlc-local" value="$2" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="ssdlc-local"><package pattern="Ssdlc.*" /></packageSource>
$mapping  </packageSourceMapping>
</configuration>
XML
}
