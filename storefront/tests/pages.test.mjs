// Every demo page as a shopper gets it: no layout shift with the documented slot, no axe-core violations with the
// inline card shown or the exit dialog open, a 360 px phone that fits it all, and the screenshots in docs/.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { axe, desktop, openShop, phone, useShop, wait, watchLayoutShift } from "./harness.mjs";

const pages = ["product.html", "cart.html", "details.html", "shipping.html", "payment.html", "confirmation.html", "index.html"];
const dialog = ".upsell-dialog";
const card = ".upsell-card";
// UPDATE_SCREENSHOTS=1 writes the images in docs/screenshots/; otherwise they go beside the other test results.
const screenshots = resolve(import.meta.dirname, process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../.test-results/screenshots");
let browser, shop;

useShop((b, s) => {
  [browser, shop] = [b, s];
});
before(() => mkdir(screenshots, { recursive: true }));

/** Opens a demo page and shows its inline card, if it has a moment (the details page asks once the street is entered). */
async function shown(page, options = {}) {
  if (page === "index.html") {
    const context = await browser.newContext(options.device ?? desktop);
    if (options.init) await context.addInitScript(options.init);
    const tab = await context.newPage();
    await tab.goto(`${shop.url}/index.html`);
    return tab;
  }
  const tab = await openShop(browser, shop, page, options);
  if (page === "details.html") {
    await tab.fill("input[name=street]", "Hauptstraße 1");
    await tab.press("input[name=street]", "Tab");
  }
  if (await tab.$("[data-upsell-slot]")) await tab.waitForSelector(card);
  await tab.evaluate(() => document.fonts.ready);
  await wait(300);
  return tab;
}

async function exitIntent(tab) {
  await wait(1300);
  await tab.mouse.move(640, 300);
  await tab.mouse.move(640, 4, { steps: 4 });
  await tab.mouse.move(640, -20, { steps: 2 });
  await tab.waitForSelector(dialog);
}

describe("the decision explorer", () => {
  test("asks the API base it is given, remembers it, and shows a 204's reason", async () => {
    shop.answer = () => 204;
    shop.reason = "session-cap";
    const context = await browser.newContext(desktop);
    const tab = await context.newPage();
    await tab.goto(`${shop.url}/index.html?api=${encodeURIComponent(`${shop.url}/api`)}`);
    assert.equal(await tab.locator("#api").textContent(), `${shop.url}/api`);
    await tab.getByRole("button", { name: "Ask for offers" }).click();
    await tab.waitForSelector("#result p");
    assert.match(await tab.locator("#result").textContent(), /^No offer now \(204\)\. Reason: session-cap\./);
    assert.equal(shop.offerRequests.at(-1).moment, "cart");
    await tab.goto(`${shop.url}/index.html`);
    assert.equal(await tab.locator("#api").textContent(), `${shop.url}/api`, "remembered as the store's pages remember it");
    shop.answer = () => "offer";
    shop.reason = "nothing-eligible";
    await context.close();
  });
});

describe("after a 204", () => {
  // How much of a slot is blank: its height less what it shows.
  const blank = (tab) => tab.evaluate(() => [...document.querySelectorAll("[data-upsell-slot]")].map((slot) => {
    const shown = [...slot.children].filter((c) => c.tagName !== "TEMPLATE").reduce((sum, c) => sum + c.getBoundingClientRect().height, 0);
    return Math.round(slot.getBoundingClientRect().height - shown);
  }));
  const slotted = pages.filter((p) => !["product.html", "index.html"].includes(p));

  for (const [name, device] of [["desktop", desktop], ["phone", phone]]) {
    test(`no page leaves a blank slot and nothing moves on ${name}: the shop's fallback fills a slot in view, and a quiet session reserves none`, async () => {
      shop.answer = () => 204;
      const measured = [];
      try {
        for (const page of slotted) {
          const tab = await openShop(browser, shop, page, { device, init: watchLayoutShift });
          if (page === "details.html") await tab.fill("input[name=street]", "Hauptstraße 1").then(() => tab.press("input[name=street]", "Tab"));
          await wait(800);
          measured.push(`${page} ${(await tab.evaluate(() => window.layoutShift)).toFixed(4)}`);
          assert.deepEqual(await blank(tab), [0], `${page}: a blank slot`);
          // The demo cart page's own table, drawn by shop.js above the slot, moves its total by 0.004 on desktop
          // with or without upsell.js; the bound is the one every demo page is held to (below).
          assert.ok(await tab.evaluate(() => window.layoutShift) <= 0.01, `${page} moved`);
          await tab.context().close();
        }

        // The prompt cap reached on the cart page: every later page of the session reserves nothing from the start.
        shop.reason = "session-cap";
        const tab = await openShop(browser, shop, "cart.html", { device, init: watchLayoutShift });
        await wait(500);
        for (const page of slotted.filter((p) => p !== "cart.html")) {
          await tab.goto(`${shop.url}/${page}`);
          await tab.waitForFunction(() => window.Upsell && document.readyState === "complete");
          await wait(500);
          assert.deepEqual(await blank(tab), [0], `${page} in a capped session`);
          assert.equal(await tab.evaluate(() => document.querySelector("[data-upsell-slot]").getBoundingClientRect().height), 0, `${page} reserved a slot in a capped session`);
          assert.equal(await tab.evaluate(() => window.layoutShift), 0, `${page} moved in a capped session`);
        }
        await tab.context().close();
        console.log(`layout shift after a 204 on ${name}: ${measured.join(", ")}`);
      } finally {
        shop.answer = () => "offer";
        shop.reason = "nothing-eligible";
      }
    });
  }
});

describe("layout shift", () => {
  for (const [name, device] of [["desktop", desktop], ["phone", phone]]) {
    test(`cumulative layout shift stays at most 0.01 on every demo page on ${name}`, async () => {
      const measured = [];
      for (const page of pages) {
        const tab = await shown(page, { device, init: watchLayoutShift });
        await wait(500);
        const shift = await tab.evaluate(() => window.layoutShift);
        measured.push(`${page} ${shift.toFixed(4)}`);
        assert.ok(shift <= 0.01, `${page}: layout shift ${shift}`);
        await tab.context().close();
      }
      console.log(`layout shift on ${name}: ${measured.join(", ")}`);
    });
  }
});

describe("accessibility (axe-core, WCAG 2.1 AA and best practice)", () => {
  for (const page of pages) {
    test(`${page} has no violations with its inline card shown, nor with the exit dialog open`, async () => {
      const tab = await shown(page, { dwell: 1000 });
      assert.deepEqual(await axe(tab), [], "with the inline card");
      if (page !== "index.html") {
        await exitIntent(tab);
        assert.deepEqual(await axe(tab), [], "with the exit dialog");
      }
      await tab.context().close();
    });
  }
});

describe("a 360 px phone", () => {
  for (const page of ["cart.html", "details.html", "shipping.html", "payment.html", "confirmation.html"]) {
    test(`${page}: the card (the cart: the row) fits, the page does not scroll sideways, and every button is at least 44 px`, async () => {
      const tab = await shown(page, { device: phone });

      const row = await tab.locator(".upsell-row").boundingBox();
      assert.ok(row.x >= 0 && row.x + row.width <= 360, `the row spans ${row.x} to ${row.x + row.width}`);
      assert.ok(await tab.evaluate(() => document.documentElement.scrollWidth <= 360), "the page scrolls sideways");
      const first = await tab.locator(card).first().boundingBox();
      assert.ok(first.x >= 0 && first.x + first.width <= 360, "the first card does not fit");
      for (const button of await tab.locator(`${card} button`).all()) {
        const box = await button.boundingBox();
        assert.ok(box.height >= 44 && box.width >= 44, `a button is ${box.width} x ${box.height}`);
      }
      await tab.context().close();
    });
  }
});

describe("screenshots", () => {
  test("the inline card and cart row on desktop and phone, and the exit dialog", async () => {
    for (const [name, device] of [["desktop", desktop], ["phone", phone]]) {
      const payment = await shown("payment.html", { device });
      await payment.screenshot({ path: resolve(screenshots, `inline-card-${name}.png`) });
      await payment.context().close();

      const cart = await shown("cart.html", { device });
      await cart.screenshot({ path: resolve(screenshots, `cart-row-${name}.png`) });
      await cart.context().close();
    }
    // Exit intent on the product page, where no inline card competes with it.
    const product = await shown("product.html", { dwell: 1000 });
    await exitIntent(product);
    await product.screenshot({ path: resolve(screenshots, "exit-dialog-desktop.png") });
    await product.context().close();
  });
});
