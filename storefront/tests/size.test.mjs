// The size budget, minified and gzipped: upsell.js at most 5 KB, and with the Shopify adapter at most 5.5 KB (the
// adapter is about 670 B of it; the exit dialog's close button and whole-word buttons and the slot that leaves no gap
// took the pair past 5 KB).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { minify } from "terser";

export const budget = 5 * 1024;
export const shopifyBudget = 5.5 * 1024;

async function measure(budget, ...files) {
  const source = (await Promise.all(files.map((f) => readFile(new URL(`../${f}`, import.meta.url), "utf8")))).join("\n");
  const { code } = await minify(source, { compress: true, mangle: true });
  const size = gzipSync(code, { level: 9 }).length;
  console.log(`${files.join(" + ")}: ${source.length} bytes, ${code.length} minified, ${size} minified and gzipped (budget ${budget})`);
  return size;
}

test("upsell.js is at most 5 KB minified and gzipped", async () => {
  const size = await measure(budget, "upsell.js");
  assert.ok(size <= budget, `${size} bytes gzipped is over the ${budget}-byte budget`);
});

test("upsell.js with the Shopify adapter is at most 5.5 KB minified and gzipped, together", async () => {
  const size = await measure(shopifyBudget, "upsell.js", "upsell-shopify.js");
  assert.ok(size <= shopifyBudget, `${size} bytes gzipped is over the ${shopifyBudget}-byte budget`);
});
