// Small DOM helpers for the console's forms: labelled inputs that carry the API field they edit (data-field), the
// server's field errors shown next to them and announced, and drafts kept so nothing typed is lost.

/** An element with attributes and children; text children become text nodes, never HTML. */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

let ids = 0;

/** A labelled input (or select, textarea) for one API field; `hint` is described by, errors go below it. */
export function field(label, control, { name, hint, wide } = {}) {
  const id = control.id || (control.id = `f${++ids}`);
  if (name) control.dataset.field = name;
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: wide ? 'field wide' : 'field' }, h('label', { for: id }, label), control, hintNode);
}

export const input = (attributes = {}) => h('input', { type: 'text', ...attributes });

export function select(options, value, attributes = {}) {
  const node = h('select', attributes, options.map(([v, text]) => h('option', { value: v }, text ?? v)));
  node.value = value ?? options[0]?.[0] ?? '';
  return node;
}

/** A fieldset of checkboxes for a list field ("moments", "targeting.devices"). */
export function checkboxes(legend, name, options, chosen) {
  return h('fieldset', { class: 'checks', 'data-field': name },
    h('legend', {}, legend),
    options.map((option) => h('label', {}, h('input', { type: 'checkbox', value: option, checked: chosen.includes(option) }), ` ${option}`)));
}

export const checked = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);

/** Clears every error shown in a form. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const described = (e.getAttribute('aria-describedby') || '').split(' ').filter((d) => !d.endsWith('-error')).join(' ');
    if (described) e.setAttribute('aria-describedby', described); else e.removeAttribute('aria-describedby');
  });
  form.querySelector('.error-summary')?.remove();
}

/**
 * Shows the server's field errors next to their inputs ("copy.de.headline" → the input with that data-field; a
 * path with no input of its own goes to its nearest parent: "moments[1]" → "moments"), lists them at the top,
 * and moves focus to the first one.
 */
export function showErrors(form, errors, title = 'Please fix these fields') {
  clearErrors(form);
  const placed = errors.map((error) => {
    const target = nearest(form, error.field) || form.querySelector('[data-field]');
    const id = `${target.id || (target.id = `f${++ids}`)}-error`;
    let note = document.getElementById(id);
    if (!note) {
      note = h('p', { class: 'field-error', id });
      const holder = target.closest('.field, fieldset');
      if (holder) holder.append(note); else target.after(note);
    }
    note.textContent = note.textContent ? `${note.textContent} ${error.field} ${error.message}.` : `${label(target)} ${error.message}.`;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', `${target.getAttribute('aria-describedby') || ''} ${id}`.trim());
    return { error, target };
  });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('p', {}, title),
    h('ul', {}, placed.map(({ error, target }) => h('li', {}, h('a', { href: `#${target.id}`, onclick: (e) => { e.preventDefault(); target.focus(); } }, `${named(target)}: ${error.message}`)))));
  form.prepend(summary);
  const first = placed[0]?.target;
  (first?.matches('fieldset') ? first.querySelector('input, select, textarea') : first)?.focus();
}

function nearest(form, path) {
  for (let at = path; at; at = at.replace(/(\[\d+\]|\.[^.[\]]+)$/, '')) {
    const found = [...form.querySelectorAll('[data-field]')].find((n) => n.dataset.field === at);
    if (found) return found;
    if (!/(\[\d+\]|\.[^.[\]]+)$/.test(at)) break;
  }
  return null;
}

// The field as the merchant sees it on the form: its label, and the arm it belongs to ("Variant 2, share of visitors (%)").
function named(target) {
  const own = label(target);
  const arm = target.closest('fieldset.variant')?.querySelector('legend')?.textContent.split(':')[0].trim();
  return arm && !own.startsWith(arm) ? `${arm}, ${own.charAt(0).toLowerCase()}${own.slice(1)}` : own;
}

function label(target) {
  const own = target.id && document.querySelector(`label[for="${target.id}"]`);
  return (own?.textContent || target.querySelector?.('legend')?.textContent || target.dataset.field || '').trim();
}

/** Drafts per page, in this tab: kept on every change, offered back when the merchant returns. */
export const drafts = {
  get: (key) => JSON.parse(sessionStorage.getItem(`draft:${key}`) || 'null'),
  set: (key, value) => sessionStorage.setItem(`draft:${key}`, JSON.stringify(value)),
  drop: (key) => sessionStorage.removeItem(`draft:${key}`),
};

/** Splits "a, b ,c" into ["a","b","c"]; the reverse for display. */
export const list = (text) => String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
export const joined = (values) => (values || []).join(', ');
