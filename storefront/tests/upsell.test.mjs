// upsell.js in headless Chromium against the demo storefront, its API answered from the contract fixtures.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { axe, eventually, fixture, openShop, phone, useShop, wait } from "./harness.mjs";

// UPDATE_SCREENSHOTS=1 writes the images in docs/screenshots/; otherwise they go beside the other test results.
const screenshots = resolve(import.meta.dirname, process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../.test-results/screenshots");

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const dialog = ".upsell-dialog";
let browser, shop, offer;

useShop(async (b, s) => {
  [browser, shop] = [b, s];
  offer = (await fixture("offer-response.json")).offers[0];
});

const exitIntentRequests = () => shop.offerRequests.filter((r) => r.moment === "exit-intent");

async function leaveTop(page, { back = false, x = 640 } = {}) {
  await page.mouse.move(x, 300);
  await page.mouse.move(x, 4, { steps: 4 });
  await page.mouse.move(x, -20, { steps: 2 });
  if (back) await page.mouse.move(x, 120, { steps: 2 });
}

describe("exit intent on desktop", () => {
  beforeEach(() => { shop.answer = (moment) => (moment === "exit-intent" ? "offer" : 204); });

  test("a deliberate top-edge leave after the dwell asks for the exit-intent offer and shows it", async () => {
    const page = await openShop(browser, shop, "shipping.html");
    await wait(1600);
    await leaveTop(page);

    await page.waitForSelector(dialog);
    const [request] = exitIntentRequests();
    assert.equal(request.body.signal, "top-edge");
    // onPage is sent only when the page shows an offer (the next test); here the shipping slot got nothing.
    assert.deepEqual(Object.keys(request.body).sort(), Object.keys(await fixture("exit-intent-request.json")).filter((k) => k !== "onPage").sort());
    assert.deepEqual(request.body.cart, (await fixture("exit-intent-request.json")).cart);
    await page.context().close();
  });

  test("its request names the offers the page shows, as the contract's exit-intent request does", async () => {
    shop.answer = () => "offer";
    const page = await openShop(browser, shop, "shipping.html");
    await page.waitForSelector(".upsell-card");
    await wait(1600);
    await leaveTop(page);
    await eventually(() => exitIntentRequests().length === 1);

    const [request] = exitIntentRequests();
    const contract = await fixture("exit-intent-request.json");
    assert.deepEqual(Object.keys(request.body).sort(), Object.keys(contract).sort());
    assert.deepEqual(request.body.onPage, [{ sku: offer.sku, externalId: offer.externalId, unitPrice: offer.price.amount, currency: offer.price.currency }]);
    assert.deepEqual(contract.onPage, request.body.onPage, "the contract's example is what the page sends");
    await page.context().close();
  });

  test("a leave before the dwell does nothing", async () => {
    const page = await openShop(browser, shop, "shipping.html", { dwell: 5000 });
    await leaveTop(page);
    await wait(800);

    assert.equal(exitIntentRequests().length, 0);
    assert.equal(await page.$(dialog), null);
    await page.context().close();
  });

  test("a quick leave that comes straight back does nothing", async () => {
    const page = await openShop(browser, shop, "shipping.html");
    await wait(1600);
    await leaveTop(page, { back: true });
    await wait(800);

    assert.equal(exitIntentRequests().length, 0);
    await page.context().close();
  });

  test("leaving through an open select does nothing", async () => {
    const page = await openShop(browser, shop, "shipping.html");
    await wait(1600);
    // What Chromium reports while the pointer is over an open select's list: a mouseout from the select to nothing.
    await page.locator("select[name=delivery]").evaluate((select) =>
      select.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, clientX: 200, clientY: -5, relatedTarget: null })));
    await wait(800);

    assert.equal(exitIntentRequests().length, 0);
    await page.context().close();
  });

  test("leaving towards the context menu does nothing", async () => {
    const page = await openShop(browser, shop, "shipping.html");
    await wait(1600);
    await page.mouse.click(640, 200, { button: "right" });
    await leaveTop(page);
    await wait(800);

    assert.equal(exitIntentRequests().length, 0);
    await page.context().close();
  });

  test("it fires once per session", async () => {
    const page = await openShop(browser, shop, "shipping.html");
    await wait(1600);
    await leaveTop(page);
    await page.waitForSelector(dialog);
    await page.keyboard.press("Escape");
    await leaveTop(page);
    await wait(800);

    assert.equal(exitIntentRequests().length, 1);
    await page.context().close();
  });
});

