// @ts-check
// Shopify's one-click page after the payment, for at most one offer per order. ShouldRender asks the backend for the
// order's offer with the page's token as proof (nothing is shown when it has none, fails, or takes longer than
// TIME_BUDGET_MS); Render shows the offer with the exact new totals Shopify calculates for it; accepting asks the
// backend to sign the changeset and applies it, declining records the decline; both end the page with done().
import { extend, BlockStack, Button, CalloutBanner, Heading, Image, Text, TextBlock, TextContainer } from "@shopify/post-purchase-ui-extensions";
import { API_BASE_URL } from "./config.js";

/** How long the page waits for the offer before Shopify moves on to the thank-you page. */
export const TIME_BUDGET_MS = 3000;

/**
 * @typedef {{ amount: number, currency: string, formatted: string }} Price
 * @typedef {{ offerId: string, externalId: string, headline: string, body: string, callToAction: string,
 *   declineText: string, imageUrl?: string, price: Price, compareAtPrice?: Price, saving?: Price, token: string }} Offer
 * @typedef {{ fetch: typeof fetch, now: () => Date, budgetMs: number, base: string }} Env
 */

/** What the page uses from its surroundings; tests give their own. @type {Env} */
export const env = { fetch: (...args) => fetch(...args), now: () => new Date(), budgetMs: TIME_BUDGET_MS, base: API_BASE_URL };

extend("Checkout::PostPurchase::ShouldRender", async ({ inputData, storage }) => {
  const offer = await ask(inputData.token);
  if (offer) await storage.update({ offer });
  return { render: Boolean(offer) };
});

extend("Checkout::PostPurchase::Render", (root, api) => {
  const offer = /** @type {{ offer: Offer }} */ (api.storage.initialData).offer;
  const locale = api.inputData.locale;
  const changes = { changes: [change(offer)] };
  const picture = address(offer.imageUrl);
  const totals = root.createComponent(BlockStack, { spacing: "tight" });
  const accept = root.createComponent(Button, { submit: true, onPress: () => acceptOffer() }, offer.callToAction);
  const decline = root.createComponent(Button, { subdued: true, onPress: () => declineOffer() }, offer.declineText);
  const banner = root.createComponent(CalloutBanner, { title: "One more thing for your order" }, "Added to this order with one click: no need to enter your payment details again.");
  const offerBlock = root.createComponent(BlockStack, { spacing: "loose" }, [
    ...(picture ? [root.createComponent(Image, { source: picture, description: offer.headline })] : []),
    root.createComponent(Heading, {}, offer.headline),
    root.createComponent(TextContainer, {}, [root.createComponent(TextBlock, {}, offer.body)]),
    ...(offer.compareAtPrice ? [root.createComponent(Text, { subdued: true }, `Usually ${offer.compareAtPrice.formatted}`)] : []),
    totals,
    root.createComponent(BlockStack, {}, [accept, decline]),
  ]);
  root.appendChild(root.createComponent(BlockStack, { spacing: "loose" }, [banner, offerBlock]));
  root.mount();
  send("impression");

  // The exact totals, from Shopify: the product, its discount, the tax it adds and what will be charged.
  api.calculateChangeset(changes).then((result) => {
    if (result.status !== "processed") return;
    const purchase = result.calculatedPurchase;
    const added = purchase.updatedLineItems.find((l) => String(l.variantId) === offer.externalId);
    const line = (/** @type {string} */ label, /** @type {{ amount: string, currencyCode: string }} */ money, emphasized = false) =>
      root.createComponent(Text, { emphasized }, `${label}: ${format(money, locale)}`);
    if (added) totals.appendChild(line("Price", added.priceSet.presentmentMoney));
    for (const tax of purchase.addedTaxLines) totals.appendChild(line(tax.title, tax.priceSet.presentmentMoney));
    totals.appendChild(line("Charged now", purchase.totalOutstandingSet.presentmentMoney, true));
  }).catch(() => {});

  let ending = false;
  async function acceptOffer() {
    // One answer per page: a second press, or a press of the other button, does nothing more.
    if (ending) return;
    ending = true;
    accept.updateProps({ loading: true });
    decline.updateProps({ disabled: true });
    const token = await signed(api.inputData.token, offer.token);
    const result = token ? await api.applyChangeset(token) : null;
    if (result && result.status !== "unprocessed" && result.errors.length === 0) send("accept");
    await api.done();
  }

  async function declineOffer() {
    if (ending) return;
    ending = true;
    send("decline");
    await api.done();
  }

  /** @param {string} type */
  function send(type) {
    const body = JSON.stringify({ events: [{ id: crypto.randomUUID(), type, at: env.now().toISOString(), token: offer.token }] });
    env.fetch(`${env.base}/api/events`, { method: "POST", headers: { "Content-Type": "text/plain" }, body, keepalive: true }).catch(() => {});
  }
});

/** The order's offer, or null. @param {string} proof @returns {Promise<Offer | null>} */
async function ask(proof) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), env.budgetMs);
  try {
    const response = await env.fetch(`${env.base}/api/shopify/post-purchase/offer`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${proof}` },
      body: "{}",
      signal: controller.signal,
    });
    return response.status === 200 ? await response.json() : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The changeset the backend signs for the offer, or null. @param {string} proof @param {string} decision */
async function signed(proof, decision) {
  try {
    const response = await env.fetch(`${env.base}/api/shopify/post-purchase/changeset`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${proof}` },
      body: JSON.stringify({ token: decision }),
    });
    return response.status === 200 ? (await response.json()).token : null;
  } catch {
    return null;
  }
}

/** The change as the backend will sign it, for Shopify to calculate the totals. @param {Offer} offer */
export function change(offer) {
  const added = { type: /** @type {const} */ ("add_variant"), variantId: Number(offer.externalId), quantity: 1 };
  return offer.saving && offer.saving.amount > 0
    ? { ...added, discount: { value: offer.saving.amount / 10 ** fractionDigits(offer.saving.currency), valueType: /** @type {const} */ ("fixed_amount"), title: offer.headline } }
    : added;
}

/** The image's whole address (the catalog may give a path on the API's host), or none. @param {string | undefined} image */
function address(image) {
  try {
    return image ? new URL(image, `${env.base}/`).href : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} currency */
function fractionDigits(currency) {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** @param {{ amount: string, currencyCode: string }} money @param {string} locale */
function format(money, locale) {
  return new Intl.NumberFormat(locale, { style: "currency", currency: money.currencyCode }).format(Number(money.amount));
}
