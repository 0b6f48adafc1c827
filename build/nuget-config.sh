#!/usr/bin/env bash
# write_nuget_config DIR FEED: a nuget.config in DIR that adds the local FEED for Ssdlc.* packages. The public source
# comes from the machine's own NuGet configuration (its "nuget.org" entry); no feed address is written here.
write_nuget_config() {
  cat > "$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="ssdlc-local" value="$2" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="ssdlc-local"><package pattern="Ssdlc.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
}
