// The theme app extension's embed (shopify/extensions/upsell-theme): its Liquid block rendered with liquidjs as a
// theme renders it, on a cart page served beside the stand-in for Shopify's Ajax Cart API, so what a merchant gets by
// switching the embed on is tested end to end: scripts loaded, slot placed, offer shown and added to the cart.
import { beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Liquid } from "liquidjs";
import { eventually, fixture, useShop } from "./harness.mjs";

const extension = resolve(import.meta.dirname, "../../shopify/extensions/upsell-theme");
let browser, shop, offer, cart;

// Shopify's own tags and filters the block uses: {% schema %} is read by Shopify, not drawn; asset_url points at
// the extension's assets (here the storefront's files, which `npm run shopify:assets` copies there).
const liquid = new Liquid();
liquid.registerTag("schema", {
  parse(token, remaining) {
    this.tokens = [];
    for (let next = remaining.shift(); next && next.name !== "endschema"; next = remaining.shift()) this.tokens.push(next);
  },
  render() { return ""; },
});
liquid.registerFilter("asset_url", (name) => (name === "upsell-embed.js" ? "/assets/upsell-embed.js" : `/${name}`));

async function render(template, settings) {
  const block = await readFile(join(extension, "blocks/upsell-embed.liquid"), "utf8");
  return liquid.parseAndRender(block, { template: { name: template }, request: { locale: { iso_code: "de" } }, block: { settings } });
}

const defaults = { api_base: "/api/", cart_after: "form[action$='/cart']", product_after: "form[action$='/cart/add']", exit_intent: false };

useShop(async (b, s) => {
  [browser, shop] = [b, s];
  offer = (await fixture("offer-response.json")).offers[0];
  shop.pages["/assets/upsell-embed.js"] = await readFile(join(extension, "assets/upsell-embed.js"), "utf8");
});
beforeEach(() => {
  cart = { token: "c1", attributes: {}, currency: "EUR", items: [{ id: 1, variant_id: 1, quantity: 1, sku: "CAM-X100", product_type: "cameras", final_price: 89900, properties: {} }] };
  shop.routes = {
    "GET /cart.js": () => [200, cart],
    "POST /cart/update.js": (body) => [200, (cart = { ...cart, attributes: { ...cart.attributes, ...body.attributes } })],
    "POST /cart/add.js": (body) => [200, { items: body.items }],
  };
});

async function themePage(template, settings, main) {
  shop.pages[`/${template}`] = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${template}</title></head>
    <body><main>${main}</main>${await render(template, { ...defaults, ...settings })}</body></html>`;
  const page = await (await browser.newContext()).newPage();
  page.warnings = [];
  page.on("console", (message) => message.type() === "warning" && page.warnings.push(message.text()));
  await page.goto(`${shop.url}/${template}`);
  return page;
}

const cartForm = `<h1>Warenkorb</h1><form action="/cart" method="post"><button name="checkout">Zur Kasse</button></form><footer>Footer</footer>`;

test("switched on, the embed shows the cart moment's offer right after the cart form and adds it with its token", async () => {
  const page = await themePage("cart", {}, cartForm);
  await page.waitForSelector("form[action='/cart'] + [data-upsell-slot='cart'] .upsell-card");

  assert.equal(shop.offerRequests.at(-1).moment, "cart");
  assert.equal(shop.offerRequests.at(-1).body.locale, "de", "the shop's locale");
  assert.deepEqual(shop.offerRequests.at(-1).body.cart.map((l) => l.sku), ["CAM-X100"]);
  await page.locator(".upsell-card .upsell-accept").first().click();
  await eventually(() => shop.requests.some((r) => r.path === "/cart/add.js"));
  assert.deepEqual(shop.requests.find((r) => r.path === "/cart/add.js").body.items[0].properties, { _upsell_token: offer.token });
});

test("a theme with its own slot keeps it, and a product page uses the product form setting", async () => {
  const own = await themePage("cart", {}, `${cartForm}<aside data-upsell-slot="cart" id="mine"></aside>`);
  await own.waitForSelector("#mine .upsell-card");
  assert.equal(await own.locator("[data-upsell-slot]").count(), 1, "no second slot");

  const product = await themePage("product", {}, `<h1>Kamera</h1><form action="/cart/add" method="post"><button>In den Warenkorb</button></form>`);
  await product.waitForSelector("form[action='/cart/add'] + [data-upsell-slot='cart'] .upsell-card");
});

test("without an API address nothing is loaded, on other pages nothing is loaded, and a selector that matches nothing says so", async () => {
  assert.doesNotMatch(await render("cart", { ...defaults, api_base: "" }), /<script/);
  assert.doesNotMatch(await render("index", defaults), /<script/);
  assert.match(await render("cart", defaults), /data-endpoint="\/api\/"[\s\S]*data-locale="de"[\s\S]*data-exit-intent="false"/);

  const page = await themePage("cart", { cart_after: "#no-such-thing" }, "<h1>Warenkorb</h1>");
  await page.waitForFunction(() => document.readyState === "complete");
  await eventually(() => page.warnings.length > 0);
  assert.match(page.warnings.join("\n"), /nothing matches "#no-such-thing"/);
  assert.equal(shop.offerRequests.length, 0);
});
