#!/usr/bin/env bash
# Runs every test: installs the npm tools, starts one Azurite on free loopback ports for the run, builds and tests
# the solution, then compiles and lints the Bicep in infra/. Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

ensure_npm_tools
mkdir -p .test-results
blob=$(free_port); queue=$(free_port); table=$(free_port)
start_azurite "$blob" "$queue" "$table" .test-results/azurite.log --inMemoryPersistence
trap 'kill "$AZURITE_PID" 2>/dev/null || true' EXIT
export UPSELL_TEST_STORAGE
UPSELL_TEST_STORAGE=$(azurite_connection_string "$blob" "$queue" "$table")

status=0
dotnet test UpsellFunctions.sln --configuration Release "$@" 2>&1 | tee .test-results/dotnet-test.log || status=$?
python3 - .test-results/dotnet-test.log <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
passed = sum(int(n) for n in re.findall(r"Passed:\s+(\d+),", text))
failed = sum(int(n) for n in re.findall(r"Failed:\s+(\d+),", text))
print(f"{passed} passed, {failed} failed")
PY
bash scripts/infra-check.sh || status=$?
exit "$status"
