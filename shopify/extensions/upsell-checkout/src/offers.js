// @ts-check
// One offer inside Shopify's checkout, drawn with Shopify's own components (s-*), for the moment its target stands
// for. It asks POST /api/offers/{moment} with the checkout's session token as a bearer token, shows the first offer
// the answer holds, and records impressions, accepts and declines through POST /api/events as upsell.js does.
//   In checkout (mode "checkout") accepting adds the line with applyCartLinesChange, the decision token (and the
// signed offer price, for the discount Function) as line attributes, so the order brings them back through the
// order webhook. A change Shopify refuses shows Shopify's reason and records no accept.
//   After the order (mode "after-order": thank-you and order-status pages) the order can no longer change: accepting
// creates a new cart with the Storefront API (cartCreate, the same line attributes) and offers its checkout.
// Nothing is shown when the API has no offer (204), answers with an error, or takes longer than TIME_BUDGET_MS.

/** How long the checkout waits for an offer before showing nothing. */
export const TIME_BUDGET_MS = 2500;
/** The line attributes the order webhook and the discount Function read. */
export const TOKEN_ATTRIBUTE = "_upsell_token";
export const PRICE_ATTRIBUTE = "_upsell_price";
const VISITOR_ATTRIBUTE = "_upsell_visitor";
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * @typedef {{ amount: number, currency: string, formatted: string }} Price
 * @typedef {{ offerId: string, externalId?: string, headline: string, body: string, callToAction: string,
 *   declineText: string, imageUrl?: string, price: Price, compareAtPrice?: Price, token: string, priceGrant?: string }} Offer
 * @typedef {{ value: any }} Signal
 * @typedef {{
 *   settings: Signal, sessionToken: { get(): Promise<string> }, lines: Signal, localization: any,
 *   storage: { read<T = unknown>(key: string): Promise<T | null>, write(key: string, value: any): Promise<void> },
 *   attributes?: Signal, checkoutToken?: Signal, instructions?: Signal, shop: { storefrontUrl?: string },
 *   applyCartLinesChange?: (change: any) => Promise<{ type: string, message?: string }>,
 *   query?: (query: string, options?: { variables?: any }) => Promise<{ data?: any, errors?: any }>
 * }} Api
 */

/**
 * @typedef {{ fetch?: typeof fetch, now?: () => Date, budgetMs?: number }} Env
 * @typedef {Api & { applyCartLinesChange: NonNullable<Api["applyCartLinesChange"]>, instructions: Signal }} CheckoutApi
 * @typedef {Api & { query: NonNullable<Api["query"]> }} AfterOrderApi
 */

/**
 * The offer for a moment inside checkout, added to the order being placed. The type asks for what this needs, so
 * a target without `applyCartLinesChange` does not type-check.
 * @param {CheckoutApi} api @param {string} moment @param {Env} [env]
 */
export function renderInCheckout(api, moment, env) {
  return renderOffer(api, moment, "checkout", env);
}

/**
 * The offer for a moment after the order (thank-you and order-status pages): accepting starts a new checkout through
 * the Storefront API, so the type asks for `query`.
 * @param {AfterOrderApi} api @param {string} moment @param {Env} [env]
 */
export function renderAfterOrder(api, moment, env) {
  return renderOffer(api, moment, "after-order", env);
}

/**
 * Draws the offer for a moment into the extension's body; resolves once it is drawn or nothing is.
 * @param {Api} api
 * @param {string} moment
 * @param {"checkout" | "after-order"} mode
 * @param {Env} [env]
 */
