// Serves the demo storefront's static files on 127.0.0.1 for local runs: node scripts/serve-storefront.mjs DIR PORT
// The browser tests reuse serveFile for the same pages beside their fixture API.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png" };

/** Answers a GET for a file under `root` (index.html for a folder), 403 outside it, 404 when missing. */
export async function serveFile(root, request, response) {
  const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(root, path.endsWith("/") ? join(path, "index.html") : path);
  if (!file.startsWith(root)) {
    response.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = resolve(process.argv[2] ?? "storefront");
  const port = Number(process.argv[3] ?? 5500);
  createServer((request, response) => serveFile(root, request, response))
    .listen(port, "127.0.0.1", () => console.log(`Storefront on http://localhost:${port}`));
}
