// The discount Function run as Shopify's `function run` runs it: each fixture's input JSON in, its output JSON out.
// The valid grants are the ones the backend signs (contracts/shopify/price-grant-cases.json, checked by the C#
// PriceGrantTests); the others are forged, altered, expired or foreign copies of them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac, createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { cartLinesDiscountsGenerateRun, MAX_GRANTS } from "../src/index.js";
import { hmacSha256, sha256, utf8 } from "../src/hmac.js";

const folder = new URL("./fixtures/", import.meta.url);

const run = new URL("../run.mjs", import.meta.url).pathname;

for (const name of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
  test(`function run: ${name.replace(".json", "")}`, () => {
    const { input, output } = JSON.parse(readFileSync(new URL(name, folder), "utf8"));
    assert.deepEqual(JSON.parse(execFileSync(process.execPath, [run], { input: JSON.stringify(input) })), output);
  });
}

test("the hand-written SHA-256 and HMAC agree with Node's on 300 random messages and keys of every length", () => {
  for (let length = 0; length < 300; length++) {
    const message = randomBytes(length);
    const key = randomBytes(length % 131);
    assert.equal(Buffer.from(sha256(message)).toString("hex"), createHash("sha256").update(message).digest("hex"));
    assert.equal(Buffer.from(hmacSha256(key, message)).toString("hex"), createHmac("sha256", key).update(message).digest("hex"));
  }
  assert.deepEqual(Buffer.from(utf8("€ü😀")), Buffer.from("€ü😀", "utf8"));
});

test(`a cart with more granted lines than ${MAX_GRANTS} has only the first ${MAX_GRANTS} checked`, () => {
  const { input } = JSON.parse(readFileSync(new URL("valid-grant.json", folder), "utf8"));
  const line = input.cart.lines[0];
  input.cart.lines = Array.from({ length: 40 }, (_, i) => ({ ...line, id: `gid://shopify/CartLine/${i}` }));

  const started = process.hrtime.bigint();
  const output = cartLinesDiscountsGenerateRun(input);
  const perLine = Number(process.hrtime.bigint() - started) / 1e6 / MAX_GRANTS;

  assert.deepEqual(output.operations[0].productDiscountsAdd.candidates.map((c) => c.targets[0].cartLine.id), Array.from({ length: MAX_GRANTS }, (_, i) => `gid://shopify/CartLine/${i}`));
  assert.ok(perLine < 50, `${perLine} ms a grant`);
});