async function renderOffer(api, moment, mode, env = {}) {
  const request = env.fetch ?? fetch;
  const now = env.now ?? (() => new Date());
  const base = String(api.settings.value?.api_base_url ?? "").replace(/\/+$/, "");
  if (!base) return null;
  if (mode === "checkout" && api.instructions?.value?.lines?.canAddCartLine === false) return null;
  const offer = await ask(api, moment, base, request, env.budgetMs ?? TIME_BUDGET_MS);
  if (!offer) return null;

  const send = (/** @type {string} */ type) => sendEvent(request, base, offer.token, type, now());
  const card = drawCard({ ...offer, imageUrl: address(offer.imageUrl, base) });
  document.body.replaceChildren(card.root);
  send("impression");

  card.decline.addEventListener("click", () => {
    send("decline");
    document.body.replaceChildren();
  });
  let busy = false;
  card.accept.addEventListener("click", async () => {
    // A second click while the first is on its way adds nothing more.
    if (busy) return;
    busy = true;
    card.accept.loading = true;
    const refused = mode === "checkout" ? await addLine(api, offer) : await newCheckout(api, offer, card);
    card.accept.loading = false;
    busy = false;
    if (refused) {
      card.showProblem(refused);
      return;
    }
    send("accept");
    if (mode === "checkout") document.body.replaceChildren();
  });
  return card.root;
}

/** @param {Api} api @param {string} moment @param {string} base @param {typeof fetch} request @param {number} budgetMs @returns {Promise<Offer | null>} */
async function ask(api, moment, base, request, budgetMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    const body = await offerRequest(api);
    const response = await request(`${base}/api/offers/${moment}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await api.sessionToken.get()}` },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    if (response.status !== 200) return null;
    const answer = await response.json();
    return answer.offers?.find((/** @type {Offer} */ o) => /^[0-9]+$/.test(o.externalId ?? "")) ?? null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The offer request of upsell.js, from what the checkout knows, kept inside the API's limits (a name of 64
 * characters, 100 lines, 10,000 of one line, a unit price under 100,000.00) so that an odd checkout still gets an
 * answer: a longer SKU gives way to the variant id, a longer product type is left out.
 * @param {Api} api
 */
export async function offerRequest(api) {
  const lines = /** @type {any[]} */ (api.lines.value ?? []);
  const name = (/** @type {unknown} */ value) => (typeof value === "string" && value.trim() && value.length <= 64 ? value : undefined);
  return {
    sessionId: await idFor(api, "upsell-session", api.checkoutToken?.value),
    visitorId: await idFor(api, "upsell-visitor", attribute(api, VISITOR_ATTRIBUTE)),
    cart: lines
      .filter((l) => l.quantity > 0 && l.quantity <= 10000 && l.merchandise?.type === "variant")
      .map((l) => ({
        sku: name(l.merchandise.sku) ?? String(l.merchandise.id).split("/").pop(),
        category: name(l.merchandise.product?.productType),
        unitPrice: Math.round(minor(l.cost.totalAmount.amount, l.cost.totalAmount.currencyCode) / l.quantity),
        quantity: l.quantity,
        currency: l.cost.totalAmount.currencyCode,
      }))
      .filter((l) => l.unitPrice >= 0 && l.unitPrice <= 10000000)
      .slice(0, 100),
    locale: api.localization?.language?.value?.isoCode,
    country: api.localization?.country?.value?.isoCode,
  };
}

// The id the theme embed gave (a cart attribute) or the checkout's, when it is one; else one kept in the extension's storage.
/** @param {Api} api @param {string} key @param {unknown} given */
async function idFor(api, key, given) {
  if (typeof given === "string" && ID.test(given)) return given;
  const kept = await api.storage.read(key);
  if (typeof kept === "string" && ID.test(kept)) return kept;
  const fresh = crypto.randomUUID();
  await api.storage.write(key, fresh);
  return fresh;
}

/**
 * The image's address: the catalog may name it by its path on the API's host (the demo does), and Shopify's
 * components need a whole address; none when it is not one.
 * @param {string | undefined} image @param {string} base
 */
function address(image, base) {
  try {
    return image ? new URL(image, `${base}/`).href : undefined;
  } catch {
    return undefined;
  }
}

/** @param {Api} api @param {string} key */
function attribute(api, key) {
  return (api.attributes?.value ?? []).find((/** @type {{ key: string }} */ a) => a.key === key)?.value;
}

/** @param {number} amount @param {string} currency */
function minor(amount, currency) {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return Math.round(amount * 10 ** digits);
}

/** @param {Offer} offer */
function attributes(offer) {
  return [{ key: TOKEN_ATTRIBUTE, value: offer.token }, ...(offer.priceGrant ? [{ key: PRICE_ATTRIBUTE, value: offer.priceGrant }] : [])];
}