describe("exit intent on a phone", () => {
  beforeEach(() => { shop.answer = (moment) => (moment === "exit-intent" ? "offer" : 204); });

  async function scrolledDown() {
    const page = await openShop(browser, shop, "shipping.html", { device: phone });
    await page.addStyleTag({ content: "main { min-height: 4000px }" });
    await wait(1600);
    await page.evaluate(() => window.scrollTo(0, 1800));
    await wait(400);
    return page;
  }

  test("a fast scroll up to the top asks for the exit-intent offer", async () => {
    const page = await scrolledDown();
    await page.evaluate(async () => {
      for (const y of [1500, 1100, 700, 300, 0]) {
        window.scrollTo(0, y);
        await new Promise((frame) => requestAnimationFrame(frame));
      }
    });

    await page.waitForSelector(dialog);
    assert.equal(exitIntentRequests()[0].body.signal, "scroll-up");
    assert.equal(exitIntentRequests()[0].body.device, "mobile");
    await page.context().close();
  });

  test("reading back up slowly does nothing", async () => {
    const page = await scrolledDown();
    await page.evaluate(async () => {
      for (let y = 1800; y >= 0; y -= 40) {
        window.scrollTo(0, y);
        await new Promise((later) => setTimeout(later, 80));
      }
    });
    await wait(500);

    assert.equal(exitIntentRequests().length, 0);
    await page.context().close();
  });
});

async function exitDialog({ focus } = {}) {
  shop.answer = (moment) => (moment === "exit-intent" ? "offer" : 204);
  const page = await openShop(browser, shop, "shipping.html");
  if (focus) await page.focus(focus);
  await wait(1600);
  await leaveTop(page);
  await page.waitForSelector(dialog);
  return page;
}

