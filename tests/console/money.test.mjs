// The console's and the dashboard's money formatting (money.js) against the cases the C# formatter meets
// (contracts/money-cases.json): a merchant reads the same text a shopper is shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { format, toMajor, toMinor } from "../../src/Upsell.Functions/Console/wwwroot/money.js";

const root = resolve(import.meta.dirname, "../..");
const { cases } = JSON.parse(await readFile(resolve(root, "contracts/money-cases.json"), "utf8"));

test("format gives the text of every shared money case", () => {
  assert.ok(cases.length >= 10);
  for (const c of cases) assert.equal(format(c.minor, c.currency, c.locale), c.formatted, `${c.minor} ${c.currency} in ${c.locale}`);
});

test("an amount typed in the merchant's locale goes to minor units and back without floating point", () => {
  assert.equal(toMinor("24,99", "EUR", "de-DE"), 2499);
  assert.equal(toMinor("1.234,56", "EUR", "de-DE"), 123456);
  assert.equal(toMinor("1,234.56", "EUR", "en-US"), 123456);
  assert.equal(toMinor("1500", "JPY", "ja-JP"), 1500);
  assert.ok(Number.isNaN(toMinor("24.999", "EUR", "en-US")));
  assert.equal(toMajor(2499, "EUR", "de-DE"), "24,99");
});
