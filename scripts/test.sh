#!/usr/bin/env bash
# Runs every test: installs the npm tools and Chromium, starts two Azurites on free loopback ports for the run,
# builds and tests the solution while the storefront's, dashboard's and console's browser tests and size budget run
# beside it, then compiles and lints the Bicep in infra/. It ends with the ten slowest .NET tests and "N passed, N failed".
# Usage: scripts/test.sh [--fast] [extra dotnet test arguments]
#   --fast  leaves out the simulations and load tests (traits Category=Simulation and Category=Load): the quick loop
#           while changing code. CI runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

filter=()
if [[ "${1:-}" == "--fast" ]]; then
  shift
  filter=(--filter "Category!=Simulation&Category!=Load")
fi

ensure_npm_tools
ensure_browser
mkdir -p .test-results
# Two Azurites: the .NET storage tests run as two collections side by side, one on each.
blob=$(free_port); queue=$(free_port); table=$(free_port)
start_azurite "$blob" "$queue" "$table" .test-results/azurite.log --inMemoryPersistence
first_azurite=$AZURITE_PID
trap 'kill "$first_azurite" 2>/dev/null || true' EXIT
export UPSELL_TEST_STORAGE UPSELL_TEST_STORAGE_2
UPSELL_TEST_STORAGE=$(azurite_connection_string "$blob" "$queue" "$table")
blob=$(free_port); queue=$(free_port); table=$(free_port)
start_azurite "$blob" "$queue" "$table" .test-results/azurite-2.log --inMemoryPersistence
trap 'kill "$first_azurite" "$AZURITE_PID" 2>/dev/null || true' EXIT
UPSELL_TEST_STORAGE_2=$(azurite_connection_string "$blob" "$queue" "$table")

status=0
dotnet build UpsellFunctions.sln --configuration Release 2>&1 | tee .test-results/dotnet-build.log || exit 1
# The browser tests mostly wait on pages and the .NET tests mostly wait on Azurite, so they run side by side; the
# browser tests' output follows the .NET tests'.
node --test storefront/tests/ tests/dashboard/ tests/console/ > .test-results/storefront-test.log 2>&1 &
browser_tests=$!
rm -rf .test-results/trx
dotnet test UpsellFunctions.sln --configuration Release --no-build --logger trx --results-directory .test-results/trx "${filter[@]}" "$@" 2>&1 | tee .test-results/dotnet-test.log || status=$?
wait "$browser_tests" || status=$?
cat .test-results/storefront-test.log
bash scripts/infra-check.sh || status=$?
python3 - .test-results/dotnet-test.log .test-results/storefront-test.log .test-results/trx <<'PY'
import glob, re, sys
import xml.etree.ElementTree as ET
# The ten slowest .NET tests, from the runs' trx files, so a slow suite says where its time goes.
durations = []
for trx in glob.glob(f"{sys.argv[3]}/*.trx"):
    for result in ET.parse(trx).getroot().iter("{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}UnitTestResult"):
        h, m, s = result.get("duration", "0:0:0").split(":")
        durations.append((int(h) * 3600 + int(m) * 60 + float(s), result.get("testName")))
if durations:
    print("slowest .NET tests:")
    for seconds, name in sorted(durations, reverse=True)[:10]:
        print(f"  {seconds:6.1f} s  {name[:140]}")
dotnet = open(sys.argv[1], encoding="utf-8", errors="replace").read()
node = open(sys.argv[2], encoding="utf-8", errors="replace").read()
passed = sum(int(n) for n in re.findall(r"Passed:\s+(\d+),", dotnet)) + sum(int(n) for n in re.findall(r"^# pass (\d+)$", node, re.M))
failed = sum(int(n) for n in re.findall(r"Failed:\s+(\d+),", dotnet)) + sum(int(n) for n in re.findall(r"^# fail (\d+)$", node, re.M))
# The failures' names last, so a CI log cut to its tail still says which tests failed.
for name in re.findall(r"^\s+Failed (\S+) \[", dotnet, re.M) + re.findall(r"^\s*not ok \d+ - (.+)$", node, re.M):
    print(f"failed: {name}")
print(f"{passed} passed, {failed} failed")
PY
exit "$status"
