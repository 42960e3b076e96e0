// The post-purchase extension's own code from ShouldRender to done(), against the stand-in for Shopify's host
// (stand-in.js) and the backend answered from the contract fixtures the C# PostPurchaseTests check.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { installHost, shouldRenderApi, renderApi, tree, find } from "./stand-in.js";

const contracts = new URL("../../../../contracts/shopify/", import.meta.url);
const fixture = (name) => JSON.parse(readFileSync(new URL(name, contracts), "utf8"));
const inputData = { ...fixture("post-purchase-input.json"), token: "input-token-from-shopify" };
const offer = fixture("post-purchase-offer-response.json");
const changeset = fixture("changeset-response.json").token;
const money = (amount) => ({ shopMoney: { amount, currencyCode: "EUR" }, presentmentMoney: { amount, currencyCode: "EUR" } });
const calculated = {
  status: "processed",
  errors: [],
  calculatedPurchase: {
    subtotalPriceSet: money("918.99"),
    totalPriceSet: money("918.99"),
    addedTaxLines: [{ priceSet: money("3.19"), rate: 0.19, title: "VAT" }],
    updatedLineItems: [{ totalPriceSet: money("19.99"), priceSet: money("19.99"), productId: 8012345678031, variantId: 44012345678931, productHandle: "x100-lens-hood", quantity: 1 }],
    addedShippingLines: [],
    totalOutstandingSet: money("19.99"),
  },
};

const points = installHost();
const { env } = await import("../src/index.js");

// The backend: the offer (or `offerStatus`), the signed changeset, and 202 for events; every request kept.
function backend({ offerStatus = 200, delayMs = 0 } = {}) {
  const requests = [];
  env.fetch = async (url, init) => {
    requests.push({ url, init, body: init.body ? JSON.parse(init.body) : undefined });
    if (url.endsWith("/api/events")) return new Response("{}", { status: 202 });
    if (url.endsWith("/changeset")) return new Response(JSON.stringify({ token: changeset }), { status: 200 });
    if (delayMs) await new Promise((resolve, reject) => { const t = setTimeout(resolve, delayMs); init.signal?.addEventListener("abort", () => { clearTimeout(t); reject(new Error("aborted")); }); });
    return offerStatus === 200 ? new Response(JSON.stringify(offer), { status: 200 }) : new Response(null, { status: offerStatus });
  };
  env.now = () => new Date("2026-11-24T12:00:05.000Z");
  env.base = "https://upsell.example";
  env.budgetMs = 100;
  return { requests, events: () => requests.filter((r) => r.url.endsWith("/api/events")).map((r) => r.body.events[0].type) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function renderPage(server, applied = { status: "processed", errors: [], changesetApplicationsRemaining: 0 }) {
  const { api: should, kept } = shouldRenderApi(inputData);
  const decision = await points["Checkout::PostPurchase::ShouldRender"](should);
  assert.deepEqual(decision, { render: true });
  const page = renderApi(inputData, kept.data, { calculated, applied });
  points["Checkout::PostPurchase::Render"](page.root, page.api);
  await settle();
  return page;
}

test("ShouldRender asks for the order's offer with the page's token, and Render shows its copy, image and Shopify's totals", async () => {
  const server = backend();

  const page = await renderPage(server);

  assert.equal(server.requests[0].url, "https://upsell.example/api/shopify/post-purchase/offer");
  assert.equal(server.requests[0].init.headers.Authorization, "Bearer input-token-from-shopify");
  assert.deepEqual(page.calls.calculated, [{ changes: [{ type: "add_variant", variantId: 44012345678931, quantity: 1, discount: { value: 5, valueType: "fixed_amount", title: offer.headline } }] }]);
  const drawn = tree(page.root);
  assert.equal(find(page.root, "Heading")[0].children[0].text, offer.headline);
  assert.equal(find(page.root, "Image")[0].props.source, offer.imageUrl);
  assert.match(drawn, /"Usually €24\.99"/);
  assert.match(drawn, /"Price: €19\.99"/);
  assert.match(drawn, /"VAT: €3\.19"/);
  assert.match(drawn, /"Charged now: €19\.99"/);
  assert.deepEqual(find(page.root, "Button").map((b) => b.children[0].text), [offer.callToAction, offer.declineText]);
  assert.deepEqual(server.events(), ["impression"]);
  if (process.env.UPDATE_SCREENSHOTS) writeFileSync(new URL("../../../../docs/screenshots/shopify-post-purchase.txt", import.meta.url), drawn + "\n");
});

test("accepting asks the backend to sign the changeset, applies exactly that, records the accept and ends with done()", async () => {
  const server = backend();
  const page = await renderPage(server);

  find(page.root, "Button")[0].props.onPress();
  await settle(); await settle(); await settle();

  const sign = server.requests.find((r) => r.url.endsWith("/changeset"));
  assert.equal(sign.url, "https://upsell.example/api/shopify/post-purchase/changeset");
  assert.equal(sign.init.headers.Authorization, "Bearer input-token-from-shopify");
  assert.deepEqual(sign.body, { token: offer.token });
  assert.deepEqual(sign.body, fixture("changeset-request.json"));
  assert.deepEqual(page.calls.applied, [changeset]);
  assert.deepEqual(server.events(), ["impression", "accept"]);
  assert.equal(page.calls.done, 1);
});

test("pressing twice, or both buttons, gives the page one answer: one changeset, one event, one done()", async () => {
  const server = backend();
  const page = await renderPage(server);

  const [accept, decline] = find(page.root, "Button");
  accept.props.onPress();
  accept.props.onPress();
  decline.props.onPress();
  await settle(); await settle(); await settle();

  assert.equal(server.requests.filter((r) => r.url.endsWith("/changeset")).length, 1);
  assert.deepEqual(page.calls.applied, [changeset]);
  assert.deepEqual(server.events(), ["impression", "accept"]);
  assert.equal(page.calls.done, 1);
});

test("a changeset Shopify does not apply records no accept, and the page still ends", async () => {
  const server = backend();
  const page = await renderPage(server, { status: "unprocessed", errors: [{ code: "insufficient_inventory", message: "Sold out" }], changesetApplicationsRemaining: 1 });

  find(page.root, "Button")[0].props.onPress();
  await settle(); await settle(); await settle();

  assert.deepEqual(server.events(), ["impression"]);
  assert.equal(page.calls.done, 1);
});

test("declining records the decline and ends the page without changing the order", async () => {
  const server = backend();
  const page = await renderPage(server);

  find(page.root, "Button")[1].props.onPress();
  await settle();

  assert.deepEqual(server.events(), ["impression", "decline"]);
  assert.deepEqual(page.calls.applied, []);
  assert.equal(page.calls.done, 1);
});

test("no offer (204), a refused token (401) or a slow answer: ShouldRender says not to render and nothing is recorded", async () => {
  for (const options of [{ offerStatus: 204 }, { offerStatus: 401 }, { delayMs: 1000 }]) {
    const server = backend(options);
    const { api, kept } = shouldRenderApi(inputData);
    assert.deepEqual(await points["Checkout::PostPurchase::ShouldRender"](api), { render: false });
    assert.equal(kept.data, undefined);
    assert.deepEqual(server.events(), []);
  }
});
