// The console's router: #/offers, #/offers/{id}, #/offers/new, #/experiments, #/experiments/{key}, #/experiments/new,
// #/why.
// The function key is taken once and kept for this tab; without one the page asks for it.
import { ApiError, forgetKey, setKey, takeKey } from './api.js';
import { field, h, input } from './forms.js';
import { offersPage } from './offers.js';
import { offerEditor } from './offer-editor.js';
import { experimentEditor, experimentsPage } from './experiments.js';
import { whyPage } from './why.js';

const view = document.getElementById('view');
const statusLine = document.getElementById('status');
const status = (text) => { statusLine.textContent = text; };

function askForKey(message) {
  const key = input({ type: 'password', autocomplete: 'off', required: true });
  view.replaceChildren(h('h1', {}, 'Upsell console'),
    h('form', { class: 'key', onsubmit: (e) => { e.preventDefault(); setKey(key.value.trim()); route(); } },
      message ? h('p', { class: 'field-error', role: 'alert' }, message) : null,
      field('Function key', key, { hint: 'The Function App\'s function key (Azure portal → App keys). It is kept only in this tab.' }),
      h('button', { type: 'submit' }, 'Open the console')));
  key.focus();
  document.documentElement.dataset.ready = 'true';
}

// Replacing the entry (after a save) draws at once; a new entry draws on its hashchange.
function go(hash, replace = false) {
  if (location.hash === hash || replace) {
    history.replaceState(history.state, '', hash);
    return route();
  }
  location.hash = hash;
  return undefined;
}

async function route() {
  window.onbeforeunload = null;
  if (!takeKey()) return askForKey();
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const context = { query, go, status };
  document.documentElement.removeAttribute('data-ready');
  try {
    let title;
    if (parts[0] === 'experiments') {
      title = parts[1] === 'new' || (!parts[1] && query.get('offer')) ? await experimentEditor(view, { ...context, id: null })
        : parts[1] ? await experimentEditor(view, { ...context, id: parts[1] }) : await experimentsPage(view, context);
    } else if (parts[0] === 'why') {
      title = await whyPage(view, context);
    } else if (parts[0] === 'offers' && parts[1]) {
      title = await offerEditor(view, { ...context, id: parts[1] === 'new' ? null : parts[1] });
    } else {
      title = await offersPage(view, context);
    }
    document.title = `${title} · Upsell console`;
    for (const link of document.querySelectorAll('nav a[href^="#"]')) {
      if (location.hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    view.focus({ preventScroll: true });
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetKey();
      return askForKey('That key was not accepted. Enter the function key again.');
    }
    view.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'field-error', role: 'alert' }, error.message));
    document.documentElement.dataset.ready = 'true';
  }
}

window.addEventListener('hashchange', route);
if (!location.hash) history.replaceState(history.state, '', '#/offers');
route();
