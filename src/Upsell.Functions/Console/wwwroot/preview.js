// The live preview: the offer as the shopper will see it, drawn by the storefront's real upsell.js in a frame,
// at the chosen moment (inline, or the dialog for exit intent), on desktop or a 360 px phone, in a locale, beside a
// cart that triggers it; it warns when a phone cuts the copy.
import { h, field, select } from './forms.js';
import { format } from './money.js';

// The shop's address and stylesheet (Upsell:Preview), read once, with the first preview: the preview draws
// shop-path images from the shop and loads its theme, so the card looks as it will on the shop.
let settings = null;
let shopUrl = '';
const shopSettings = () => (settings ??= fetch(new URL('console/settings.json', location.href)).then((r) => (r.ok ? r.json() : {})).catch(() => ({})));

const LOCALES = ['en-US', 'en-GB', 'de-DE', 'de-AT', 'fr-FR', 'nl-NL', 'es-ES', 'it-IT', 'sv-SE', 'ja-JP'];

/** The copy the server would pick for a locale: the exact locale, then its language, then the default. */
export function copyFor(offer, locale) {
  const copy = offer.copy || {};
  return copy[locale] || copy[locale.split('-')[0]] || copy[offer.defaultLocale] || Object.values(copy)[0] || {};
}

/** The offer answer upsell.js would get from /api/offers/{moment}, with the price formatted for the locale. */
// An image given as a shop path ("/cdn/shop/files/card.jpg") is the shop's, not the console's.
function shopImage(url) {
  if (!url) return undefined;
  return shopUrl && url.startsWith('/') && !url.startsWith('//') ? new URL(url, shopUrl).href : url;
}

export function answerFor(offer, moment, locale) {
  const copy = copyFor(offer, locale);
  const currency = offer.price?.currency || 'EUR';
  const amount = Number.isInteger(offer.price?.amount) ? offer.price.amount : 0;
  const compare = offer.compareAtPrice?.amount;
  const money = (minor) => ({ amount: minor, currency, formatted: format(minor, currency, locale) });
  return {
    decisionId: 'preview',
    moment,
    offers: [{
      offerId: offer.id || 'new-offer', kind: offer.kind, sku: offer.sku, externalId: offer.externalId,
      headline: copy.headline || 'Your headline', body: copy.body || '', callToAction: copy.callToAction || 'Add', declineText: copy.declineText || 'No thanks',
      imageUrl: shopImage(offer.imageUrl), price: money(amount),
      ...(Number.isInteger(compare) && compare > amount ? { compareAtPrice: money(compare), saving: money(compare - amount) } : {}),
      token: 'preview',
    }],
  };
}

// A cart that shows the offer: one with its trigger SKU or category, else the demo camera.
function cartFor(offer) {
  const t = offer.targeting || {};
  if (t.triggerSkus?.length) return `${t.triggerSkus[0]} (the offer's trigger)`;
  if (t.triggerCategories?.length) return `a product in ${t.triggerCategories[0]} (the offer's trigger)`;
  return null;
}

/** The preview panel; `show(offer)` draws an offer document (an experiment arm's is its offer with the arm applied). */
export function preview(extra = null) {
  const moment = select([['cart']], 'cart');
  const locale = select(LOCALES.map((l) => [l]), navigator.language && LOCALES.includes(navigator.language) ? navigator.language : 'en-US');
  const device = select([['desktop', 'Desktop'], ['phone', 'Phone (360 px)']], 'desktop');
  const frame = h('iframe', { title: 'Preview of the offer as shoppers see it', src: 'console/preview.html', class: 'desktop' });
  const caption = h('p', { class: 'note', 'aria-live': 'polite' });
  const warning = h('p', { class: 'clip-warning', role: 'status' });
  let offer = null;
  let ready = false;
  frame.addEventListener('load', () => shopSettings().then((shop) => {
    shopUrl = shop.shopUrl || '';
    if (shop.stylesheetUrl) frame.contentWindow.useStylesheet(shop.stylesheetUrl);
    ready = true;
    draw();
  }));

  function draw() {
    if (!offer) return;
    const moments = offer.moments?.length ? offer.moments : ['cart'];
    if (moment.options.length !== moments.length || [...moment.options].some((o, i) => o.value !== moments[i])) {
      const was = moment.value;
      moment.replaceChildren(...moments.map((m) => h('option', { value: m }, m)));
      moment.value = moments.includes(was) ? was : moments[0];
    }
    frame.className = device.value;
    const answer = answerFor(offer, moment.value, locale.value);
    caption.textContent = `${answer.offers[0].headline}: ${answer.offers[0].price.formatted} (${locale.value}, ${moment.value === 'exit-intent' ? 'exit-intent dialog' : `inline at ${moment.value}`})`;
    warning.textContent = '';
    if (!ready || !frame.contentWindow?.showOffer) return;
    frame.contentWindow.showOffer(answer, moment.value, locale.value, cartFor(offer)).then(() => {
      // An inline card keeps two lines of headline and of copy; on a phone more is cut, and the merchant is told.
      const cut = moment.value === 'exit-intent' ? [] : frame.contentWindow.clippedOnPhone();
      warning.textContent = cut.length ? `On a 360 px phone the ${cut.join(' and the ')} ${cut.length > 1 ? 'are' : 'is'} cut after two lines: shorten ${cut.length > 1 ? 'them' : 'it'}.` : '';
    });
  }

  for (const control of [moment, locale, device]) control.addEventListener('change', draw);
  const panel = h('aside', { class: 'preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, 'Preview'),
    h('div', { class: 'row' }, extra, field('Moment', moment), field('Locale', locale), field('Device', device)),
    h('div', { class: 'frame-holder' }, frame),
    caption, warning);
  let timer = 0;
  return {
    panel,
    show(next) {
      offer = next;
      clearTimeout(timer);
      timer = setTimeout(draw, 60);
    },
  };
}