describe("the exit-intent dialog", () => {
  test("is an accessible modal dialog that takes focus and keeps it", async () => {
    const page = await exitDialog();

    assert.equal(await page.getAttribute(dialog, "role"), "dialog");
    assert.equal(await page.getAttribute(dialog, "aria-modal"), "true");
    assert.equal(await page.textContent(`#${await page.getAttribute(dialog, "aria-labelledby")}`), offer.headline);
    assert.equal(await page.textContent(`#${await page.getAttribute(dialog, "aria-describedby")}`), offer.body);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), offer.callToAction);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press(i % 2 ? "Shift+Tab" : "Tab");
      assert.ok(await page.evaluate(() => document.activeElement.closest(".upsell-dialog") !== null), "focus left the dialog");
    }
    await page.context().close();
  });

  test("its close button closes it, gives focus back, and sends a dismiss", async () => {
    const page = await exitDialog({ focus: "input[name=note]" });
    const close = page.getByRole("button", { name: "Close" });
    assert.ok(await close.isVisible());
    await close.click();

    assert.equal(await page.$(dialog), null);
    assert.equal(await page.evaluate(() => document.activeElement.name), "note");
    await eventually(() => shop.events().some((e) => e.type === "dismiss"));
    await page.context().close();
  });

  test("on a 320 px screen its copy and every button show their whole words, and the dialog fits the screen", async () => {
    const long = { ...offer, callToAction: "Reinigungsset hinzufügen", declineText: "Nein danke, ohne Set weiter", headline: "Das Reinigungsset für Ihre X100, heute zum halben Preis" };
    shop.answer = (moment) => (moment === "exit-intent" ? [long] : 204);
    const page = await openShop(browser, shop, "shipping.html", { device: { viewport: { width: 320, height: 640 } } });
    await wait(1600);
    await leaveTop(page, { x: 160 });
    await page.waitForSelector(dialog);
    const buttons = await page.locator(`${dialog} button`).evaluateAll((all) => all.map((b) => ({ text: b.textContent, cut: b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight })));
    const box = await page.locator(dialog).boundingBox();
    const copy = await page.locator(`${dialog} .upsell-headline, ${dialog} .upsell-body`).evaluateAll((all) => all.map((e) => e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth));
    assert.deepEqual(copy, [false, false], "the headline and copy are shown whole");

    assert.deepEqual(buttons, [
      { text: long.callToAction, cut: false },
      { text: long.declineText, cut: false },
      { text: "×", cut: false },
    ]);
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `the dialog spans ${box.x} to ${box.x + box.width}`);
    assert.deepEqual(await axe(page), []);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: resolve(screenshots, "exit-dialog-phone.png") });
    await page.context().close();
  });

  test("Escape closes it, gives focus back, and sends a dismiss", async () => {
    const page = await exitDialog({ focus: "input[name=note]" });
    await page.keyboard.press("Escape");

    assert.equal(await page.$(dialog), null);
    assert.equal(await page.evaluate(() => document.activeElement.name), "note");
    await eventually(() => shop.events().some((e) => e.type === "dismiss"));
    await page.context().close();
  });

  test("\"No thanks\" closes it and sends a decline with the offer's token", async () => {
    const page = await exitDialog();
    await page.click(`${dialog} >> text=${offer.declineText}`);

    assert.equal(await page.$(dialog), null);
    await eventually(() => shop.events().some((e) => e.type === "decline"));
    assert.deepEqual(shop.events().map((e) => [e.type, e.token]), [["impression", offer.token], ["decline", offer.token]]);
    await page.context().close();
  });

  test("accepting adds the offer's SKU to the demo cart, closes it, and sends impression, click and accept", async () => {
    const page = await exitDialog();
    await page.click(`${dialog} >> text=${offer.callToAction}`);

    await page.waitForSelector(dialog, { state: "detached" });
    await page.waitForSelector(`#cart >> text=${offer.headline}`);
    const line = (await page.evaluate(() => window.DemoShop.cart())).find((l) => l.sku === offer.sku);
    assert.equal(line.token, offer.token);
    await eventually(() => shop.events().some((e) => e.type === "accept"));
    assert.deepEqual(shop.events().map((e) => e.type), ["impression", "click", "accept"]);
    await page.context().close();
  });

  test("events arrive batched, as the contract's text/plain body, each with a fresh id and the token", async () => {
    const page = await exitDialog();
    await page.click(`${dialog} >> text=${offer.callToAction}`);
    await eventually(() => shop.events().length === 3);

    assert.equal(shop.eventBatches.length, 1);
    const [batch] = shop.eventBatches;
    assert.match(batch.contentType, /^text\/plain/);
    const example = (await fixture("events-request.json")).events[0];
    for (const event of batch.body.events) {
      assert.deepEqual(Object.keys(event).sort(), Object.keys(example).sort());
      assert.match(event.id, uuid);
      assert.equal(event.token, offer.token);
      assert.ok(Math.abs(Date.parse(event.at) - Date.now()) < 60_000);
    }
    assert.equal(new Set(batch.body.events.map((e) => e.id)).size, 3);
    await page.context().close();
  });

  test("a batch the events route refuses twice is kept and sent again with the same ids, and each event arrives once", async () => {
    shop.failEvents = 2;
    const page = await exitDialog();
    await page.click(`${dialog} >> text=${offer.callToAction}`);
    await eventually(() => shop.events().length === 3, 15_000);

    assert.equal(shop.failedBatches.length, 2);
    const ids = (batch) => batch.events.map((e) => e.id);
    assert.deepEqual(ids(shop.failedBatches[1]), ids(shop.failedBatches[0]));
    assert.deepEqual(shop.events().map((e) => e.id), ids(shop.failedBatches[0]));
    assert.equal(new Set(shop.events().map((e) => e.id)).size, 3);
    await wait(2_500);
    assert.equal(shop.events().length, 3, "nothing is sent again once taken");
    assert.deepEqual(await page.evaluate(() => JSON.parse(sessionStorage.getItem("upsell-events"))), []);
    await page.context().close();
  });

  test("events neither a fetch nor the beacon at leaving could send are sent from the next page with the same ids", async () => {
    shop.failEvents = 2; // the batch's fetch, then the beacon sent as the page is left
    const page = await exitDialog();
    await page.click(`${dialog} >> text=${offer.callToAction}`);
    await eventually(() => shop.failedBatches.length === 1, 5_000);
    const kept = shop.failedBatches[0].events.map((e) => e.id);
    await page.goto(`${shop.url}/cart.html?api=/api`);

    await eventually(() => shop.events().length >= 3, 10_000);
    assert.equal(shop.failedBatches.length, 2);
    assert.deepEqual(shop.failedBatches[1].events.map((e) => e.id), kept, "the beacon carried the kept events");
    assert.deepEqual(shop.eventBatches[0].body.events.map((e) => e.id).slice(0, kept.length), kept, "the next page sent them first, same ids");
    await page.context().close();
  });

  test("causes no layout shift", async () => {
    const page = await exitDialog();
    await page.keyboard.press("Escape");
    await wait(200);

    const shift = await page.evaluate(() => new Promise((done) => {
      new PerformanceObserver((list) => done(list.getEntries().reduce((sum, e) => sum + e.value, 0))).observe({ type: "layout-shift", buffered: true });
      setTimeout(() => done(0), 500);
    }));
    assert.equal(shift, 0);
    await page.context().close();
  });
});

describe("the offer request", () => {
  test("the cart page's offer request follows the contract", async () => {
    const page = await openShop(browser, shop, "cart.html");
    await page.waitForSelector(".upsell-card");

    const [request] = shop.offerRequests;
    assert.equal(request.moment, "cart");
    assert.match(request.contentType, /^application\/json/);
    assert.deepEqual(Object.keys(request.body).sort(), Object.keys(await fixture("offer-request.json")).sort());
    assert.match(request.body.visitorId, uuid);
    await page.context().close();
  });

  for (const answer of [204, "error"]) {
    test(`a ${answer === 204 ? "204" : "network error"} shows nothing and raises no page error`, async () => {
      shop.answer = () => answer;
      const page = await openShop(browser, shop, "cart.html");
      await eventually(() => shop.offerRequests.length >= 1);
      await wait(300);

      assert.equal(await page.$(".upsell-card"), null);
      assert.equal(await page.$(dialog), null);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
