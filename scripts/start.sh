#!/usr/bin/env bash
# Runs the pipeline locally: Azurite on the default ports (data kept in .azurite/), the Functions host with
# the demo catalog seeded into empty tables, and the demo storefront.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

ensure_npm_tools
FUNC=$(command -v func || true)
[ -z "$FUNC" ] && [ -x node_modules/.bin/func ] && FUNC=node_modules/.bin/func
if [ -z "$FUNC" ]; then
  cat <<'MSG'
The Azure Functions Core Tools (func, version 4) are not installed. Install them once, then run this again:
  npm install --global azure-functions-core-tools@4 --unsafe-perm true
or, on Debian/Ubuntu, from Microsoft's package feed:
  https://learn.microsoft.com/azure/azure-functions/functions-run-local#install-the-azure-functions-core-tools
MSG
  exit 1
fi

settings=src/Upsell.Functions/local.settings.json
# Settings new in the sample are added to an existing file; its own values stay. Empty secrets get random ones.
python3 - "$settings" <<'PY'
import base64, json, os, sys
path = sys.argv[1]
sample = json.load(open("local.settings.sample.json"))
current = json.load(open(path)) if os.path.exists(path) else {}
values = {**sample["Values"], **current.get("Values", {})}
for key in ("Upsell__Tokens__SigningKey", "Upsell__Orders__WebhookSecret", "Upsell__Unsubscribe__SigningKey", "Upsell__Decisions__HoldoutSalt"):
    if not values.get(key):
        values[key] = base64.b64encode(os.urandom(32)).decode()
        print(f"Generated {key} in {path}")
# The host runs in .build/functions; a relative outbox is kept at the repository root instead.
outbox = values.get("Upsell__Email__OutboxPath") or ".outbox"
values["Upsell__Email__OutboxPath"] = outbox if os.path.isabs(outbox) else os.path.abspath(outbox)
sample["Values"] = values
with open(path, "w") as out:
    json.dump(sample, out, indent=2)
PY

mkdir -p .azurite
start_azurite 10000 10001 10002 .azurite/azurite.log --location .azurite
node scripts/serve-storefront.mjs storefront 5500 &
STOREFRONT_PID=$!
trap 'kill "$AZURITE_PID" "$STOREFRONT_PID" 2>/dev/null || true' EXIT
echo "Azurite: 127.0.0.1:10000-10002   Storefront: http://localhost:5500   API: http://localhost:7071/api"
echo "Console: http://localhost:7071/api/manage/console   Reports: http://localhost:7071/api/manage/dashboard"
echo "Follow-up emails (no SendGrid key): $(pwd)/.outbox/*.eml and *.html"

dotnet build src/Upsell.Functions --configuration Debug --output .build/functions
cp "$settings" .build/functions/local.settings.json
cd .build/functions
"$FUNC" start --port 7071
