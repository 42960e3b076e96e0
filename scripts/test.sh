#!/usr/bin/env bash
# Runs every test: installs the npm tools and Chromium, starts two Azurites on free loopback ports for the run,
# type-checks the Shopify extensions, builds and tests the solution while the JavaScript tests (the storefront's,
# dashboard's and console's browser tests, the size budget, the Shopify extensions' own tests) run beside it, then
# compiles and lints the Bicep in infra/. It ends with the ten slowest .NET tests and "N passed, N failed".
# Usage: scripts/test.sh [--fast] [extra dotnet test arguments]
#   --fast  leaves out the simulations and load tests (traits Category=Simulation and Category=Load) and the browser
#           journeys (the JavaScript tests that drive Chromium; the plain ones still run) and the Bicep lint (the
#           template's .NET tests still compile it): the quick loop while changing C#. CI runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

filter=()
# The browser journeys wait on pages and timers more than on the CPU, so their files run four at a time.
node_tests=(--test-concurrency=4 storefront/tests/ tests/dashboard/ tests/console/ shopify/extensions/ shopify/tests/)
if [[ "${1:-}" == "--fast" ]]; then
  shift
  filter=(--filter "Category!=Simulation&Category!=Load")
  node_tests=(storefront/tests/size.test.mjs tests/console/money.test.mjs shopify/extensions/)
  fast=1
fi
started=$(date +%s)
phase() { echo "[$(( $(date +%s) - started )) s] $*"; }

ensure_npm_tools
[[ -n "${fast:-}" ]] || ensure_browser
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
# The Shopify extensions and their tests' stand-ins, type-checked against Shopify's pinned packages.
phase "type-checking the Shopify extensions"
npx tsc -p shopify 2>&1 | tee .test-results/tsc.log || status=1
phase "building"
dotnet build UpsellFunctions.sln --configuration Release 2>&1 | tee .test-results/dotnet-build.log || exit 1
phase "testing"
# The browser tests mostly wait on pages and the .NET tests mostly wait on Azurite, so they run side by side; the
# browser tests' output follows the .NET tests'.
node --test "${node_tests[@]}" > .test-results/storefront-test.log 2>&1 &
browser_tests=$!
rm -rf .test-results/trx
dotnet test UpsellFunctions.sln --configuration Release --no-build --logger trx --results-directory .test-results/trx "${filter[@]}" "$@" 2>&1 | tee .test-results/dotnet-test.log || status=$?
phase ".NET tests done"
wait "$browser_tests" || status=$?
phase "JavaScript tests done"
cat .test-results/storefront-test.log
# The template's own tests ran with the .NET tests; the quick loop leaves out the full compile and lint.
if [[ -z "${fast:-}" ]]; then
  bash scripts/infra-check.sh || status=$?
  phase "Bicep checked"
fi
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
