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
if [ ! -f "$settings" ]; then
  key=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
  sed "s|\"Upsell__Tokens__SigningKey\": \"\"|\"Upsell__Tokens__SigningKey\": \"$key\"|" local.settings.sample.json >"$settings"
  echo "Wrote $settings with a fresh token-signing key."
fi

mkdir -p .azurite
start_azurite 10000 10001 10002 .azurite/azurite.log --location .azurite
node scripts/serve-storefront.mjs storefront 5500 &
STOREFRONT_PID=$!
trap 'kill "$AZURITE_PID" "$STOREFRONT_PID" 2>/dev/null || true' EXIT
echo "Azurite: 127.0.0.1:10000-10002   Storefront: http://localhost:5500   API: http://localhost:7071/api"

dotnet build src/Upsell.Functions --configuration Debug --output .build/functions
cp "$settings" .build/functions/local.settings.json
cd .build/functions
"$FUNC" start --port 7071
