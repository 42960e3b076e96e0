#!/usr/bin/env bash
# Compiles every Bicep file under infra/ and runs the Bicep linter, warnings counted as errors. The Bicep CLI
# comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 that the Functions test project downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\(.*\)\]".*/\1/p' tests/Upsell.Functions.Tests/Upsell.Functions.Tests.csproj)
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || dotnet restore tests/Upsell.Functions.Tests --verbosity quiet
chmod +x "$bicep"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0
for file in $(find infra -name '*.bicep' | sort); do
  if ! "$bicep" build "$file" --outdir "$out" 2>"$out/build.txt" || grep -qE 'Warning|Error' "$out/build.txt"; then
    cat "$out/build.txt"; failed=1
  fi
  "$bicep" lint "$file" >"$out/lint.txt" 2>&1 || true
  if grep -qE 'Warning|Error' "$out/lint.txt"; then
    cat "$out/lint.txt"; failed=1
  fi
done
[ "$failed" = 0 ] && echo "Bicep: $(find infra -name '*.bicep' | wc -l) files compile and lint clean"
exit "$failed"
