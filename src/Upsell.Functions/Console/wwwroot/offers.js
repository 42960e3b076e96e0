// The offer list: moments, price, status and the last 30 days from the reports; search and a moment filter.
import { call } from './api.js';
import { h, input, select, field } from './forms.js';
import { format } from './money.js';

export const MOMENTS = ['cart', 'shipping', 'payment', 'form', 'exit-intent', 'confirmation', 'post-purchase'];

/** active, scheduled, ended or out of stock, as the engine would treat the offer now. */
export function statusOf(offer, now = new Date()) {
  if (offer.inStock === false) return 'out of stock';
  if (offer.activeFrom && new Date(offer.activeFrom) > now) return 'scheduled';
  if (offer.activeUntil && new Date(offer.activeUntil) <= now) return 'ended';
  return 'active';
}

const headline = (offer) => offer.copy?.[offer.defaultLocale]?.headline ?? Object.values(offer.copy || {})[0]?.headline ?? '';

export async function offersPage(view, { query }) {
  const [{ body: offers }, { body: report }] = await Promise.all([call('GET', 'offers'), call('GET', 'reports/offers')]);
  const stats = Object.fromEntries(report.offers.map((o) => [o.offerId, o.totals]));
  const search = input({ type: 'search', value: query.get('q') || '' });
  const moment = select([['', 'every moment'], ...MOMENTS.map((m) => [m])], query.get('moment') || '');
  const body = h('tbody');
  const count = h('p', { class: 'note', 'aria-live': 'polite' });
  const locale = navigator.language || 'en-US';

  function draw() {
    const text = search.value.trim().toLowerCase();
    const shown = offers.filter((o) => (!moment.value || o.moments.includes(moment.value))
      && (!text || [o.id, o.sku, o.kind, headline(o)].some((v) => String(v || '').toLowerCase().includes(text))));
    body.replaceChildren(...shown.map((o) => {
      const totals = stats[o.id];
      const status = statusOf(o);
      return h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/offers/${encodeURIComponent(o.id)}` }, o.id), h('span', { class: 'sub' }, headline(o))),
        h('td', {}, o.kind),
        h('td', {}, o.moments.join(', ')),
        h('td', { class: 'num' }, format(o.price.amount, o.price.currency, locale)),
        h('td', {}, h('span', { class: `badge ${status.replace(/ /g, '-')}` }, status)),
        h('td', { class: 'num' }, totals ? totals.impressions.toLocaleString(locale) : '0'),
        h('td', { class: 'num' }, totals && totals.visitors ? `${(totals.acceptanceRate * 100).toFixed(1)}%` : '–'));
    }));
    count.textContent = `${shown.length} of ${offers.length} offers. Impressions and acceptance: ${report.from} to ${report.to}.`;
    const next = new URLSearchParams();
    if (search.value) next.set('q', search.value);
    if (moment.value) next.set('moment', moment.value);
    history.replaceState(history.state, '', `#/offers${next.size ? `?${next}` : ''}`);
  }

  search.addEventListener('input', draw);
  moment.addEventListener('change', draw);
  view.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Offers'), h('a', { class: 'button', href: '#/offers/new' }, 'New offer')),
    h('div', { class: 'filters', role: 'search' }, field('Search', search), field('Moment', moment)),
    count,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, 'Offers with their last 30 days'),
      h('thead', {}, h('tr', {}, ['Offer', 'Kind', 'Moments', 'Price', 'Status', 'Impressions', 'Acceptance'].map((c) => h('th', { scope: 'col' }, c)))),
      body)));
  draw();
  return 'Offers';
}
