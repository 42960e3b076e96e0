#!/usr/bin/env bash
# Copies the storefront scripts into the theme app extension, whose assets Shopify serves from its CDN. Run it
# before `shopify app deploy`, so the embed loads the scripts this checkout holds.
set -euo pipefail
cd "$(dirname "$0")/.."
cp storefront/upsell.js storefront/upsell-shopify.js shopify/extensions/upsell-theme/assets/
echo "Copied upsell.js and upsell-shopify.js into shopify/extensions/upsell-theme/assets/"
