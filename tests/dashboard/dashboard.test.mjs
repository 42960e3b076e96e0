// The merchant dashboard in headless Chromium: its page, script and styles from src/Upsell.Functions/Dashboard,
// chart.js from node_modules (as the Functions build copies them), and the reports answered from the contract
// fixtures (contracts/api/report-*.json), which the C# contract tests check the report functions against.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { axe, launch, phone } from "../../storefront/tests/harness.mjs";

const root = resolve(import.meta.dirname, "../..");
const files = {
  "/api/manage/dashboard": ["src/Upsell.Functions/Dashboard/wwwroot/dashboard.html", "text/html"],
  "/api/manage/dashboard/dashboard.js": ["src/Upsell.Functions/Dashboard/wwwroot/dashboard.js", "text/javascript"],
  "/api/manage/dashboard/dashboard.css": ["src/Upsell.Functions/Dashboard/wwwroot/dashboard.css", "text/css"],
  "/api/manage/dashboard/api.js": ["src/Upsell.Functions/Console/wwwroot/api.js", "text/javascript"],
  "/api/manage/dashboard/money.js": ["src/Upsell.Functions/Console/wwwroot/money.js", "text/javascript"],
  "/api/manage/dashboard/chart.umd.js": ["node_modules/chart.js/dist/chart.umd.js", "text/javascript"],
  "/api/manage/reports/experiments": ["contracts/api/report-experiments.json", "application/json"],
  "/api/manage/reports/moments": ["contracts/api/report-moments.json", "application/json"],
  "/api/manage/reports/holdout": ["contracts/api/report-holdout.json", "application/json"],
  "/api/manage/operations": ["contracts/api/operations.json", "application/json"],
};
const charts = ["experiment-lift", "moment-lift", "holdout", "funnel", "exposures"];
let server, base, browser;
const reportRequests = [];
// Set by a test: rewrites a report's JSON before it is served, as a shop with other data would answer.
let rewrite = null;
// Set by a test: holds the answers of some paths back that many milliseconds, as a slow report would.
let delays = {};

before(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    const file = files[url.pathname];
    if (url.pathname.startsWith("/api/manage/reports/")) reportRequests.push({ url, key: request.headers["x-functions-key"] });
    if (!file) return response.writeHead(404).end();
    if (request.headers["x-functions-key"] === "wrong-key" && file[1] === "application/json") return response.writeHead(401).end();
    if (delays[url.pathname]) await new Promise((done) => setTimeout(done, delays[url.pathname]));
    const body = await readFile(join(root, file[0]));
    response.writeHead(200, { "Content-Type": file[1] }).end(rewrite && file[1] === "application/json" ? JSON.stringify(rewrite(url.pathname, JSON.parse(body))) : body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((done) => server.close(done));
});

async function open(device) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("requestfailed", (request) => errors.push(new Error(`${request.url()} failed`)));
  await page.goto(`${base}/api/manage/dashboard?code=merchant-key&from=2026-11-10&to=2026-11-24`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 10_000 });
  return { page, errors, context };
}

test("without a key the page asks for it before calling anything, and asks again when the key is refused", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const calls = reportRequests.length;
  await page.goto(`${base}/api/manage/dashboard?from=2026-11-10&to=2026-11-24`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true");

  assert.ok(await page.locator("#key").isVisible());
  assert.equal(reportRequests.length, calls, "no report is asked for without a key");
  assert.deepEqual(await axe(page), [], "the key prompt");
  await page.getByLabel("Function key").fill("wrong-key");
  await page.getByRole("button", { name: "Show the reports" }).click();
  await page.waitForFunction(() => /not accepted/.test(document.getElementById("key-note").textContent));
  assert.ok(await page.locator("#key").isVisible());
  assert.equal(await page.evaluate(() => sessionStorage.getItem("upsell-console-key")), null, "a refused key is forgotten");

  await page.getByLabel("Function key").fill("merchant-key");
  await page.getByRole("button", { name: "Show the reports" }).click();
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true" && document.getElementById("key").hidden);
  assert.ok((await page.locator(".card .verdict").count()) > 0);
  assert.equal(reportRequests.at(-1).key, "merchant-key");
  assert.deepEqual(await axe(page), [], "the reports");
  assert.equal(new URL(page.url()).search, "?from=2026-11-10&to=2026-11-24", "the key never enters the address bar");
  reportRequests.splice(calls); // the other tests check every call they made carried the key
  await context.close();
});

// What each chart drew: its labels, how many values are not zero, and whether its canvas has coloured pixels.
const drawn = (page) => page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
  const canvas = document.getElementById(id);
  const chart = window.Chart.getChart(canvas);
  const values = chart.data.datasets.flatMap((d) => d.data.flat());
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  return [id, { labels: chart.data.labels, nonZero: values.filter((v) => v).length, inked, width: canvas.clientWidth }];
})), charts);

