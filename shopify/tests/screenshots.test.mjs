// The Shopify extensions as their tests draw them (the stand-ins of their own test folders), put on a page with
// preview.css in headless Chromium: the offer's copy, prices and buttons must be on screen at a phone's width.
// UPDATE_SCREENSHOTS=1 writes docs/screenshots/shopify-checkout.png and shopify-post-purchase.png.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test, before, after } from "node:test";
import { parseHTML } from "linkedom";
import { launch, phone } from "../../storefront/tests/harness.mjs";
import { renderInCheckout } from "../extensions/upsell-checkout/src/offers.js";
import { checkoutStandIn } from "../extensions/upsell-checkout/tests/stand-in.js";
import { installHost, shouldRenderApi, renderApi } from "../extensions/upsell-post-purchase/tests/stand-in.js";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const json = (path) => JSON.parse(read(path));
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Shopify's s-* elements as plain HTML for the preview.
function checkoutHtml(node) {
  return [...node.childNodes].map((child) => {
    if (child.nodeType === 3) return escape(child.textContent);
    const data = [...child.attributes].map((a) => ` data-${a.name}="${escape(a.value)}"`).join("");
    const inner = checkoutHtml(child);
    switch (child.localName) {
      case "s-section": return `<section class="s-section"><h2>${escape(child.getAttribute("heading"))}</h2>${inner}</section>`;
      case "s-product-thumbnail": return `<img class="thumb" src="${escape(child.getAttribute("src"))}" alt="${escape(child.getAttribute("alt"))}">`;
      case "s-button": return `<button${data}>${inner}</button>`;
      case "s-paragraph": return `<p>${inner}</p>`;
      default: return `<div class="${child.localName}"${data}>${inner}</div>`;
    }
  }).join("");
}

// The post-purchase page's remote-ui components as plain HTML for the preview.
function postPurchaseHtml(node) {
  return node.children.map((child) => {
    if (typeof child.text === "string") return escape(child.text);
    const inner = postPurchaseHtml(child);
    const props = child.props ?? {};
    switch (child.type) {
      case "CalloutBanner": return `<div class="callout"><h2>${escape(props.title)}</h2><p>${inner}</p></div>`;
      case "Image": return `<img src="${escape(props.source)}" alt="${escape(props.description)}">`;
      case "Heading": return `<h2>${inner}</h2>`;
      case "TextBlock": return `<p>${inner}</p>`;
      case "Text": return props.emphasized ? `<strong>${inner}</strong>` : `<span${props.subdued ? ' class="subdued"' : ""}>${inner}</span>`;
      case "Button": return `<button data-variant="${props.submit ? "submit" : "subdued"}">${inner}</button>`;
      default: return `<div class="s-stack">${inner}</div>`;
    }
  }).join("");
}

async function drawCheckout() {
  globalThis.document = parseHTML("<!doctype html><html><body></body></html>").document;
  const { api } = checkoutStandIn();
  const answer = read("contracts/api/offer-response.json");
  const fetch = async (url) => (url.endsWith("/api/events") ? new Response("{}", { status: 202 }) : new Response(answer, { status: 200 }));
  await renderInCheckout(api, "cart", { fetch });
  return checkoutHtml(globalThis.document.body);
}

async function drawPostPurchase() {
  const points = installHost();
  const { env } = await import("../extensions/upsell-post-purchase/src/index.js");
  const offer = read("contracts/shopify/post-purchase-offer-response.json");
  env.fetch = async (url) => (url.endsWith("/offer") ? new Response(offer, { status: 200 }) : new Response("{}", { status: 202 }));
  const inputData = { ...json("contracts/shopify/post-purchase-input.json"), token: "input-token" };
  const { api: should, kept } = shouldRenderApi(inputData);
  await points["Checkout::PostPurchase::ShouldRender"](should);
  const money = (amount) => ({ shopMoney: { amount, currencyCode: "EUR" }, presentmentMoney: { amount, currencyCode: "EUR" } });
  const page = renderApi(inputData, kept.data, {
    calculated: { status: "processed", errors: [], calculatedPurchase: {
      subtotalPriceSet: money("918.99"), totalPriceSet: money("918.99"), addedShippingLines: [], totalOutstandingSet: money("19.99"),
      addedTaxLines: [{ priceSet: money("3.19"), rate: 0.19, title: "VAT" }],
      updatedLineItems: [{ totalPriceSet: money("19.99"), priceSet: money("19.99"), productId: 1, variantId: 44012345678931, productHandle: "x100-lens-hood", quantity: 1 }] } },
    applied: { status: "processed", errors: [], changesetApplicationsRemaining: 0 },
  });
  points["Checkout::PostPurchase::Render"](page.root, page.api);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return `<div class="post-purchase">${postPurchaseHtml(page.root)}</div>`;
}

// The page in Chromium at a phone's width, its images served from the storefront's demo images.
async function show(body, caption, name, expected) {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.route(/\/img\//, (route) => route.fulfill({ path: new URL(`storefront/img/${/lens-hood/.test(route.request().url()) ? "kit.svg" : route.request().url().split("/img/")[1]}`, root).pathname }));
  await page.setContent(`<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><style>${read("shopify/tests/preview.css")}</style></head>
    <body><main><p class="caption">${escape(caption)}</p>${body}</main></body></html>`, { waitUntil: "load" });
  for (const text of expected) await assert.doesNotReject(page.getByText(text, { exact: true }).first().waitFor({ state: "visible", timeout: 2000 }), text);
  const boxes = await page.locator("button").evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().toJSON()));
  assert.ok(boxes.length >= 2, "both buttons are drawn");
  for (const box of boxes) {
    assert.ok(box.height >= 44, `a button is ${box.height} px tall`);
    assert.ok(box.right <= 360, `a button ends at ${box.right} px, past the phone's width`);
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, "nothing runs past the phone's width");
  assert.ok(await page.locator("img").evaluateAll((images) => images.every((i) => i.complete && i.naturalWidth > 0)), "every image loaded");
  if (process.env.UPDATE_SCREENSHOTS) await page.locator("main").screenshot({ path: new URL(`docs/screenshots/${name}.png`, root).pathname });
  await context.close();
}

test("the checkout extension's offer, drawn by its test, shows its copy, prices and both buttons on a phone", async () => {
  const offer = json("contracts/api/offer-response.json").offers[0];
  await show(await drawCheckout(), "Checkout, after the cart lines (upsell-checkout, preview of Shopify's components)", "shopify-checkout",
    [offer.body, offer.price.formatted, offer.compareAtPrice.formatted, offer.callToAction, offer.declineText]);
});

test("the post-purchase page, drawn by its test, shows the offer, Shopify's totals and both buttons on a phone", async () => {
  const offer = json("contracts/shopify/post-purchase-offer-response.json");
  await show(await drawPostPurchase(), "Post-purchase page (upsell-post-purchase, preview of Shopify's components)", "shopify-post-purchase",
    [offer.headline, offer.body, "Usually €24.99", "Price: €19.99", "Charged now: €19.99", offer.callToAction, offer.declineText]);
});
