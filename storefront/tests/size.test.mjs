// The size budget: upsell.js at most 5 KB once minified and gzipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { minify } from "terser";

export const budget = 5 * 1024;

test("upsell.js is at most 5 KB minified and gzipped", async () => {
  const source = await readFile(new URL("../upsell.js", import.meta.url), "utf8");
  const { code } = await minify(source, { compress: true, mangle: true });
  const size = gzipSync(code, { level: 9 }).length;

  console.log(`upsell.js: ${source.length} bytes, ${code.length} minified, ${size} minified and gzipped (budget ${budget})`);
  assert.ok(size <= budget, `${size} bytes gzipped is over the ${budget}-byte budget`);
});