test("every chart renders with data from the reports, and the page passes its key on to them", async () => {
  const { page, errors, context } = await open({ viewport: { width: 1280, height: 900 } });
  const result = await drawn(page);

  assert.deepEqual(errors, []);
  for (const id of charts) {
    assert.ok(result[id].nonZero > 0, `${id} has no data`);
    assert.ok(result[id].inked > 1000, `${id} drew almost nothing`);
  }
  assert.deepEqual(result["experiment-lift"].labels, [["cart-sd-card-price", "(discounted)"], ["shipping-express-copy", "(urgency)"]]);
  assert.deepEqual(result["moment-lift"].labels, ["cart", "shipping"]);
  assert.deepEqual(result.funnel.labels, ["cart", "shipping"]);
  assert.equal(result.exposures.labels.length, 14);
  assert.ok(reportRequests.every((r) => r.key === "merchant-key" && !r.url.searchParams.has("code")), "every report call carries the key in its header, not its URL");
  assert.equal(new URL(page.url()).searchParams.get("code"), null, "the key stayed in the address bar");
  assert.ok(reportRequests.some(({ url }) => url.pathname.endsWith("/holdout") && url.searchParams.get("from") === "2026-11-10"));
  const cards = await page.locator(".card .verdict").allTextContents();
  assert.equal(cards.length, 2);
  assert.match(cards[0], /^Keep running: variant discounted is ahead on acceptance rate, \+141\.8% \(95% interval \+67% to \+216%\) but not yet proven/);
  assert.ok(await page.locator("#segments tbody tr").count() >= 4);
  assert.equal(await page.locator("#coverage-note").textContent(), "Offers reached the shoppers of 30.0% of orders (12 of 40): cart 22.5%, shipping 7.5%.");
  // The operations figures: a poison queue with messages is marked, the follow-ups are counted by status, and the
  // addresses SendGrid's events barred are counted by reason.
  assert.deepEqual(await page.locator("#queues tbody td:first-child").allTextContents(), ["events", "orders", "refunds", "erasures"]);
  assert.equal(await page.locator("#queues tbody tr.alert").count(), 1);
  assert.match(await page.locator("#operations-note").textContent(), /1 unknown.*2 test orders kept and counted nowhere\. Addresses no email goes to: 3 bounced, 0 dropped, 1 reported as spam, 5 unsubscribed\. 2 messages are parked in poison queues.* events: 1 not base64, which no replay can deliver \(6a1f0c52-9d4e-4b8e-a2f1-0c3d5e7f9a10\)\./s);
  await context.close();
});

test("an experiment whose winner costs checkouts says on its card that it is not to be shipped", async () => {
  const refusal = "Not shipped: variant discounted lowers checkout completion by more than 1% (-5.1%, always-valid interval -8.3% to -1.9%).";
  const text = "Variant discounted wins: acceptance rate +141.8% against control, and the always-valid interval stays above zero (decided on day 6). " +
    "But it costs orders: checkout completion -5.1% against control (always-valid interval -8.3% to -1.9%), more than the 1% allowed (shown on day 9). Do not ship it.";
  rewrite = (path, report) => (path.endsWith("/reports/experiments") ? report.map((x, i) => (i === 0 ? { ...x, verdict: { ...x.verdict, kind: "variant-wins", text }, shipRefusal: refusal } : x)) : report);
  try {
    const { page, errors, context } = await open({ viewport: { width: 1280, height: 900 } });
    await page.locator(".card .refusal").waitFor();
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.locator(".card .refusal").allTextContents(), [refusal]);
    const folder = resolve(root, process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : ".test-results/screenshots");
    await mkdir(folder, { recursive: true });
    await page.locator(".card").first().screenshot({ path: resolve(folder, "dashboard-guardrail.png") });
    await context.close();
  } finally {
    rewrite = null;
  }
});

test("a revenue experiment's card gives the lift adjusted for the carts' value beside the raw one", async () => {
  const cuped = { difference: 120, interval: { low: 24, high: 216 }, relativeLift: 0.1, alwaysValidInterval: { low: -30, high: 270 }, theta: 0.05, varianceRemoved: 0.25 };
  rewrite = (path, report) => (path.endsWith("/reports/experiments") ? report.map((x, i) => (i === 0 ? { ...x, best: { ...x.best, control: 1200, relativeLift: 0.12, cuped } } : x)) : report);
  try {
    const { page, errors, context } = await open({ viewport: { width: 1280, height: 900 } });
    await page.locator(".card .cuped").waitFor();
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.locator(".card .cuped").allTextContents(), [
      "Adjusted for the carts' value: +10.0% against control (95% interval +2.0% to +18.0%), against +12.0% unadjusted; the adjustment removed 25.0% of the variance.",
    ]);
    await context.close();
  } finally {
    rewrite = null;
  }
});

