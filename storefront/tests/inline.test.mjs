// Checkout moments render inline, in the slot the shop puts beside its call to action: headless Chromium against
// the demo storefront (and small test shops), the API answered from the contract fixtures.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, fixture, flushed, openShop, useShop, wait } from "./harness.mjs";

const dialog = ".upsell-dialog";
const card = ".upsell-card";
let browser, shop, offers, offer;

useShop(async (b, s) => {
  [browser, shop] = [b, s];
  offers = (await fixture("offer-response.json")).offers;
  offer = offers[0];
});

const types = () => shop.types();

// A shop page of the size a theme has: a slot before its pay button, upsell.js started with an onAccept that
// records its argument and answers with whatever window.acceptWith returns.
function testShop({ slot = true, spacer = 0 } = {}) {
  shop.pages["/test-shop.html"] = `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Test shop</title></head>
    <body><main><h1>Checkout</h1><div style="height:${spacer}px"></div>
    ${slot ? '<div data-upsell-slot="payment" style="min-height:212px"></div>' : ""}<button type="button">Pay now</button></main>
    <script src="/upsell.js"></script><script>
      window.accepted = [];
      window.acceptWith = function () {};
      Upsell.init({ endpoint: "/api", moment: "payment", exitIntent: false, flushMs: 100,
        cart: [{ sku: "CAM-X100", category: "cameras", unitPrice: 89900, quantity: 1, currency: "EUR" }],
        onAccept: function (offer) { accepted.push(offer); return window.acceptWith(offer); } });
    </script></body></html>`;
  return "test-shop.html";
}

/** Opens a demo page and waits for its inline card; the details page asks once the street is entered. */
async function withCard(page, options) {
  const tab = await openShop(browser, shop, page, options);
  if (page === "details.html") {
    await tab.fill("input[name=street]", "Hauptstraße 1");
    await tab.press("input[name=street]", "Tab");
  }
  await tab.waitForSelector(card);
  return tab;
}

export const checkoutPages = [["cart.html", "cart"], ["details.html", "form"], ["shipping.html", "shipping"], ["payment.html", "payment"], ["confirmation.html", "confirmation"]];

describe("inline cards at checkout moments", () => {
  for (const [page, moment] of checkoutPages) {
    test(`${page}: the ${moment} offer appears in its slot, as a product card, and no dialog opens`, async () => {
      const tab = await withCard(page);

      const slot = `[data-upsell-slot="${moment}"]`;
      assert.equal(await tab.locator(`${slot} ${card}`).count(), moment === "cart" ? 3 : 1);
      assert.equal(await tab.$(dialog), null);
      assert.deepEqual(shop.offerRequests.map((r) => r.moment), [moment]);
      const first = tab.locator(`${slot} ${card}`).first();
      assert.equal(await first.locator("img").getAttribute("src"), offer.imageUrl);
      assert.equal(await first.locator(".upsell-price strong").textContent(), offer.price.formatted);
      assert.equal(await first.locator(".upsell-price s").textContent(), `Was ${offer.compareAtPrice.formatted}`);
      assert.equal(await first.locator(".upsell-saving").textContent(), `Save ${offer.saving.formatted}`);
      if (moment === "cart") assert.equal(await tab.locator(`${slot} h2`).textContent(), "Complete your order");
      await tab.context().close();
    });
  }

  test("an offer without a compare-at price shows its price alone", async () => {
    const tab = await withCard("cart.html");

    const plain = tab.locator(card).nth(2);
    assert.equal(await plain.locator(".upsell-price").textContent(), offers[2].price.formatted);
    assert.equal(await plain.locator(".upsell-saving").count(), 0);
    await tab.context().close();
  });

  test("a checkout moment without its slot asks for nothing, shows nothing, and the console names the slot", async () => {
    const warnings = [];
    const tab = await openShop(browser, shop, testShop({ slot: false }));
    tab.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
    await tab.reload();
    await tab.waitForFunction(() => document.readyState === "complete");
    await wait(300);

    assert.equal(shop.offerRequests.length, 0);
    assert.equal(await tab.$(card), null);
    assert.equal(await tab.$(dialog), null);
    assert.ok(warnings.some((w) => w.includes('data-upsell-slot="payment"')), warnings.join("\n"));
    await tab.context().close();
  });

  test("rendering never moves focus: the shopper keeps typing where they were", async () => {
    shop.delay = 600;
    const tab = await openShop(browser, shop, "payment.html");
    await tab.focus("input[name=card]");
    await tab.keyboard.type("4242");
    await tab.waitForSelector(card);
    await tab.keyboard.type("4242");

    assert.equal(await tab.evaluate(() => document.activeElement.name), "card");
    assert.equal(await tab.inputValue("input[name=card]"), "42424242");
    await tab.context().close();
  });

  test("the card is a labelled region whose buttons name the product and its price", async () => {
    const tab = await withCard("payment.html");

    assert.equal(await tab.getByRole("region", { name: offer.headline }).count(), 1);
    assert.equal(await tab.getByRole("button", { name: `${offer.callToAction}: ${offer.headline}, ${offer.price.formatted}`, exact: true }).count(), 1);
    assert.equal(await tab.getByRole("button", { name: `${offer.declineText}: ${offer.headline}`, exact: true }).count(), 1);
    await tab.context().close();
  });
});

