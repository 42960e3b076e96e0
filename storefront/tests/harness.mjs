// Test harness for upsell.js: the demo storefront served on a free loopback port, with the API answered from the
// contract fixtures (contracts/api), and headless Chromium (Debian's package) driven by Playwright.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { serveFile } from "../../scripts/serve-storefront.mjs";

const root = resolve(import.meta.dirname, "../..");

export const fixture = async (name) => JSON.parse(await readFile(join(root, "contracts/api", name), "utf8"));

/** Starts the storefront with a fixture API. `answer(moment)` says what /api/offers/{moment} does: "offer", 204 or "error". */
export async function startShop() {
  const offer = await fixture("offer-response.json");
  const shop = { offerRequests: [], eventBatches: [], answer: () => "offer" };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    let body = "";
    for await (const chunk of request) body += chunk;
    const moment = url.pathname.match(/^\/api\/offers\/([a-z-]+)$/)?.[1];
    if (request.method === "POST" && moment) {
      shop.offerRequests.push({ moment, contentType: request.headers["content-type"], body: JSON.parse(body) });
      const answer = shop.answer(moment);
      if (answer === "error") return request.socket.destroy();
      if (answer === 204) return response.writeHead(204).end();
      return response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ...offer, moment }));
    }
    if (request.method === "POST" && url.pathname === "/api/events") {
      const batch = JSON.parse(body);
      shop.eventBatches.push({ contentType: request.headers["content-type"], body: batch });
      return response.writeHead(202, { "Content-Type": "application/json" }).end(JSON.stringify({ accepted: batch.events.length }));
    }
    return serveFile(join(root, "storefront"), request, response);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  shop.url = `http://127.0.0.1:${server.address().port}`;
  shop.close = () => new Promise((done) => server.close(done));
  shop.events = () => shop.eventBatches.flatMap((b) => b.body.events);
  return shop;
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36" };

/** A page of the demo shop with a camera in the cart; `dwell` is upsell.js's minimum time on the page before exit intent. */
export async function openShop(browser, shop, page, { dwell = 1500, device = { viewport: { width: 1280, height: 800 } } } = {}) {
  const context = await browser.newContext(device);
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
