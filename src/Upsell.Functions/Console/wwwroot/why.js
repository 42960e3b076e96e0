// "Why this offer?": for a cart and a visitor at a moment, the explain route's answer (POST manage/explain/{moment}):
// the reason code the offer routes send in X-Upsell-Reason, what it means, and each offer with the rule that kept
// or dropped it. Asking writes nothing, so it may be asked as often as needed.
import { ApiError, call } from './api.js';
import { clearErrors, field, h, input, list, select, showErrors } from './forms.js';
import { toMinor } from './money.js';
import { MOMENTS } from './offers.js';

export async function whyPage(view, { query }) {
  const moment = select(MOMENTS.map((m) => [m]), query.get('moment') || 'cart');
  const visitor = input({ value: query.get('visitor') || 'console-why', autocomplete: 'off' });
  const skus = input({ value: query.get('skus') || '', autocomplete: 'off', placeholder: 'CAM-X100, BAG-1' });
  const categories = input({ value: query.get('categories') || '', autocomplete: 'off', placeholder: 'cameras' });
  const value = input({ inputmode: 'decimal', value: query.get('value') || '', placeholder: '899.00' });
  const currency = input({ value: query.get('currency') || 'EUR', maxlength: 3, autocomplete: 'off' });
  const device = select([['desktop'], ['mobile'], ['tablet']], query.get('device') || 'desktop');
  const country = input({ value: query.get('country') || '', maxlength: 2, autocomplete: 'off', placeholder: 'DE' });
  const answer = h('div', { class: 'why-answer', 'aria-live': 'polite' });
  const form = h('form', { class: 'editor why', novalidate: true },
    h('fieldset', {}, h('legend', {}, 'The shopper'),
      field('Moment', moment, { name: 'moment' }),
      field('Visitor id', visitor, { name: 'visitorId', hint: 'A real visitor id shows their declines, opt-out, arm and holdout.' }),
      field('Cart SKUs', skus, { name: 'cart', hint: 'Comma-separated; each becomes one cart line.' }),
      field('Their categories', categories, { name: 'categories', hint: 'Comma-separated, in the same order; the last repeats.' }),
      field('Cart value', value, { name: 'cart[0].unitPrice', hint: 'Spread over the lines.' }),
      field('Currency', currency, { name: 'cart[0].currency' }),
      field('Device', device, { name: 'device' }),
      field('Country', country, { name: 'country' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Explain')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const ids = list(skus.value);
    const cats = list(categories.value);
    const total = toMinor(value.value, currency.value.trim().toUpperCase()) ?? 0;
    const each = ids.length ? Math.floor((Number.isNaN(total) ? 0 : total) / ids.length) : 0;
    const body = {
      sessionId: `console-why-${Date.now()}`,
      visitorId: visitor.value.trim(),
      cart: ids.map((sku, i) => ({ sku, category: cats[Math.min(i, cats.length - 1)] || null, unitPrice: each, quantity: 1, currency: currency.value.trim().toUpperCase() })),
      device: device.value,
      country: country.value.trim().toUpperCase() || null,
      locale: navigator.language || 'en',
      signal: moment.value === 'exit-intent' ? 'top-edge' : undefined,
    };
    try {
      const { body: why } = await call('POST', `explain/${encodeURIComponent(moment.value)}`, { body });
      answer.replaceChildren(...explanation(why));
      history.replaceState(history.state, '', `#/why?${new URLSearchParams({ moment: moment.value, visitor: visitor.value.trim(), skus: skus.value, categories: categories.value, value: value.value, currency: currency.value, device: device.value, country: country.value })}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(form, error.errors.length ? error.errors : [{ field: 'moment', message: error.message }], error.title);
    }
  });

  view.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Why this offer?')),
    h('p', { class: 'note' }, 'What a shopper with this cart would be shown now, and why each offer was or was not. Nothing is recorded.'),
    form, answer);
  if (query.get('skus') !== null) form.requestSubmit();
  return 'Why this offer?';
}

const VERDICTS = { shown: 'Shown', 'ranked-lower': 'Eligible, ranked lower', 'ruled-out': 'Ruled out', 'not-considered': 'Not looked at' };

// The reason first; then the offers of this moment with what happened to each; the others in one line.
function explanation(why) {
  const here = why.offers.filter((o) => o.rule !== 'other-moment');
  const elsewhere = why.offers.filter((o) => o.rule === 'other-moment');
  return [
    h('p', { class: `verdict reason-${why.reason}` }, h('strong', {}, `${why.reason}: `), why.text),
    h('div', { class: 'table-wrap' }, h('table', { class: 'why-offers' },
      h('caption', {}, `Offers at ${why.moment}, in the order the rules rank them`),
      h('thead', {}, h('tr', {}, ['Offer', 'Arm', 'What happened', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, here.map((o) => h('tr', { class: o.verdict },
        h('th', { scope: 'row' }, h('a', { href: `#/offers/${encodeURIComponent(o.offerId)}` }, o.offerId)),
        h('td', {}, o.variant ? `${o.variant}${o.shownInstead ? ` (shows ${o.shownInstead})` : ''}` : '–'),
        h('td', {}, VERDICTS[o.verdict] || o.verdict),
        h('td', {}, o.text)))))),
    elsewhere.length ? h('p', { class: 'note' }, `Not offered at ${why.moment}: ${elsewhere.map((o) => o.offerId).join(', ')}.`) : null,
  ].filter(Boolean);
}
