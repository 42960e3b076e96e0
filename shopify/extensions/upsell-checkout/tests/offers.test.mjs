// The checkout extension's own code against the stand-in for Shopify's checkout API (stand-in.js) and a DOM
// (linkedom), with the offers API answered from the contract fixtures the C# contract tests check.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test, beforeEach } from "node:test";
import { parseHTML } from "linkedom";
import { renderInCheckout, renderAfterOrder, TOKEN_ATTRIBUTE, PRICE_ATTRIBUTE } from "../src/offers.js";
import { cartLine, checkoutStandIn, thankYouStandIn } from "./stand-in.js";

const contracts = new URL("../../../../contracts/", import.meta.url);
const fixture = (path) => JSON.parse(readFileSync(new URL(path, contracts), "utf8"));
const answer = fixture("api/offer-response.json");
const grant = fixture("shopify/price-grant-cases.json").grants[0].grant;
const at = new Date("2026-11-24T12:00:03.000Z");

beforeEach(() => {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  globalThis.document = document;
});

// The offers API: an answer for POST /api/offers/{moment}, 202 for events; every request kept.
function api(offerStatus = 200, body = answer, delayMs = 0) {
  const requests = [];
  const fetch = async (url, init) => {
    requests.push({ url, init, body: init.body ? JSON.parse(init.body) : undefined });
    if (url.endsWith("/api/events")) return new Response(JSON.stringify({ accepted: 1, ignored: 0 }), { status: 202 });
    if (delayMs) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, delayMs);
        init.signal?.addEventListener("abort", () => { clearTimeout(timer); reject(new DOMException("aborted", "AbortError")); });
      });
    }
    return offerStatus === 204 ? new Response(null, { status: 204 }) : new Response(JSON.stringify(body), { status: offerStatus });
  };
  const events = () => requests.filter((r) => r.url.endsWith("/api/events")).map((r) => r.body.events[0].type);
  return { fetch, requests, events, now: () => at };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const click = async (element) => { element.dispatchEvent(new document.defaultView.Event("click")); await settle(); await settle(); };
const buttons = () => [...document.body.querySelectorAll("s-button")];
// The drawn components as text, one per line with their attributes: no renderer for Shopify's s-* components exists
// outside Shopify, so docs/screenshots/shopify-checkout.txt is this (UPDATE_SCREENSHOTS=1 writes it).
const tree = (node, indent = "") => [...node.childNodes].map((child) => child.nodeType === 3
  ? `${indent}"${child.textContent}"`
  : `${indent}<${child.localName}${[...child.attributes].map((a) => ` ${a.name}="${a.value}"`).join("")}>${child.childNodes.length ? "\n" + tree(child, indent + "  ") : ""}`).join("\n");

test("the offer is drawn with Shopify's components: the answer's headline, copy, price, compare-at price and image", async () => {
  const { api: checkout } = checkoutStandIn();
  const server = api();

  await renderInCheckout(checkout, "cart", server);
  await settle();

  const first = answer.offers[0];
  assert.equal(document.body.querySelector("s-section").getAttribute("heading"), first.headline);
  assert.equal(document.body.querySelector("s-paragraph").textContent, first.body);
  assert.deepEqual([...document.body.querySelectorAll("s-text")].map((t) => t.textContent), [first.price.formatted, first.compareAtPrice.formatted]);
  // The demo names its image by path: it is read from the API's host.
  assert.equal(document.body.querySelector("s-product-thumbnail").getAttribute("src"), `https://upsell.example${first.imageUrl}`);
  assert.deepEqual(buttons().map((b) => b.textContent), [first.callToAction, first.declineText]);
  assert.deepEqual(server.events(), ["impression"]);
  // The events are upsell.js's (contracts/api/events-request.json), which the functions' contract tests post.
  const sent = server.requests.find((r) => r.url === "https://upsell.example/api/events");
  assert.deepEqual(Object.keys(sent.body.events[0]).sort(), Object.keys(fixture("api/events-request.json").events[0]).sort());
  assert.equal(sent.body.events[0].token, first.token);
  if (process.env.UPDATE_SCREENSHOTS) writeFileSync(new URL("../../../../docs/screenshots/shopify-checkout.txt", import.meta.url), tree(document.body) + "\n");
});

test("an image that is no address is left out and the offer is still drawn", async () => {
  const { api: checkout } = checkoutStandIn();
  const offers = structuredClone(answer);
  offers.offers[0].imageUrl = "http://[not-an-address";

  await renderInCheckout(checkout, "cart", api(200, offers));

  assert.equal(document.body.querySelector("s-product-thumbnail"), null);
  assert.equal(document.body.querySelector("s-section").getAttribute("heading"), answer.offers[0].headline);
});

test("the offer request carries the session token and is the contract fixture the functions accept", async () => {
  const { api: checkout } = checkoutStandIn();
  const server = api();

  await renderInCheckout(checkout, "cart", server);

  const asked = server.requests[0];
  assert.equal(asked.url, "https://upsell.example/api/offers/cart");
  assert.equal(asked.init.headers.Authorization, "Bearer session-token-from-shopify");
  assert.deepEqual(asked.body, fixture("shopify/checkout-offer-request.json"));
});

