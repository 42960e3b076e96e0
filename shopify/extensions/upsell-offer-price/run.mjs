// `node shopify/extensions/upsell-offer-price/run.mjs < input.json`: the discount Function as Shopify's
// `shopify app function run` runs it, input JSON on stdin, output JSON on stdout.
import { readFileSync } from "node:fs";
import { cartLinesDiscountsGenerateRun } from "./src/index.js";

process.stdout.write(JSON.stringify(cartLinesDiscountsGenerateRun(JSON.parse(readFileSync(0, "utf8")))) + "\n");
