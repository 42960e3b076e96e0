// The console's pages and modules as the Functions app serves them, and the admin API answered from the contract
// fixtures (contracts/api/admin-*.json, report-*.json), which the C# contract tests check the real functions against.
// It keeps what the console saves, so a test can create, edit, start, stop and ship in one session.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json" };
export const fixture = async (name) => JSON.parse(await readFile(join(root, "contracts/api", name), "utf8"));

export async function startConsole() {
  const [offers, offer, experiments, invalid, conflict, offerReport, experimentReports, experimentReport, banditReport, banditDraft, banditZero] = await Promise.all(
    ["admin-offers.json", "admin-offer.json", "admin-experiments.json", "admin-offer-invalid-response.json", "admin-offer-conflict.json", "report-offers.json", "report-experiments.json", "report-experiment.json", "report-experiment-bandit.json",
      "admin-experiment-bandit-draft.json", "admin-experiment-bandit-zero-response.json"].map(fixture));
  const api = { requests: [], conflictNext: false, offers: new Map(), experiments: new Map(), etag: 1 };
  for (const o of [...offers, offer]) api.offers.set(o.id, { doc: o, etag: `W/"${api.etag++}"` });
  for (const x of [...experiments, banditDraft]) api.experiments.set(x.key, { doc: x, etag: `W/"${api.etag++}"` });

  const json = (response, status, body, etag) => response.writeHead(status, { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...(etag ? { ETag: etag } : {}) }).end(body === undefined ? "" : JSON.stringify(body));
  // The real function's answer to the empty form names these fields; a body that fills them in passes.
  const missing = (doc) => invalid.errors.filter((e) => ({
    id: !doc.id, "copy.en.headline": !doc.copy?.en?.headline, "copy.en.callToAction": !doc.copy?.en?.callToAction,
    "price.amount": doc.price?.amount == null, moments: !doc.moments?.length,
  })[e.field]);

  function admin(method, parts, body, request, response) {
    const [collection, id] = parts;
    const store = collection === "offers" ? api.offers : api.experiments;
    const stored = id && store.get(id);
    if (method === "GET" && !id) return json(response, 200, [...store.values()].map((s) => s.doc));
    if (method === "GET") return stored ? json(response, 200, stored.doc, stored.etag) : json(response, 404, { title: "Not found", status: 404, errors: [] });
    if (method === "POST" && collection === "offers" && missing(body).length) return json(response, 400, { ...invalid, errors: missing(body) });
    if (method === "POST") {
      const doc = collection === "experiments" ? { ...body, phase: 1, phases: [{ phase: 1, startedAt: "2026-11-24T12:00:00+00:00", weights: Object.fromEntries(body.variants.map((v) => [v.key, v.weight])) }] } : body;
      store.set(doc.id ?? doc.key, { doc, etag: `W/"${api.etag++}"` });
      return json(response, 201, doc, store.get(doc.id ?? doc.key).etag);
    }
    if (method === "PUT" && (api.conflictNext || request.headers["if-match"] !== stored?.etag)) {
      api.conflictNext = false;
      if (stored) stored.etag = `W/"${api.etag++}"`; // someone else saved
      return json(response, 412, conflict);
    }
    // The real function's answer to a bandit arm at 0% (the fixture names the third arm).
    if (method === "PUT" && collection === "experiments" && body.allocation === "bandit" && body.variants[2]?.weight === 0) return json(response, 400, banditZero);
    if (method === "PUT") {
      let doc = body;
      if (collection === "experiments" && stored.doc.status === "draft") {
        // As the server: a draft stays in its phase and keeps every share as typed.
        const weights = Object.fromEntries(body.variants.map((v) => [v.key, v.weight]));
        doc = { ...body, phase: stored.doc.phase, phases: [{ ...stored.doc.phases.at(-1), weights, allocation: body.allocation }] };
      } else if (collection === "experiments") {
        // As the server: a new phase when the allocation changes or a fixed test's weights do.
        const weights = (x) => JSON.stringify(x.variants.map((v) => v.weight));
        const switched = (stored.doc.allocation || "fixed") !== (body.allocation || "fixed");
        const phase = stored.doc.phase + (switched || (body.allocation !== "bandit" && weights(stored.doc) !== weights(body)) ? 1 : 0);
        doc = { ...body, phase, decision: body.decision ? { ...body.decision, decidedAt: "2026-11-24T12:00:00+00:00" } : undefined };
        // A started bandit's shares are the server's: those of the bandit report's arms.
        if (body.allocation === "bandit") doc.variants = body.variants.map((v) => ({ ...v, weight: banditReport.bandit.arms.find((a) => a.key === v.key)?.weight ?? v.weight }));
      }
      store.set(id, { doc, etag: `W/"${api.etag++}"` });
      return json(response, 200, doc, store.get(id).etag);
    }
    if (method === "DELETE") {
      const user = [...api.experiments.values()].find((x) => x.doc.subjectOfferId === id && x.doc.status !== "stopped");
      if (user) return json(response, 409, { title: "Conflict", status: 409, detail: `id experiment ${user.doc.key} uses this offer; stop or change it first`, errors: [{ field: "id", message: `experiment ${user.doc.key} uses this offer; stop or change it first` }] });
      store.delete(id);
      return response.writeHead(204).end();
    }
    return json(response, 405, { title: "Method not allowed", status: 405, errors: [] });
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    let text = "";
    for await (const chunk of request) text += chunk;
    const path = url.pathname;
    if (path.startsWith("/api/manage/") && !path.startsWith("/api/manage/console")) {
      api.requests.push({ method: request.method, path, key: request.headers["x-functions-key"], ifMatch: request.headers["if-match"], body: text ? JSON.parse(text) : null, url });
    }
    // The preview's settings as ShowConsoleFunction answers them (ConsoleFunctionTests), and a shop to style it.
    if (path === "/api/manage/console/settings.json") return json(response, 200, api.previewSettings ?? { shopUrl: "", stylesheetUrl: "" });
    if (path === "/shop/theme.css") return response.writeHead(200, { "Content-Type": "text/css" }).end(":root { --upsell-accent: rgb(180, 20, 60); } body.shop { font-family: Georgia, serif; }");
    if (path.startsWith("/shop/img/")) return response.writeHead(200, { "Content-Type": "image/svg+xml" }).end('<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72"><rect width="72" height="72" fill="#0a0"/></svg>');
    // The real explain function's answer to contracts/api/explain-request.json (ContractTests checks it exactly).
    if (path.startsWith("/api/manage/explain/") && request.method === "POST") return json(response, 200, await fixture("explain-response.json"));
    // The real function's answer to a Shopify stand-in serving contracts/api/shopify-product-variants.json (ProductSearchTests).
    if (path === "/api/manage/products") return json(response, 200, api.products ?? await fixture("admin-products-response.json"));
    if (path === "/api/manage/reports/offers") return json(response, 200, offerReport);
    if (path === "/api/manage/reports/experiments") return json(response, 200, experimentReports);
    if (path.startsWith("/api/manage/reports/experiments/")) {
      const key = decodeURIComponent(path.split("/").pop());
      const bandit = api.experiments.get(key)?.doc.allocation === "bandit";
      return json(response, 200, { ...(bandit ? api.banditReport ?? banditReport : api.experimentReport ?? experimentReport), key, coverage: api.experiments.get(key)?.doc.coverage ?? 1 });
    }
    const adminPath = /^\/api\/manage\/(offers|experiments)(?:\/([^/]+))?$/.exec(path);
    if (adminPath) return admin(request.method, [adminPath[1], adminPath[2] && decodeURIComponent(adminPath[2])], text ? JSON.parse(text) : null, request, response);
    const file = path === "/api/manage/console" ? "src/Upsell.Functions/Console/wwwroot/console.html"
      : path === "/api/manage/console/upsell.js" ? "storefront/upsell.js"
      : path.startsWith("/api/manage/console/") ? `src/Upsell.Functions/Console/wwwroot/${path.split("/").pop()}`
      : path.startsWith("/img/") ? `storefront/img/${path.split("/").pop()}` : null;
    if (!file) return response.writeHead(404).end();
    try {
      const body = await readFile(join(root, file));
      response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  api.url = `http://127.0.0.1:${server.address().port}/api/manage/console`;
  api.close = () => new Promise((done) => server.close(done));
  api.calls = (method, pattern) => api.requests.filter((r) => r.method === method && pattern.test(r.path));
  return api;
}
