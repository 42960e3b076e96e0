#!/usr/bin/env bash
# Bounded load runs against a private Azurite, each beside the naive way, printing both:
#   bash scripts/bench-load.sh recording [events] [events-per-message]   events through the queue function, batched
#                                                                         and one write per event
#   bash scripts/bench-load.sh followups [follow-ups] [sendgrid-ms]       due follow-ups in one timer run against a
#                                                                         SendGrid stand-in, 16 at a time and one by one
#   bash scripts/bench-load.sh offers [requests] [concurrency]          POST /api/offers/cart through the function, and
#                                                                         its floor: the same storage calls, no engine
#   bash scripts/bench-load.sh contention [events]                     one experiment arm recorded with 1 to 16 messages
#                                                                         in flight, Azure round trips simulated, this
#                                                                         design beside a shared day row per shard
#   bash scripts/bench-load.sh affinity [orders]                        orders through the recorder with co-purchase
#                                                                         counting on and off
#   bash scripts/bench-load.sh reports [slots] [--rollup-only]            every report route over 90 days of counters for 20
#                                                                         offers and 5 experiments, reading the shards and
#                                                                         reading the rollup
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
ensure_npm_tools
folder=$(mktemp -d)
ports=($(free_port) $(free_port) $(free_port))
start_azurite "${ports[0]}" "${ports[1]}" "${ports[2]}" "$folder/azurite.log" --inMemoryPersistence
trap 'kill "$AZURITE_PID" 2>/dev/null || true; rm -rf "$folder"' EXIT
UPSELL_BENCH_STORAGE=$(azurite_connection_string "${ports[0]}" "${ports[1]}" "${ports[2]}") \
  dotnet run --configuration Release --project bench/Upsell.Benchmarks -- "${@:-recording}"
