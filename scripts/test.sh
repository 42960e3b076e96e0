#!/usr/bin/env bash
# Runs every test: installs the npm tools and Chromium, starts two Azurites on free loopback ports for the run,
# builds and tests the solution while the storefront's, dashboard's and console's browser tests and size budget run
# beside it, then compiles and lints the Bicep in infra/. Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

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
dotnet test UpsellFunctions.sln --configuration Release --no-build "$@" 2>&1 | tee .test-results/dotnet-test.log || status=$?
wait "$browser_tests" || status=$?
cat .test-results/storefront-test.log
bash scripts/infra-check.sh || status=$?
python3 - .test-results/dotnet-test.log .test-results/storefront-test.log <<'PY'
import re, sys
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
