#!/usr/bin/env bash
# Records 10,000 events through the events queue function against a private Azurite, batched and one write per
# event, and prints both throughputs. Usage: bash scripts/bench-recording.sh [events] [events-per-message]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
ensure_npm_tools
folder=$(mktemp -d)
ports=($(free_port) $(free_port) $(free_port))
start_azurite "${ports[0]}" "${ports[1]}" "${ports[2]}" "$folder/azurite.log" --inMemoryPersistence
trap 'kill "$AZURITE_PID" 2>/dev/null || true; rm -rf "$folder"' EXIT
UPSELL_BENCH_STORAGE=$(azurite_connection_string "${ports[0]}" "${ports[1]}" "${ports[2]}") \
  dotnet run --configuration Release --project bench/Upsell.Benchmarks -- recording "${1:-10000}" "${2:-10}"
