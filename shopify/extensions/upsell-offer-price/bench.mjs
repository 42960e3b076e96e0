// `node shopify/extensions/upsell-offer-price/bench.mjs`: the discount Function's run on a cart with one granted
// line, and its plain-JavaScript HMAC against Node's own (the floor), 2,000 runs each after 200 to warm up. Node
// compiles the code; Shopify runs it interpreted (Javy), so there a run costs more: the reason for MAX_GRANTS.
import { readFileSync } from "node:fs";
import { createHmac } from "node:crypto";
import { cartLinesDiscountsGenerateRun } from "./src/index.js";
import { hmacSha256, utf8 } from "./src/hmac.js";

const { input } = JSON.parse(readFileSync(new URL("./tests/fixtures/valid-grant.json", import.meta.url), "utf8"));
const key = utf8("contract-fixture-discount-key-0123456789abcdef");
const message = utf8(input.cart.lines[0].price.value.split(".").slice(0, 2).join("."));
const runs = 2000;

function time(name, action) {
  for (let i = 0; i < 200; i++) action();
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) action();
  console.log(`${name}: ${(Number(process.hrtime.bigint() - started) / 1e3 / runs).toFixed(1)} µs`);
}

time("one run, one granted line", () => cartLinesDiscountsGenerateRun(input));
time("plain-JavaScript HMAC-SHA256", () => hmacSha256(key, message));
time("Node's HMAC-SHA256 (floor)", () => createHmac("sha256", key).update(message).digest());
