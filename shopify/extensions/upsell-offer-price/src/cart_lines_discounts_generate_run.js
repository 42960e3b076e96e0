// @ts-check
// The discount Function: a line's price is lowered to the offer's price only when the line carries a price grant
// (line attribute _upsell_price) the backend signed with the key this discount holds in its app-owned metafield
// ($app:upsell / price-key, which only this app and its Functions can read): for that very variant, in the line's
// currency, through its last day by the shop's date, and below the line's own price. One unit is discounted, as one
// was offered. A forged, altered, expired or foreign grant gets nothing, and nothing else is ever discounted.
import { fromBase64Url, hmacSha256, utf8 } from "./hmac.js";

const VERSION = "p1";
/**
 * The most grants one run checks. A Function has a budget of instructions and the signature check is plain
 * JavaScript, so a cart that carries more (only a forged one would: each offer is one line) gets the first ones.
 */
export const MAX_GRANTS = 5;

/**
 * @typedef {{ id: string, quantity: number, cost: { amountPerQuantity: { amount: string, currencyCode: string } },
 *   merchandise: { __typename: string, id?: string }, price?: { value?: string | null } | null }} Line
 * @typedef {{ cart: { lines: Line[] }, discount: { discountClasses: string[], metafield?: { value?: string | null } | null },
 *   shop: { localTime: { date: string } } }} Input
 */

/** @param {Input} input */
export function cartLinesDiscountsGenerateRun(input) {
  const key = input.discount.metafield?.value;
  if (!key || !input.discount.discountClasses.includes("PRODUCT")) return { operations: [] };
  const granted = input.cart.lines.filter((line) => line.price?.value).slice(0, MAX_GRANTS);
  const candidates = granted.flatMap((line) => {
    const off = amountOff(line, key, input.shop.localTime.date);
    return off ? [{
      message: "Offer price",
      targets: [{ cartLine: { id: line.id, quantity: 1 } }],
      value: { fixedAmount: { amount: off, appliesToEachItem: true } },
    }] : [];
  });
  return { operations: candidates.length ? [{ productDiscountsAdd: { candidates, selectionStrategy: "ALL" } }] : [] };
}

/**
 * How much comes off one unit of the line, as a decimal string; null when its grant does not hold. The cheap checks
 * (variant, currency, day) come before the signature's.
 * @param {Line} line @param {string} key @param {string} today
 */
function amountOff(line, key, today) {
  const grant = read(line.price?.value);
  const variant = line.merchandise.__typename === "ProductVariant" ? line.merchandise.id?.split("/").pop() : null;
  const own = line.cost.amountPerQuantity;
  if (!grant || today > grant.lastDay || variant !== grant.variant || own.currencyCode !== grant.currency || !signed(grant, key)) return null;
  const digits = (grant.price.split(".")[1] ?? "").length;
  const price = minor(grant.price, digits);
  const unit = minor(own.amount, digits);
  if (price === null || unit === null || unit <= price) return null;
  const off = String(unit - price).padStart(digits + 1, "0");
  return digits ? `${off.slice(0, -digits)}.${off.slice(-digits)}` : off;
}

/** The grant's fields, not yet trusted. @param {string | null | undefined} text */
function read(text) {
  const [version, payload, mac, extra] = (text ?? "").split(".");
  const bytes = version === VERSION && payload && mac && extra === undefined ? fromBase64Url(payload) : null;
  const fields = bytes ? String.fromCharCode(...bytes).split("|") : [];
  if (fields.length !== 4) return null;
  const [variant, price, currency, lastDay] = fields;
  return { variant, price, currency, lastDay, signedPart: `${version}.${payload}`, mac: /** @type {string} */ (mac) };
}

/** Whether the grant's MAC is the key's, compared in constant time. @param {{ signedPart: string, mac: string }} grant @param {string} key */
function signed(grant, key) {
  const given = fromBase64Url(grant.mac);
  const expected = hmacSha256(utf8(key), utf8(grant.signedPart));
  if (!given || given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= given[i] ^ expected[i];
  return difference === 0;
}

/** "29.99" at 2 digits is 2999; null for anything that is not a plain amount with at most that many decimals. @param {string} text @param {number} digits */
function minor(text, digits) {
  const match = /^([0-9]{1,13})(?:\.([0-9]+))?$/.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}
