// @ts-check
// A stand-in for the parts of Shopify's checkout API the extension uses, its shape checked against the pinned
// @shopify/ui-extensions types (`npx tsc -p shopify`), with a record of what the extension asked of it.

/**
 * @typedef {import('@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after').Api} CheckoutApi
 * @typedef {import('@shopify/ui-extensions/purchase.thank-you.block.render').Api} ThankYouApi
 * @typedef {import('@shopify/ui-extensions/checkout').CartLine} CartLine
 * @typedef {import('@shopify/ui-extensions/checkout').CartLineChange} CartLineChange
 * @typedef {import('@shopify/ui-extensions/checkout').CartLineChangeResult} CartLineChangeResult
 */

/**
 * @template T
 * @param {T} value
 * @returns {import('@shopify/ui-extensions/checkout').SubscribableSignalLike<T>}
 */
export function signal(value) {
  return { value, current: value, subscribe: () => () => {}, destroy: async () => {} };
}

/**
 * One line of the cart: a variant, its SKU and product type, its quantity and what the line costs.
 * @param {{ variant: number, sku: string, productType: string, quantity: number, total: number, currency?: import("@shopify/ui-extensions/checkout").Money["currencyCode"] }} line
 * @returns {CartLine}
 */
export function cartLine({ variant, sku, productType, quantity, total, currency = "EUR" }) {
  return {
    id: `gid://shopify/CartLine/${variant}`,
    merchandise: {
      type: "variant",
      id: `gid://shopify/ProductVariant/${variant}`,
      title: sku,
      selectedOptions: [],
      product: { id: `gid://shopify/Product/${variant}`, vendor: "Trail Co", productType },
      requiresShipping: true,
      sku,
    },
    quantity,
    cost: { totalAmount: { amount: total, currencyCode: currency } },
    attributes: [],
    discountAllocations: [],
    lineComponents: [],
    parentRelationship: null,
  };
}

/**
 * The checkout's API as the cart-line-list target gets it. `applyCartLinesChange` answers `change` (success unless
 * told otherwise) and keeps every change asked for.
 * @param {{ lines?: CartLine[], attributes?: { key: string, value: string }[], change?: CartLineChangeResult,
 *   canAddCartLine?: boolean, apiBaseUrl?: string }} [options]
 */
export function checkoutStandIn(options = {}) {
  /** @type {CartLineChange[]} */
  const changes = [];
  /** @type {Map<string, unknown>} */
  const stored = new Map();
  /** @type {Pick<CheckoutApi, 'settings' | 'sessionToken' | 'lines' | 'storage' | 'attributes' | 'checkoutToken' | 'instructions' | 'applyCartLinesChange' | 'shop'> & { localization: Pick<CheckoutApi['localization'], 'language' | 'country'> }} */
  const api = {
    settings: signal({ api_base_url: options.apiBaseUrl ?? "https://upsell.example/" }),
    sessionToken: { get: async () => "session-token-from-shopify" },
    lines: signal(options.lines ?? [cartLine({ variant: 44012345678950, sku: "CAM-X100", productType: "cameras", quantity: 1, total: 899 })]),
    storage: {
      read: async (key) => /** @type {any} */ (stored.get(key) ?? null),
      write: async (key, value) => { stored.set(key, value); },
      delete: async (key) => { stored.delete(key); },
    },
    attributes: signal(options.attributes ?? [{ key: "_upsell_visitor", value: "9a2e4c6b-1d3f-4a5b-8c7d-2e4f6a8b0c12" }]),
    checkoutToken: signal("b3f1c2d4e5f60718293a4b5c6d7e8f90"),
    instructions: signal(/** @type {CheckoutApi['instructions']['value']} */ ({
      attributes: { canUpdateAttributes: true },
      delivery: { canSelectCustomAddress: true },
      discounts: { canUpdateDiscountCodes: true },
      lines: { canAddCartLine: options.canAddCartLine ?? true, canRemoveCartLine: true, canUpdateCartLine: true },
      metafields: { canDeleteCartMetafield: true, canSetCartMetafields: true },
      notes: { canUpdateNote: true },
    })),
    applyCartLinesChange: async (change) => {
      changes.push(change);
      return options.change ?? { type: "success" };
    },
    shop: { id: "gid://shopify/Shop/61234567001", name: "Trail Co", storefrontUrl: "https://trail-co.example", myshopifyDomain: "trail-co.myshopify.com" },
    localization: { language: signal({ isoCode: "en" }), country: signal({ isoCode: "DE" }) },
  };
  return { api, changes };
}

/**
 * The thank-you page's API: no cart to change; `query` answers the Storefront API's cartCreate with `checkoutUrl`
 * (or `userError`) and keeps every query asked.
 * @param {{ checkoutUrl?: string, userError?: string }} [options]
 */
export function thankYouStandIn(options = {}) {
  const { api: checkout } = checkoutStandIn();
  /** @type {{ query: string, variables: unknown }[]} */
  const queries = [];
  /** @type {Pick<ThankYouApi, 'settings' | 'sessionToken' | 'lines' | 'storage' | 'shop' | 'query'> & { localization: Pick<ThankYouApi['localization'], 'language' | 'country'> }} */
  const api = {
    settings: checkout.settings,
    sessionToken: checkout.sessionToken,
    lines: checkout.lines,
    storage: checkout.storage,
    shop: checkout.shop,
    localization: checkout.localization,
    query: async (query, request) => {
      queries.push({ query, variables: request?.variables });
      const cart = options.userError ? null : { checkoutUrl: options.checkoutUrl ?? "https://trail-co.example/checkouts/cn/new-cart" };
      return /** @type {any} */ ({ data: { cartCreate: { cart, userErrors: options.userError ? [{ message: options.userError }] : [] } } });
    },
  };
  return { api, queries };
}
