// upsell-shopify.js against a stand-in for Shopify's Ajax Cart API at the HTTP level: routes that answer as
// Shopify documents them (GET /cart.js, POST /cart/add.js, POST /cart/update.js), with the exact requests asserted.
import { beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, fixture, flushed, useShop, wait } from "./harness.mjs";

const card = ".upsell-card";
let browser, shop, offer, cart;

// A cart as GET /cart.js gives it: prices in minor units, product_type, and a gift card without a SKU.
const shopifyCart = (attributes = {}) => ({
  token: "c1-9b1e2d7f3a",
  note: "",
  attributes,
  original_total_price: 94900,
  total_price: 94900,
  total_discount: 0,
  item_count: 2,
  currency: "EUR",
  requires_shipping: true,
  items_subtotal_price: 94900,
  cart_level_discount_applications: [],
  items: [
    { id: 44012345670001, variant_id: 44012345670001, key: "44012345670001:7f3a", quantity: 1, title: "Camera X100", product_title: "Camera X100",
      price: 89900, original_price: 89900, final_price: 89900, line_price: 89900, final_line_price: 89900, sku: "CAM-X100",
      product_type: "cameras", vendor: "Demo", product_id: 8001, properties: {}, url: "/products/camera-x100?variant=44012345670001" },
    { id: 44012345670002, variant_id: 44012345670002, key: "44012345670002:1c2d", quantity: 1, title: "Gift card", product_title: "Gift card",
      price: 5000, original_price: 5000, final_price: 5000, line_price: 5000, final_line_price: 5000, sku: "", gift_card: true,
      product_type: "", vendor: "Demo", product_id: 8002, properties: {}, url: "/products/gift-card?variant=44012345670002" },
  ],
});

useShop(async (b, s) => {
  [browser, shop] = [b, s];
  offer = (await fixture("offer-response.json")).offers[0];
});
beforeEach(() => {
  cart = shopifyCart();
  shop.routes = {
    "GET /cart.js": () => [200, cart],
    "POST /cart/update.js": (body) => {
      cart = { ...cart, attributes: { ...cart.attributes, ...body.attributes } };
      return [200, cart];
    },
    "POST /cart/add.js": (body) => {
      const [item] = body.items;
      cart = { ...cart, items: [...cart.items, { id: item.id, variant_id: item.id, quantity: 1, sku: offer.sku, product_type: "memory", final_price: offer.price.amount, properties: item.properties }] };
      return [200, { items: [cart.items.at(-1)] }];
    },
  };
});

// A theme page: the cart template with its slot, upsell.js and the adapter loaded as a theme loads them.
async function themePage({ routesRoot } = {}) {
  shop.pages["/cart"] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cart</title>
    ${routesRoot ? `<script>window.Shopify = { routes: { root: "${routesRoot}" } };</script>` : ""}
    <script src="/upsell.js" defer></script><script src="/upsell-shopify.js" defer></script></head>
    <body><main><h1>Your cart</h1><div data-upsell-slot="cart" style="min-height:252px"></div><button>Check out</button></main>
    <script>document.addEventListener("DOMContentLoaded", () => UpsellShopify.init({ endpoint: "/api", moment: "cart", exitIntent: false, flushMs: 100 }));</script>
    </body></html>`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${shop.url}/cart`);
  await page.waitForSelector(card);
  return page;
}

const calls = () => shop.requests.map((r) => `${r.method} ${r.path}`);
const types = () => shop.types();

test("the cart is read from /cart.js: SKU lines in minor units, product_type as the category, the cart's currency", async () => {
  const page = await themePage();

  assert.equal(shop.requests[0].path, "/cart.js");
  assert.match(shop.requests[0].accept, /application\/json/);
  assert.deepEqual(shop.offerRequests[0].body.cart, [{ sku: "CAM-X100", category: "cameras", unitPrice: 89900, quantity: 1, currency: "EUR" }]);
  await page.context().close();
});

test("the visitor is set as the cart attribute _upsell_visitor, once", async () => {
  const page = await themePage();
  await eventually(() => calls().includes("POST /cart/update.js"));

  const update = shop.requests.find((r) => r.path === "/cart/update.js");
  assert.match(update.contentType, /^application\/json/);
  assert.deepEqual(update.body, { attributes: { _upsell_visitor: shop.offerRequests[0].body.visitorId } });
  shop.requests.length = 0;
  await page.reload();
  await page.waitForSelector(card);
  await wait(300);
  assert.deepEqual(calls(), ["GET /cart.js"], "the attribute was set again though the cart has it");
  await page.context().close();
});

test("accepting posts /cart/add.js with the variant id, quantity 1 and the token as a hidden property, then sends one accept", async () => {
  const page = await themePage();
  await page.locator(card).first().locator(".upsell-accept").click();

  await page.waitForSelector(".upsell-added");
  const add = shop.requests.find((r) => r.path === "/cart/add.js");
  assert.match(add.contentType, /^application\/json/);
  assert.deepEqual(add.body, { items: [{ id: Number(offer.externalId), quantity: 1, properties: { _upsell_token: offer.token } }] });
  assert.equal(calls().filter((c) => c === "GET /cart.js").length, 2, "the cart was not read again after the add");
  await eventually(() => types().includes("accept"));
  await wait(300);
  assert.deepEqual(types().filter((t) => t === "accept"), ["accept"]);
  await page.context().close();
});

test("a 422 sold out shows Shopify's description and sends no accept", async () => {
  const description = "You can't add more Memory card 128 GB to the cart.";
  shop.routes["POST /cart/add.js"] = () => [422, { status: 422, message: "Cart Error", description }];
  const page = await themePage();
  await page.locator(card).first().locator(".upsell-accept").click();

  await page.waitForSelector(`.upsell-status:has-text("${description}")`);
  assert.equal(await page.locator(".upsell-added").count(), 0);
  const sent = await flushed(page, shop);
  assert.ok(sent.includes("click") && !sent.includes("accept"), sent.join());
  await page.context().close();
});

test("a locale's routes root is used for every cart call", async () => {
  for (const route of Object.keys(shop.routes)) shop.routes[route.replace(" /", " /de/")] = shop.routes[route];
  const page = await themePage({ routesRoot: "/de/" });
  await page.locator(card).first().locator(".upsell-accept").click();
  await page.waitForSelector(".upsell-added");

  assert.ok(calls().length >= 3 && calls().every((c) => c.includes(" /de/cart")), calls().join());
  await page.context().close();
});