test("a card whose adjustment used the visitors' earlier orders too says so", async () => {
  const cuped = { difference: 120, interval: { low: 24, high: 216 }, relativeLift: 0.1, alwaysValidInterval: { low: -30, high: 270 }, theta: 0.05, earlierOrdersTheta: 310, varianceRemoved: 0.32 };
  rewrite = (path, report) => (path.endsWith("/reports/experiments") ? report.map((x, i) => (i === 0 ? { ...x, best: { ...x.best, control: 1200, relativeLift: 0.12, cuped } } : x)) : report);
  try {
    const { page, errors, context } = await open({ viewport: { width: 1280, height: 900 } });
    await page.locator(".card .cuped").waitFor();
    assert.deepEqual(errors, []);
    assert.match(await page.locator(".card .cuped").textContent(), /^Adjusted for the carts' value and earlier orders: \+10\.0% against control .* removed 32\.0% of the variance\.$/);
    await context.close();
  } finally {
    rewrite = null;
  }
});

test("is readable on a laptop and on a 360 px phone; screenshots of both", async () => {
  const folder = resolve(root, process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : ".test-results/screenshots");
  await mkdir(folder, { recursive: true });
  for (const [name, device] of [["desktop", { viewport: { width: 1280, height: 900 } }], ["phone", phone]]) {
    const { page, errors, context } = await open(device);
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const result = await drawn(page);

    assert.deepEqual(errors, []);
    assert.equal(overflow, 0, `${name}: the page scrolls sideways`);
    // Side by side on a laptop, one under the other on a phone: never cut off, never squeezed to a sliver.
    for (const id of charts) assert.ok(result[id].width <= width && result[id].width >= Math.min(400, width * 0.8), `${name}: ${id} is ${result[id].width} px wide on a ${width} px page`);
    await page.screenshot({ path: resolve(folder, `dashboard-${name}.png`), fullPage: true });
    await context.close();
  }
});

test("the first screen answers the money question from the holdout report before the slower reports arrive", async () => {
  const holdout = JSON.parse(await readFile(join(root, "contracts/api/report-holdout.json"), "utf8"));
  const all = holdout.scopes.find((x) => x.scope === "all");
  const euros = (minor) => new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(Math.round(minor) / 100);
  const times = (x) => euros(Math.round(x * all.treated.visitors));
  // The slow reports wait long enough that a page drawn on a busy machine (CI runs four browser files at once beside
  // the .NET tests) still answers well before them.
  delays = { "/api/manage/reports/experiments": 8000, "/api/manage/reports/moments": 8000 };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}/api/manage/dashboard?code=merchant-key&from=2026-11-10&to=2026-11-24`);
    await page.waitForFunction(() => /^Offers added/.test(document.getElementById("money-answer").textContent));
    const answer = await page.locator("#money-answer").textContent();
    assert.ok(Date.now() - started < 7000, "drawn before the slow reports arrived");
    assert.equal(await page.locator(".card").count(), 0, "the experiments are still on their way");
    assert.equal(answer,
      `Offers added about ${times(all.revenuePerVisitorLift.difference)} from 2026-11-10 to 2026-11-24 (between ${times(all.revenuePerVisitorLift.alwaysValidInterval.low)} and ${times(all.revenuePerVisitorLift.alwaysValidInterval.high)}) across 1,916 treated visitors. ` +
      `Treated visitors brought ${euros(all.treated.revenuePerVisitor)} each against ${euros(all.holdout.revenuePerVisitor)} held out (10% of visitors never see offers), net of refunds.`);
    assert.match(answer, /^Offers added about €39,401\.\d\d /);
    assert.ok(await page.locator("#money-chart").isVisible());
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 20_000 });
    assert.deepEqual(await axe(page), []);
    await context.close();
  } finally {
    delays = {};
  }
});

test("when the holdout's interval still includes no change, the money answer says it is not known yet", async () => {
  rewrite = (path, report) => {
    if (!path.endsWith("/holdout")) return report;
    report.scopes[0].revenuePerVisitorLift.alwaysValidInterval = { low: -300, high: 900 };
    return report;
  };
  try {
    const { page, errors, context } = await open({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    assert.deepEqual(errors, []);
    assert.match(await page.locator("#money-answer").textContent(), /^Not known yet from 2026-11-10 to 2026-11-24: what offers added lies between -€5,748\.00 and €17,244\.00, which includes no change/);
    await context.close();
  } finally {
    rewrite = null;
  }
});

test("a lift against a baseline of zero reads \"no baseline yet\", never +0.0%, and money shows its currency", async () => {
  // The holdout earned nothing yet: the API sends relativeLift null with its note, as the report functions do.
  rewrite = (path, report) => {
    if (!path.endsWith("/holdout")) return report;
    for (const scope of report.scopes) {
      scope.holdout.revenuePerVisitor = 0;
      Object.assign(scope.revenuePerVisitorLift, { control: 0, relativeLift: null, relativeInterval: null, relativeLiftNote: "no baseline yet" });
    }
    return report;
  };
  try {
    const { page, errors, context } = await open({ viewport: { width: 1280, height: 900 } });
    const note = await page.locator("#holdout-note").textContent();
    const cells = await page.locator("#segments tbody td:last-child").allTextContents();

    assert.deepEqual(errors, []);
    assert.match(note, /held out: no baseline yet\./);
    assert.doesNotMatch(note, /\+0\.0%/);
    assert.match(note, /€/);
    assert.ok(cells.length > 0 && cells.every((c) => c.includes("€")), `revenue cells without a currency: ${cells}`);
    await context.close();
  } finally {
    rewrite = null;
  }
});