/** Adds the offer's line; Shopify's reason when it refuses. @param {Api} api @param {Offer} offer */
async function addLine(api, offer) {
  if (!api.applyCartLinesChange) return "This checkout cannot add products.";
  const result = await api.applyCartLinesChange({
    type: "addCartLine",
    merchandiseId: `gid://shopify/ProductVariant/${offer.externalId}`,
    quantity: 1,
    attributes: attributes(offer),
  });
  return result.type === "success" ? null : result.message || "Shopify could not add this product.";
}

const CART_CREATE = `mutation UpsellCart($lines: [CartLineInput!]!) {
  cartCreate(input: { lines: $lines }) { cart { checkoutUrl } userErrors { message } }
}`;

/** A new cart with the offer, and a link to its checkout in place of the accept button. @param {Api} api @param {Offer} offer @param {Card} card */
async function newCheckout(api, offer, card) {
  if (!api.query) return "This page cannot start a new checkout.";
  const lines = [{ merchandiseId: `gid://shopify/ProductVariant/${offer.externalId}`, quantity: 1, attributes: attributes(offer) }];
  const result = await api.query(CART_CREATE, { variables: { lines } }).catch(() => ({ data: null }));
  const created = result.data?.cartCreate;
  if (!created?.cart?.checkoutUrl) return created?.userErrors?.[0]?.message || "Shopify could not start a new checkout.";
  card.showCheckout(created.cart.checkoutUrl);
  return null;
}

/** @param {typeof fetch} request @param {string} base @param {string} token @param {string} type @param {Date} at */
function sendEvent(request, base, token, type, at) {
  const body = JSON.stringify({ events: [{ id: crypto.randomUUID(), type, at: at.toISOString(), token }] });
  request(`${base}/api/events`, { method: "POST", headers: { "Content-Type": "text/plain" }, body, keepalive: true }).catch(() => {});
}

/**
 * @typedef {{ root: HTMLElement, accept: HTMLElementTagNameMap["s-button"], decline: HTMLElementTagNameMap["s-button"],
 *   showProblem(message: string): void, showCheckout(url: string): void }} Card
 */

/** The offer as Shopify's components draw it: thumbnail, headline, copy, price, and the two buttons. @param {Offer} offer @returns {Card} */
export function drawCard(offer) {
  const root = element("s-section", { heading: offer.headline });
  const row = element("s-stack", { direction: "inline", gap: "base" });
  if (offer.imageUrl) row.append(element("s-product-thumbnail", { src: offer.imageUrl, alt: offer.headline }));
  const copy = element("s-stack", { gap: "small-200" });
  copy.append(text("s-paragraph", offer.body));
  const price = element("s-stack", { direction: "inline", gap: "small-200" });
  price.append(text("s-text", offer.price.formatted, { type: "strong" }));
  if (offer.compareAtPrice) price.append(text("s-text", offer.compareAtPrice.formatted, { type: "redundant", tone: "neutral" }));
  copy.append(price);
  row.append(copy);
  const problem = element("s-stack", {});
  const accept = /** @type {HTMLElementTagNameMap["s-button"]} */ (text("s-button", offer.callToAction, { variant: "primary" }));
  const decline = /** @type {HTMLElementTagNameMap["s-button"]} */ (text("s-button", offer.declineText, { variant: "secondary" }));
  const buttons = element("s-stack", { direction: "inline", gap: "base" });
  buttons.append(accept, decline);
  root.append(row, problem, buttons);
  return {
    root,
    accept,
    decline,
    showProblem(message) {
      problem.replaceChildren(text("s-banner", message, { tone: "critical" }));
    },
    showCheckout(url) {
      buttons.replaceChildren(text("s-button", "Continue to checkout", { variant: "primary", href: url }));
    },
  };
}

/** @param {string} tag @param {Record<string, string>} attributes */
function element(tag, attributes) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** @param {string} tag @param {string} content @param {Record<string, string>} [attributes] */
function text(tag, content, attributes = {}) {
  const node = element(tag, attributes);
  node.textContent = content;
  return node;
}
