// Money as the merchant types it (major units, in their own locale: "24,99" or "24.99") and as it is stored
// (integer minor units of the currency). No floating point on the way in: the digits are read as text.
const merchant = globalThis.navigator?.language || 'en-US';

export function digits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

/**
 * "24,99" or "24.99" as 2499 for EUR, whichever separator the merchant types; "1.234,56" (de) and "1,234.56" (en)
 * with their locale's grouping. Null when empty, NaN when it is not a plain amount of the currency.
 */
export function toMinor(text, currency, locale = merchant) {
  const value = String(text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  if (!value) return null;
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  let whole, fraction = '';
  const simple = /^(\d+)(?:[.,](\d+))?$/.exec(value);
  if (simple) [, whole, fraction = ''] = simple;
  else {
    const [grouped, rest = '', extra] = value.split(decimal);
    if (extra !== undefined || !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(grouped) || !/^\d*$/.test(rest)) return NaN;
    whole = grouped.split(group).join('');
    fraction = rest;
  }
  const places = digits(currency);
  if (fraction.replace(/0+$/, '').length > places) return NaN;
  return Number(whole + fraction.padEnd(places, '0').slice(0, places));
}

/** 2499 EUR as "24.99" in the merchant's locale, for an input. */
export function toMajor(minor, currency, locale = merchant) {
  if (minor == null) return '';
  const places = digits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: false }).format(minor / 10 ** places);
}

/**
 * 2499 EUR as the shopper sees it: "€24.99" for en-US, "24,99 €" for de-DE; with plain spaces, as the server formats
 * the offers' prices (contracts/money-cases.json holds the cases both meet).
 */
export function format(minor, currency, locale) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits(currency)).replace(/[\u00a0\u202f]/g, ' ');
}
