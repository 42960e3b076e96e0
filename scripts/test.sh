#!/usr/bin/env bash
# Runs every test: installs the npm tools and Chromium, starts one Azurite on free loopback ports for the run, builds
# and tests the solution, runs the storefront's browser tests and size budget, then compiles and lints the Bicep in
# infra/. Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

ensure_npm_tools
ensure_browser
mkdir -p .test-results
blob=$(free_port); queue=$(free_port); table=$(free_port)
start_azurite "$blob" "$queue" "$table" .test-results/azurite.log --inMemoryPersistence
trap 'kill "$AZURITE_PID" 2>/dev/null || true' EXIT
export UPSELL_TEST_STORAGE
UPSELL_TEST_STORAGE=$(azurite_connection_string "$blob" "$queue" "$table")

status=0
dotnet test UpsellFunctions.sln --configuration Release "$@" 2>&1 | tee .test-results/dotnet-test.log || status=$?
node --test storefront/tests/ tests/dashboard/ tests/console/ 2>&1 | tee .test-results/storefront-test.log || status=$?
bash scripts/infra-check.sh || status=$?
python3 - .test-results/dotnet-test.log .test-results/storefront-test.log <<'PY'
import re, sys
dotnet = open(sys.argv[1], encoding="utf-8", errors="replace").read()
node = open(sys.argv[2], encoding="utf-8", errors="replace").read()
passed = sum(int(n) for n in re.findall(r"Passed:\s+(\d+),", dotnet)) + sum(int(n) for n in re.findall(r"^# pass (\d+)$", node, re.M))
failed = sum(int(n) for n in re.findall(r"Failed:\s+(\d+),", dotnet)) + sum(int(n) for n in re.findall(r"^# fail (\d+)$", node, re.M))
print(f"{passed} passed, {failed} failed")
PY
exit "$status"