describe("accepting and declining inline", () => {
  test("accept calls onAccept with sku, externalId and token, is busy while it runs, then shows Added and sends one accept", async () => {
    const tab = await openShop(browser, shop, testShop());
    await tab.waitForSelector(card);
    await tab.evaluate(() => { window.acceptWith = () => new Promise((done) => { window.finishAccept = done; }); });
    const accept = tab.locator(".upsell-accept");
    await accept.click();
    await accept.click({ force: true }); // a second press while busy adds nothing

    assert.equal(await accept.getAttribute("aria-busy"), "true");
    await tab.evaluate(() => window.finishAccept());
    await tab.waitForSelector(".upsell-added");
    const [argument, ...more] = await tab.evaluate(() => window.accepted);
    assert.equal(more.length, 0, "onAccept ran twice");
    assert.deepEqual([argument.sku, argument.externalId, argument.token], [offer.sku, offer.externalId, offer.token]);
    assert.equal(await accept.textContent(), "Added");
    assert.equal(await tab.locator(".upsell-decline").count(), 0);
    await eventually(() => types().includes("accept"));
    await wait(300);
    assert.deepEqual(types().filter((t) => t === "accept"), ["accept"]);
    assert.ok(shop.events().every((e) => e.token === offer.token));
    await tab.context().close();
  });

  test("a failing onAccept shows the shop's message, leaves the card usable and sends no accept", async () => {
    const tab = await openShop(browser, shop, testShop());
    await tab.waitForSelector(card);
    await tab.evaluate(() => { window.acceptWith = () => Promise.reject(new Error("Sold out: the last card just went.")); });
    await tab.click(".upsell-accept");

    await tab.waitForSelector(".upsell-status:has-text('Sold out: the last card just went.')");
    assert.equal(await tab.getAttribute(".upsell-status", "role"), "status");
    assert.equal(await tab.getAttribute(".upsell-accept", "aria-busy"), null);
    assert.equal(await tab.locator(".upsell-added").count(), 0);
    assert.ok(!(await flushed(tab, shop)).includes("accept"), types().join());
    await tab.context().close();
  });

  test("the demo store adds an accepted offer to its cart by SKU, with the decision token on the line", async () => {
    const tab = await withCard("cart.html");
    await tab.locator(card).first().locator(".upsell-accept").click();

    await tab.waitForSelector(`#cart >> text=${offer.headline}`);
    const line = (await tab.evaluate(() => window.DemoShop.cart())).find((l) => l.sku === offer.sku);
    assert.deepEqual([line.unitPrice, line.token], [offer.price.amount, offer.token]);
    await tab.waitForSelector(".upsell-added");
    await eventually(() => types().includes("accept"), 4000);
    await tab.context().close();
  });

  test("the demo store's sold-out item shows its message and sends no accept", async () => {
    const tab = await openShop(browser, shop, `cart.html?soldout=${offer.sku}`);
    await tab.waitForSelector(card);
    await tab.locator(card).first().locator(".upsell-accept").click();

    await tab.waitForSelector(".upsell-status:has-text('Sorry, that just sold out.')");
    assert.ok(!(await tab.evaluate(() => window.DemoShop.cart())).some((l) => l.sku === offer.sku));
    assert.ok(!(await flushed(tab, shop)).includes("accept"), types().join());
    await tab.context().close();
  });

  test("\"No thanks\" collapses the card and sends a decline with its token", async () => {
    const tab = await withCard("payment.html");
    await tab.click(".upsell-decline");

    assert.equal(await tab.$(card), null);
    assert.equal((await tab.locator("[data-upsell-slot]").boundingBox()).height, 0);
    await eventually(() => types().includes("decline"));
    assert.deepEqual(shop.events().map((e) => [e.type, e.token]), [["impression", offer.token], ["decline", offer.token]]);
    await tab.context().close();
  });

  test("declining one card of the cart row keeps the others and moves focus to the next offer", async () => {
    const tab = await withCard("cart.html");
    await tab.locator(card).first().locator(".upsell-decline").focus();
    await tab.keyboard.press("Enter");

    assert.equal(await tab.locator(card).count(), 2);
    assert.equal(await tab.evaluate(() => document.activeElement.textContent), offers[1].callToAction);
    await eventually(() => types().includes("decline"));
    assert.deepEqual(shop.events().filter((e) => e.type === "decline").map((e) => e.token), [offer.token]);
    await tab.context().close();
  });
});

describe("honest impressions", () => {
  const impressions = async (tab) => (await flushed(tab, shop)).filter((t) => t === "impression").length;

  test("a card below the fold counts once half of it has been in view for a second, not before", async () => {
    const tab = await openShop(browser, shop, testShop({ spacer: 1600 }));
    await tab.waitForSelector(card, { state: "attached" });
    await wait(1500);
    assert.equal(await impressions(tab), 0, "counted while below the fold");

    await tab.locator(card).scrollIntoViewIfNeeded();
    await wait(400);
    await tab.evaluate(() => window.scrollTo(0, 0));
    await wait(1200);
    assert.equal(await impressions(tab), 0, "counted after less than a second in view");

    await tab.evaluate(() => window.scrollTo(0, document.querySelector(".upsell-card").getBoundingClientRect().top + window.scrollY - 300));
    await wait(1300);
    assert.equal(await impressions(tab), 1);
    await tab.evaluate(() => window.scrollTo(0, 0));
    await tab.locator(card).scrollIntoViewIfNeeded();
    await wait(1300);
    assert.equal(await impressions(tab), 1, "counted twice");
    await tab.context().close();
  });

  test("a card less than half in view does not count", async () => {
    const tab = await openShop(browser, shop, testShop({ spacer: 1600 }));
    await tab.waitForSelector(card, { state: "attached" });
    // The card's top 30% inside the viewport's bottom edge.
    await tab.evaluate(() => {
      const box = document.querySelector(".upsell-card").getBoundingClientRect();
      window.scrollTo(0, box.top + window.scrollY - window.innerHeight + box.height * 0.3);
    });
    await wait(1500);

    assert.equal(await impressions(tab), 0);
    await tab.context().close();
  });
});
