// Finds the offer's product in the connected shop (Shopify's Admin API, WooCommerce's REST API, through
// GET manage/products) and hands the chosen one to the editor, which fills SKU, platform id, image and price.
// Without a connected shop, or when the shop fails, it says so and the fields stay free text.
import { ApiError, call } from './api.js';
import { h, input } from './forms.js';
import { toMajor } from './money.js';

const PLATFORMS = { shopify: 'Shopify', woocommerce: 'WooCommerce' };

export function productPicker(onPick) {
  const search = input({ type: 'search', placeholder: 'Title or SKU', autocomplete: 'off', 'aria-describedby': 'picker-status' });
  const status = h('p', { id: 'picker-status', class: 'hint', role: 'status' });
  const results = h('ul', { class: 'picks' });
  const button = h('button', { type: 'button', class: 'secondary' }, 'Find');

  async function find() {
    button.disabled = true;
    status.textContent = 'Searching your shop…';
    results.replaceChildren();
    try {
      const { body } = await call('GET', 'products', { query: { q: search.value.trim() } });
      if (!body.platform) {
        status.textContent = 'No shop is connected: type the SKU, platform id, image and price below.';
      } else if (body.problem) {
        status.textContent = `${body.problem} Type the fields below instead.`;
      } else {
        const shop = PLATFORMS[body.platform];
        status.textContent = body.products.length ? `${body.products.length} from ${shop}; choose one to fill the fields below.` : `Nothing in ${shop} matches.`;
        results.replaceChildren(...body.products.map((product) => h('li', {},
          h('button', { type: 'button', class: 'pick', onclick: () => { onPick(product); status.textContent = `Filled from ${shop}: ${product.title}.`; results.replaceChildren(); } },
            product.imageUrl ? h('img', { src: product.imageUrl, alt: '', width: 40, height: 40, loading: 'lazy', referrerpolicy: 'no-referrer' }) : null,
            h('span', { class: 'pick-title' }, product.title),
            h('span', { class: 'pick-meta' }, [product.sku ? `SKU ${product.sku}` : 'no SKU', product.priceMinor == null ? null : `${toMajor(product.priceMinor, product.currency)} ${product.currency}`].filter(Boolean).join(' · '))))));
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = `${error.message} Type the fields below instead.`;
    } finally {
      button.disabled = false;
    }
  }

  button.addEventListener('click', find);
  search.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); find(); } });
  return h('div', { class: 'picker' },
    h('label', {}, 'Find in your shop', search), button, status, results);
}
