// Test harness for upsell.js: the demo storefront served on a free loopback port, with the API answered from the
// contract fixtures (contracts/api), and headless Chromium (Debian's package) driven by Playwright.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, beforeEach } from "node:test";
import { chromium } from "playwright-core";
import { serveFile } from "../../scripts/serve-storefront.mjs";

const root = resolve(import.meta.dirname, "../..");

export const fixture = async (name) => JSON.parse(await readFile(join(root, "contracts/api", name), "utf8"));

/**
 * Starts the storefront with a fixture API. `answer(moment)` says what /api/offers/{moment} does: "offer", 204,
 * "error", or an array of offers to answer. The cart moment answers the fixture's three offers, as the real function does; every other moment one.
 */
export async function startShop() {
  const offer = await fixture("offer-response.json");
  // `delay` holds every offer answer back that long; `pages` serves extra HTML pages by path, for test-only shops.
  // `routes["POST /cart/add.js"]` answers other requests: (body) => [status, json]; each is kept in `requests`.
  const shop = { offerRequests: [], eventBatches: [], failEvents: 0, failedBatches: [], answer: () => "offer", reason: "nothing-eligible", delay: 0, pages: {}, routes: {}, requests: [] };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    let body = "";
    for await (const chunk of request) body += chunk;
    const moment = url.pathname.match(/^\/api\/offers\/([a-z-]+)$/)?.[1];
    if (request.method === "POST" && moment) {
      shop.offerRequests.push({ moment, contentType: request.headers["content-type"], body: JSON.parse(body) });
      const answer = shop.answer(moment);
      if (shop.delay) await wait(shop.delay);
      if (answer === "error") return request.socket.destroy();
      // As the real function answers a 204: with its reason (OfferFunctionTests), exposed to the page.
      if (answer === 204) return response.writeHead(204, { "X-Upsell-Reason": shop.reason, "Access-Control-Expose-Headers": "X-Upsell-Reason" }).end();
      // An array answers those offers instead of the fixture's (a test's longer copy, say).
      const offers = Array.isArray(answer) ? answer : moment === "cart" ? offer.offers : offer.offers.slice(0, 1);
      return response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ...offer, moment, offers }));
    }
    if (request.method === "POST" && url.pathname === "/api/events") {
      const batch = JSON.parse(body);
      // `failEvents` batches in a row are answered 503, as the app does when storage is down.
      if (shop.failEvents > 0 && shop.failEvents--) return shop.failedBatches.push(batch) && response.writeHead(503).end();
      shop.eventBatches.push({ contentType: request.headers["content-type"], body: batch });
      return response.writeHead(202, { "Content-Type": "application/json" }).end(JSON.stringify({ accepted: batch.events.length }));
    }
    const route = shop.routes[`${request.method} ${url.pathname}`];
    if (route) {
      const json = body ? JSON.parse(body) : null;
      shop.requests.push({ method: request.method, path: url.pathname, contentType: request.headers["content-type"], accept: request.headers.accept, body: json });
      const [status, answer] = await route(json);
      return response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
    }
    if (shop.pages[url.pathname]) return response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(shop.pages[url.pathname]);
    return serveFile(join(root, "storefront"), request, response);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  shop.url = `http://127.0.0.1:${server.address().port}`;
  shop.close = () => new Promise((done) => server.close(done));
  shop.events = () => shop.eventBatches.flatMap((b) => b.body.events);
  shop.types = () => shop.events().map((e) => e.type);
  shop.reset = () => {
    shop.offerRequests.length = 0;
    shop.eventBatches.length = 0;
    shop.failedBatches.length = 0;
    shop.failEvents = 0;
    shop.requests.length = 0;
    shop.answer = () => "offer";
    shop.reason = "nothing-eligible";
    shop.delay = 0;
  };
  return shop;
}

/** One browser and one fixture shop for a test file, reset before each test; `ready(browser, shop)` receives them. */
export function useShop(ready) {
  let browser, shop;
  before(async () => {
    browser = await launch();
    shop = await startShop();
    await ready(browser, shop);
  });
  after(async () => {
    await browser.close();
    await shop.close();
  });
  beforeEach(() => shop.reset());
}

/** Sends what the page has queued and gives the event types the fixture API has received. */
export async function flushed(page, shop) {
  await page.evaluate(() => window.Upsell.flush());
  await wait(300);
  return shop.types();
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export const desktop = { viewport: { width: 1280, height: 800 } };

export const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36" };

/** A page of the demo shop with a camera in the cart; `dwell` is upsell.js's minimum time on the page before exit intent. */
export async function openShop(browser, shop, page, { dwell = 1500, device = desktop, init } = {}) {
  const context = await browser.newContext(device);
  if (init) await context.addInitScript(init);
  const tab = await context.newPage();
  tab.errors = [];
  tab.on("pageerror", (error) => tab.errors.push(error));
  await tab.goto(`${shop.url}/product.html?api=/api&dwell=${dwell}`);
  await tab.evaluate(() => window.DemoShop.addProduct("CAM-X100"));
  await tab.goto(`${shop.url}/${page}`);
  await tab.waitForFunction(() => window.Upsell && document.readyState === "complete");
  return tab;
}

export const wait = (ms) => new Promise((done) => setTimeout(done, ms));

/** Waits until `check()` is true, or fails after `ms`. */
export async function eventually(check, ms = 3000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await wait(25);
  }
}

/** Sums the page's layout shifts that no input caused, as cumulative layout shift counts them; install with `init`. */
export function watchLayoutShift() {
  window.layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

/** Runs axe-core in the page against WCAG 2.1 A/AA and best practice; gives each violation with its nodes. */
export async function axe(page) {
  await page.addScriptTag({ path: join(root, "node_modules/axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
