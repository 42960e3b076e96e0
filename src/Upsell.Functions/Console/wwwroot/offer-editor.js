// The offer editor: every field of an offer, money typed in major units of the merchant's locale, the server's
// field errors next to their inputs, a draft kept on every keystroke, and the live preview beside it.
import { ApiError, call } from './api.js';
import { checkboxes, checked, clearErrors, drafts, field, h, input, joined, list, select, showErrors } from './forms.js';
import { LIMITS } from './limits.js';
import { toMajor, toMinor } from './money.js';
import { MOMENTS } from './offers.js';
import { preview } from './preview.js';
import { productPicker } from './product-picker.js';

const KINDS = ['accessory', 'bundle', 'warranty', 'protection-plan', 'expedited-shipping', 'insurance', 'upgrade', 'subscription', 'onboarding', 'discount'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD'];
const blank = () => ({ id: '', kind: 'accessory', copy: { en: { headline: '', body: '', callToAction: '', declineText: 'No thanks' } }, defaultLocale: 'en', price: { currency: 'EUR' }, moments: [], targeting: {}, priority: 0, inStock: true });
// Schedules are typed and shown in the merchant's own time zone (the browser's) and stored as UTC instants.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
const local = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const instant = (typed) => (typed ? new Date(typed).toISOString() : null); // a datetime-local value is local time

export async function offerEditor(view, { id, query, go, status }) {
  const creating = !id;
  const key = creating ? `offer:new:${query.get('from') || ''}` : `offer:${id}`;
  let etag = null;
  let doc;
  if (creating && query.get('from')) {
    doc = { ...(await call('GET', `offers/${encodeURIComponent(query.get('from'))}`)).body, id: '' };
  } else if (creating) {
    doc = blank();
  } else {
    ({ body: doc, etag } = await call('GET', `offers/${encodeURIComponent(id)}`));
  }
  const saved = drafts.get(key);
  const notices = h('div', { class: 'notices' });
  if (saved) {
    ({ doc } = saved);
    etag = saved.etag ?? etag;
    notices.append(h('p', { class: 'notice', role: 'status' }, 'Your unsaved changes are back. ',
      h('button', { type: 'button', class: 'link', onclick: () => { drafts.drop(key); go(location.hash, true); } }, 'Discard them')));
  }

  const form = h('form', { class: 'editor', novalidate: true });
  const money = {}; // raw text of each amount as typed
  const currency = select(CURRENCIES.map((c) => [c]), doc.price?.currency || 'EUR');
  const live = preview();

  function amount(name, minor, label) {
    const control = input({ inputmode: 'decimal', value: money[name] ?? toMajor(minor, currency.value), autocomplete: 'off' });
    control.addEventListener('input', () => { money[name] = control.value; });
    return field(label, control, { name, hint: `In ${currency.value}, such as ${toMajor(2499, currency.value)}` });
  }

  const copyHolder = h('div', { class: 'copies' });
  const defaultLocale = select([], doc.defaultLocale);
  function copyBlock(locale, copy) {
    const remove = h('button', { type: 'button', class: 'secondary', onclick: () => { delete doc.copy[locale]; render(); changed(); } }, `Remove ${locale}`);
    return h('fieldset', { class: 'copy', 'data-field': `copy.${locale}`, 'data-locale': locale },
      h('legend', {}, `Copy: ${locale}`),
      field('Headline', input({ value: copy.headline || '', maxlength: LIMITS.headline }), { name: `copy.${locale}.headline`, wide: true }),
      field('Body', h('textarea', { rows: 2, maxlength: LIMITS.body }, copy.body || ''), { name: `copy.${locale}.body`, wide: true }),
      field('Call to action', input({ value: copy.callToAction || '', maxlength: LIMITS.callToAction }), { name: `copy.${locale}.callToAction` }),
      field('Decline text', input({ value: copy.declineText || '', maxlength: LIMITS.declineText }), { name: `copy.${locale}.declineText` }),
      Object.keys(doc.copy).length > 1 ? remove : null);
  }
  const newLocale = input({ placeholder: 'de-DE', size: 8 });

  function render() {
    copyHolder.replaceChildren(...Object.entries(doc.copy).map(([locale, copy]) => copyBlock(locale, copy)));
    defaultLocale.replaceChildren(...Object.keys(doc.copy).map((l) => h('option', { value: l }, l)));
    defaultLocale.value = doc.copy[doc.defaultLocale] ? doc.defaultLocale : Object.keys(doc.copy)[0];
  }

  const t = doc.targeting || {};
  const idInput = input({ value: doc.id, disabled: !creating, required: true, autocomplete: 'off' });
  const kind = select(KINDS.map((k) => [k]), doc.kind);
  const moments = checkboxes('Moments', 'moments', MOMENTS, doc.moments || []);
  const devices = checkboxes('Devices (none: every device)', 'targeting.devices', ['desktop', 'mobile', 'tablet'], t.devices || []);
  const audience = select([['any', 'everyone'], ['first-time', 'first-time buyers'], ['returning', 'returning buyers']], t.audience || 'any');
  const inStock = h('input', { type: 'checkbox', checked: doc.inStock !== false });
  const text = (value, attributes = {}) => input({ value: value ?? '', ...attributes });
  const numberInput = (value) => input({ type: 'number', value: value ?? '', inputmode: 'numeric' });
  const controls = {
    sku: text(doc.sku), externalId: text(doc.externalId), imageUrl: text(doc.imageUrl, { inputmode: 'url', placeholder: 'https://cdn.shopify.com/…' }),
    priority: numberInput(doc.priority ?? 0), activeFrom: input({ type: 'datetime-local', value: local(doc.activeFrom) }), activeUntil: input({ type: 'datetime-local', value: local(doc.activeUntil) }),
    triggerSkus: text(joined(t.triggerSkus)), triggerCategories: text(joined(t.triggerCategories)), excludedSkus: text(joined(t.excludedSkus)), excludedCategories: text(joined(t.excludedCategories)),
    maxPricePercentOfCart: numberInput(t.maxPricePercentOfCart), countries: text(joined(t.countries), { placeholder: 'DE, AT' }), minOrderCount: numberInput(t.minOrderCount),
  };

  const save = h('button', { type: 'submit' }, creating ? 'Create offer' : 'Save offer');
  const actions = h('div', { class: 'actions' }, save,
    creating ? null : h('a', { class: 'button secondary', href: `#/offers/new?from=${encodeURIComponent(doc.id)}` }, 'Duplicate'),
    creating ? null : h('a', { class: 'button secondary', href: `#/experiments/new?offer=${encodeURIComponent(doc.id)}` }, 'Test it in an experiment'),
    creating ? null : h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete'));

  // A product chosen in the shop fills what the shop knows; the merchant's copy and targeting stay theirs.
  function pick(product) {
    controls.sku.value = product.sku || '';
    controls.externalId.value = product.platformId;
    controls.imageUrl.value = product.imageUrl || '';
    if (CURRENCIES.includes(product.currency)) currency.value = product.currency;
    if (product.priceMinor != null) money['price.amount'] = toMajor(product.priceMinor, currency.value);
    amounts();
    changed();
  }

  form.append(
    h('fieldset', {}, h('legend', {}, 'Product'),
      productPicker(pick),
      field('Offer id', idInput, { name: 'id', hint: 'Letters, digits, . _ - :' }),
      field('Kind', kind, { name: 'kind' }),
      field('SKU', controls.sku, { name: 'sku' }),
      field('Platform id (Shopify variant id, WooCommerce product id)', controls.externalId, { name: 'externalId' }),
      field('Image URL', controls.imageUrl, { name: 'imageUrl', wide: true, hint: 'https, or a path on your shop such as /images/bag.png' })),
    h('fieldset', {}, h('legend', {}, 'Price'),
      field('Currency', currency, { name: 'price.currency' }),
      h('div', { class: 'slot-price' }), h('div', { class: 'slot-compare' })),
    h('fieldset', { class: 'copy-set' }, h('legend', {}, 'Copy per locale'),
      copyHolder,
      h('div', { class: 'row' }, field('Add a locale', newLocale), h('button', { type: 'button', class: 'secondary', onclick: addLocale }, 'Add locale')),
      field('Default locale', defaultLocale, { name: 'defaultLocale' })),
    h('fieldset', {}, h('legend', {}, 'When and where'),
      moments,
      field('Priority (higher first)', controls.priority, { name: 'priority' }),
      field(`Active from (${zone})`, controls.activeFrom, { name: 'activeFrom' }),
      field(`Active until (${zone})`, controls.activeUntil, { name: 'activeUntil' }),
      h('div', { class: 'field check' }, h('label', {}, inStock, ' In stock'))),
    h('fieldset', {}, h('legend', {}, 'Targeting'),
      field('Trigger SKUs', controls.triggerSkus, { name: 'targeting.triggerSkus', hint: 'Comma-separated; the cart must hold one' }),
      field('Trigger categories', controls.triggerCategories, { name: 'targeting.triggerCategories' }),
      field('Excluded SKUs', controls.excludedSkus, { name: 'targeting.excludedSkus' }),
      field('Excluded categories', controls.excludedCategories, { name: 'targeting.excludedCategories' }),
      h('div', { class: 'slot-min' }), h('div', { class: 'slot-max' }),
      field('Price at most % of cart', controls.maxPricePercentOfCart, { name: 'targeting.maxPricePercentOfCart' }),
      devices,
      field('Countries', controls.countries, { name: 'targeting.countries', hint: 'ISO codes, comma-separated' }),
      field('Audience', audience, { name: 'targeting.audience' }),
      field('At least this many earlier orders', controls.minOrderCount, { name: 'targeting.minOrderCount' })),
    actions);

  function amounts() {
    form.querySelector('.slot-price').replaceChildren(amount('price.amount', doc.price?.amount, 'Price'));
    form.querySelector('.slot-compare').replaceChildren(amount('compareAtPrice.amount', doc.compareAtPrice?.amount, 'Compare-at price (struck through)'));
    form.querySelector('.slot-min').replaceChildren(amount('targeting.minCartValue', t.minCartValue, 'Cart value at least'));
    form.querySelector('.slot-max').replaceChildren(amount('targeting.maxCartValue', t.maxCartValue, 'Cart value at most'));
  }
  currency.addEventListener('change', () => { read(); amounts(); });
  render();
  amounts();

  function minor(name) {
    const control = form.querySelector(`[data-field="${name}"]`);
    const value = toMinor(control.value, currency.value);
    return Number.isNaN(value) ? { bad: name } : value;
  }

  // The document as typed; amounts that are not amounts are reported before anything is sent.
  function read() {
    const bad = [];
    const amountOf = (name) => { const v = minor(name); if (v?.bad) { bad.push(v.bad); return null; } return v; };
    const copy = {};
    for (const set of copyHolder.querySelectorAll('fieldset[data-locale]')) {
      const locale = set.dataset.locale;
      const value = (part) => set.querySelector(`[data-field="copy.${locale}.${part}"]`).value;
      copy[locale] = { headline: value('headline'), body: value('body') || null, callToAction: value('callToAction'), declineText: value('declineText') };
    }
    const number = (control) => (control.value === '' ? null : Number(control.value));
    const compare = amountOf('compareAtPrice.amount');
    doc = {
      id: idInput.value.trim(), kind: kind.value, sku: controls.sku.value.trim() || null, externalId: controls.externalId.value.trim() || null,
      imageUrl: controls.imageUrl.value.trim() || null, copy, defaultLocale: defaultLocale.value,
      price: { amount: amountOf('price.amount'), currency: currency.value },
      compareAtPrice: compare == null ? null : { amount: compare, currency: currency.value },
      moments: checked(moments), priority: number(controls.priority) ?? 0,
      activeFrom: instant(controls.activeFrom.value),
      activeUntil: instant(controls.activeUntil.value),
      inStock: inStock.checked,
      targeting: {
        triggerSkus: list(controls.triggerSkus.value), triggerCategories: list(controls.triggerCategories.value),
        excludedSkus: list(controls.excludedSkus.value), excludedCategories: list(controls.excludedCategories.value),
        minCartValue: amountOf('targeting.minCartValue'), maxCartValue: amountOf('targeting.maxCartValue'),
        maxPricePercentOfCart: number(controls.maxPricePercentOfCart), devices: checked(devices), countries: list(controls.countries.value),
        audience: audience.value === 'any' ? null : audience.value, minOrderCount: number(controls.minOrderCount),
      },
    };
    return bad;
  }

  let dirty = !!saved;
  function changed() {
    if (!form.isConnected) return;
    read();
    drafts.set(key, { doc, etag });
    dirty = true;
    live.show(doc);
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  window.onbeforeunload = () => (dirty ? true : undefined);

  function addLocale() {
    const locale = newLocale.value.trim();
    if (!locale || doc.copy[locale]) return newLocale.focus();
    read();
    doc.copy[locale] = { ...doc.copy[doc.defaultLocale] };
    newLocale.value = '';
    render();
    changed();
    copyHolder.querySelector(`[data-field="copy.${locale}.headline"]`).focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const bad = read();
    clearErrors(form);
    if (bad.length) return showErrors(form, bad.map((f) => ({ field: f, message: `must be an amount in ${currency.value}, such as ${toMajor(2499, currency.value)}` })));
    save.disabled = true;
    try {
      const result = creating ? await call('POST', 'offers', { body: doc }) : await call('PUT', `offers/${encodeURIComponent(doc.id)}`, { body: doc, etag });
      drafts.drop(key);
      dirty = false;
      await go(`#/offers/${encodeURIComponent(doc.id)}`, true, result);
      status(`Saved offer ${doc.id}.`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 412) conflict();
      else showErrors(form, error.errors.length ? error.errors : [{ field: 'id', message: error.message }], error.title);
    } finally {
      save.disabled = false;
    }
  });

  // Someone else saved meanwhile: say so, keep what was typed, offer their version or to save over it.
  function conflict() {
    const box = h('div', { class: 'conflict', role: 'alert', tabindex: '-1' },
      h('p', {}, 'Someone else saved this offer after you opened it. Your changes are still here and have not been saved.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: async () => { drafts.drop(key); dirty = false; go(location.hash, true); } }, 'Load their version'),
        h('button', { type: 'button', class: 'secondary', onclick: async () => { etag = (await call('GET', `offers/${encodeURIComponent(doc.id)}`)).etag; box.remove(); save.click(); } }, 'Save mine over theirs')));
    notices.replaceChildren(box);
    box.focus();
  }

  async function remove() {
    if (!confirm(`Delete offer ${doc.id}? Shoppers stop seeing it at once.`)) return;
    try {
      await call('DELETE', `offers/${encodeURIComponent(doc.id)}`, { etag });
      drafts.drop(key);
      dirty = false;
      status(`Deleted offer ${doc.id}.`);
      go('#/offers');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(form, error.errors.length ? error.errors : [{ field: 'id', message: error.message }], error.title);
    }
  }

  view.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, creating ? 'New offer' : `Offer ${doc.id}`), h('a', { href: '#/offers' }, 'All offers')),
    notices,
    h('div', { class: 'split' }, form, live.panel));
  live.show(doc);
  return creating ? 'New offer' : `Offer ${doc.id}`;
}