test("an odd checkout still gets a request the API accepts: a long SKU gives way to the variant id, a long product type is left out", async () => {
  const { api: checkout } = checkoutStandIn({ lines: [cartLine({ variant: 44012345678950, sku: "S".repeat(65), productType: "T".repeat(65), quantity: 2, total: 10 })] });
  const server = api();

  await renderInCheckout(checkout, "cart", server);

  assert.deepEqual(server.requests[0].body.cart, [{ sku: "44012345678950", unitPrice: 500, quantity: 2, currency: "EUR" }]);
});

test("accepting adds the line with the decision token (and the signed price) as attributes and records the accept", async () => {
  const { api: checkout, changes } = checkoutStandIn();
  const offers = structuredClone(answer);
  offers.offers[0].priceGrant = grant;
  const server = api(200, offers);
  await renderInCheckout(checkout, "cart", server);

  await click(buttons()[0]);

  assert.deepEqual(changes, [{
    type: "addCartLine",
    merchandiseId: `gid://shopify/ProductVariant/${answer.offers[0].externalId}`,
    quantity: 1,
    attributes: [{ key: TOKEN_ATTRIBUTE, value: answer.offers[0].token }, { key: PRICE_ATTRIBUTE, value: grant }],
  }]);
  assert.deepEqual(server.events(), ["impression", "accept"]);
  assert.equal(document.body.childElementCount, 0, "the offer is gone once its line is in the checkout");
});

test("a second click while the first add is on its way adds one line and records one accept", async () => {
  const { api: checkout, changes } = checkoutStandIn();
  const server = api();
  await renderInCheckout(checkout, "cart", server);

  const accept = buttons()[0];
  accept.dispatchEvent(new document.defaultView.Event("click"));
  accept.dispatchEvent(new document.defaultView.Event("click"));
  await settle(); await settle();

  assert.equal(changes.length, 1);
  assert.deepEqual(server.events(), ["impression", "accept"]);
});

test("a change Shopify refuses shows Shopify's reason and records no accept", async () => {
  const reason = "This product is sold out.";
  const { api: checkout } = checkoutStandIn({ change: { type: "error", message: reason } });
  const server = api();
  await renderInCheckout(checkout, "cart", server);

  await click(buttons()[0]);

  assert.equal(document.body.querySelector("s-banner").textContent, reason);
  assert.equal(document.body.querySelector("s-banner").getAttribute("tone"), "critical");
  assert.deepEqual(server.events(), ["impression"]);
});

test("declining records a decline and hides the offer", async () => {
  const { api: checkout, changes } = checkoutStandIn();
  const server = api();
  await renderInCheckout(checkout, "shipping", server);

  await click(buttons()[1]);

  assert.deepEqual(server.events(), ["impression", "decline"]);
  assert.equal(document.body.childElementCount, 0);
  assert.deepEqual(changes, []);
});

test("no offer (204), an error answer or a slow answer draws nothing and records nothing", async () => {
  for (const server of [api(204), api(500), api(200, answer, 200)]) {
    const { api: checkout } = checkoutStandIn();
    const drawn = await renderInCheckout(checkout, "payment", { ...server, budgetMs: 50 });
    await settle();
    assert.equal(drawn, null);
    assert.equal(document.body.childElementCount, 0);
    assert.deepEqual(server.events(), []);
  }
});

test("where the checkout cannot add lines (cart instructions) nothing is asked or drawn", async () => {
  const { api: checkout } = checkoutStandIn({ canAddCartLine: false });
  const server = api();

  assert.equal(await renderInCheckout(checkout, "form", server), null);
  assert.deepEqual(server.requests, []);
});

test("after the order, accepting creates a new cart with the token attributes and offers its checkout", async () => {
  const { api: thankYou, queries } = thankYouStandIn({ checkoutUrl: "https://trail-co.example/checkouts/cn/abc" });
  const server = api();
  await renderAfterOrder(thankYou, "confirmation", server);

  await click(buttons()[0]);

  assert.match(queries[0].query, /cartCreate/);
  assert.deepEqual(queries[0].variables.lines, [{
    merchandiseId: `gid://shopify/ProductVariant/${answer.offers[0].externalId}`,
    quantity: 1,
    attributes: [{ key: TOKEN_ATTRIBUTE, value: answer.offers[0].token }],
  }]);
  assert.deepEqual(buttons().map((b) => [b.textContent, b.getAttribute("href")]), [["Continue to checkout", "https://trail-co.example/checkouts/cn/abc"]]);
  assert.deepEqual(server.events(), ["impression", "accept"]);
});

test("after the order, a cart Shopify refuses shows its reason and records no accept", async () => {
  const { api: thankYou } = thankYouStandIn({ userError: "The variant is unavailable." });
  const server = api();
  await renderAfterOrder(thankYou, "confirmation", server);

  await click(buttons()[0]);

  assert.equal(document.body.querySelector("s-banner").textContent, "The variant is unavailable.");
  assert.deepEqual(server.events(), ["impression"]);
});
