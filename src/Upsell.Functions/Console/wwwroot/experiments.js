// Experiments: made from an offer, variants with weights that add up to 100%, on all or part of the moment's
// visitors, with a fixed split or a bandit; start, stop and ship. Shipping applies the winning variant to the offer
// itself (the server does it when the status becomes "shipped"). A bandit's weights are the server's once it runs.
import { ApiError, call } from './api.js';
import { clearErrors, drafts, field, h, input, select, showErrors } from './forms.js';
import { LIMITS } from './limits.js';
import { toMajor, toMinor } from './money.js';
import { copyFor, preview } from './preview.js';
import { resultsPanel } from './results.js';

export async function experimentsPage(view) {
  const [{ body: experiments }, { body: summaries }, { body: offers }] = await Promise.all([call('GET', 'experiments'), call('GET', 'reports/experiments'), call('GET', 'offers')]);
  const summary = Object.fromEntries(summaries.map((s) => [s.key, s]));
  const offer = select(offers.map((o) => [o.id]), offers[0]?.id);
  view.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Experiments')),
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); location.hash = `#/experiments/new?offer=${encodeURIComponent(offer.value)}`; } },
      field('Test an offer', offer), h('button', { type: 'submit' }, 'New experiment')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, 'Experiments and their verdicts'),
      h('thead', {}, h('tr', {}, ['Experiment', 'Moment', 'Offer', 'Status', 'Allocation', 'Phase', 'Visitors', 'Verdict'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, experiments.map((x) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/experiments/${encodeURIComponent(x.key)}` }, x.key)),
        h('td', {}, x.moment), h('td', {}, x.subjectOfferId), h('td', {}, h('span', { class: `badge ${x.status}` }, x.status)),
        h('td', {}, `${x.allocation === 'bandit' ? 'bandit' : 'fixed'}${(x.coverage ?? 1) < 1 ? `, ${Math.round((x.coverage ?? 1) * 100)}% of visitors` : ''}`),
        h('td', { class: 'num' }, x.phase ?? 1), h('td', { class: 'num' }, (summary[x.key]?.visitors ?? 0).toLocaleString()),
        h('td', {}, summary[x.key]?.verdict?.text ?? '')))))));
  return 'Experiments';
}

const weightsOf = (doc) => (doc.variants || []).map((v) => v.weight);

// n shares in hundredths of a percent that add up to exactly 100%: the remainder goes to the first arms.
function evenShares(n) {
  const base = Math.floor(10000 / n);
  return Array.from({ length: n }, (_, i) => (base + (i < 10000 - base * n ? 1 : 0)) / 10000);
}

export async function experimentEditor(view, { id, query, go, status }) {
  const creating = !id;
  const key = creating ? `experiment:new:${query.get('offer')}` : `experiment:${id}`;
  const { body: offers } = await call('GET', 'offers');
  let etag = null;
  let doc;
  let report = null;
  if (creating) {
    const subject = offers.find((o) => o.id === query.get('offer')) || offers[0];
    doc = { key: `${subject.id}-test`, moment: subject.moments[0], subjectOfferId: subject.id, status: 'draft', primaryMetric: 'acceptance-rate', hypothesis: '', coverage: 1, allocation: 'fixed',
      variants: [{ key: 'control', weight: 0.5 }, { key: 'variant-b', weight: 0.5, copy: { [subject.defaultLocale]: { ...copyFor(subject, subject.defaultLocale) } } }] };
  } else {
    ({ body: doc, etag } = await call('GET', `experiments/${encodeURIComponent(id)}`));
    report = await call('GET', `reports/experiments/${encodeURIComponent(id)}`).then((r) => r.body, () => null);
  }
  const stored = JSON.parse(JSON.stringify(doc));
  const draft = drafts.get(key);
  if (draft) ({ doc } = draft);
  const subject = () => offers.find((o) => o.id === doc.subjectOfferId);
  const currency = () => subject()?.price?.currency || 'EUR';
  const locked = doc.status === 'shipped';

  const form = h('form', { class: 'editor experiment', novalidate: true });
  const notices = h('div', { class: 'notices' });
  const keyInput = input({ value: doc.key, disabled: !creating, autocomplete: 'off' });
  const momentSelect = select((subject()?.moments || [doc.moment]).map((m) => [m]), doc.moment);
  const hypothesis = h('textarea', { rows: 2, maxlength: LIMITS.experimentText }, doc.hypothesis || '');
  const metric = select([['acceptance-rate', 'acceptance rate'], ['revenue-per-visitor', 'revenue per visitor']], doc.primaryMetric || 'acceptance-rate');
  const coverage = input({ type: 'number', min: 0, max: 100, step: 'any', value: Math.round((doc.coverage ?? 1) * 10000) / 100 });
  const allocation = select([['fixed', 'Fixed split'], ['bandit', 'Bandit']], doc.allocation || 'fixed');
  // Once a bandit runs, its shares are the server's: shown, not edited.
  const banditOwnsWeights = !creating && stored.allocation === 'bandit' && stored.status === 'running';
  const rows = h('div', { class: 'variants' });
  // Each arm previewed as shoppers in it will see it: the subject offer with the arm's changes, or the other offer.
  const arm = select([], '');
  const live = preview(field('Arm', arm));
  const armOffer = (variant) => {
    if (variant?.offerId) return offers.find((o) => o.id === variant.offerId) || subject();
    const base = subject();
    if (!base || !variant) return base;
    return { ...base, copy: { ...base.copy, ...(variant.copy || {}) }, price: variant.priceMinor != null && variant.priceMinor >= 0 ? { ...base.price, amount: variant.priceMinor } : base.price, imageUrl: variant.imageUrl || base.imageUrl };
  };
  const showArm = () => {
    const keys = doc.variants.map((v, i) => `${i}|${v.key}`).join(',');
    if (arm.dataset.keys !== keys) {
      // The first variant first; then whichever arm the merchant chose, while it exists.
      const was = Math.min(arm.dataset.keys ? Number(arm.value) : 1, doc.variants.length - 1);
      arm.replaceChildren(...doc.variants.map((v, i) => h('option', { value: String(i) }, i === 0 ? `${v.key} (control)` : v.key)));
      arm.value = String(was);
      arm.dataset.keys = keys;
    }
    live.show(armOffer(doc.variants[Number(arm.value)]));
  };
  arm.addEventListener('change', showArm);
  const total = h('p', { class: 'total-weight', 'aria-live': 'polite' });

  function variantRow(variant, index) {
    const locales = Object.keys(variant.copy || {});
    const preferred = subject()?.defaultLocale || 'en';
    const locale = locales.includes(preferred) ? preferred : locales[0] || preferred;
    const copy = variant.copy?.[locale] || {};
    const name = (part) => `variants[${index}].${part}`;
    const other = select([['', 'the offer itself'], ...offers.filter((o) => o.id !== doc.subjectOfferId).map((o) => [o.id])], variant.offerId || '');
    const remove = h('button', { type: 'button', class: 'secondary', onclick: () => { read(); doc.variants.splice(index, 1); draw(); changed(); } }, `Remove ${variant.key}`);
    return h('fieldset', { class: 'variant', 'data-field': `variants[${index}]`, 'data-index': index, 'data-locale': locale },
      h('legend', {}, index === 0 ? 'Control: the offer unchanged' : `Variant ${index}`),
      field('Key', input({ value: variant.key }), { name: name('key') }),
      field('Ranking', select([['', 'the moment\'s'], ['rules', 'rules'], ['learned', 'learned from orders']], variant.ranking || ''), { name: name('ranking'), hint: index === 0 ? 'Set it on every arm to test learned against rules' : null }),
      field(banditOwnsWeights ? 'Share of visitors now (%)' : 'Share of visitors (%)', input({ type: 'number', min: 0, max: 100, step: 'any', value: Math.round(variant.weight * 10000) / 100, readonly: banditOwnsWeights }),
        { name: name('weight'), hint: banditOwnsWeights ? 'The bandit sets this every hour' : null }),
      index === 0 ? null : [
        field(`Headline (${locale})`, input({ value: copy.headline || '', maxlength: LIMITS.headline }), { name: name(`copy.${locale}.headline`), wide: true }),
        field(`Body (${locale})`, input({ value: copy.body || '', maxlength: LIMITS.body }), { name: name(`copy.${locale}.body`), wide: true }),
        field(`Call to action (${locale})`, input({ value: copy.callToAction || '', maxlength: LIMITS.callToAction }), { name: name(`copy.${locale}.callToAction`) }),
        field(`Decline text (${locale})`, input({ value: copy.declineText || '', maxlength: LIMITS.declineText }), { name: name(`copy.${locale}.declineText`) }),
        field(`Price (${currency()})`, input({ inputmode: 'decimal', value: toMajor(variant.priceMinor, currency()) }), { name: name('priceMinor'), hint: 'Empty: the offer\'s price' }),
        field('Image URL', input({ type: 'url', value: variant.imageUrl || '' }), { name: name('imageUrl') }),
        field('Show another offer instead', other, { name: name('offerId') }),
        doc.variants.length > 2 ? remove : null,
      ]);
  }

  // A new arm gets an even share, and every arm with it: no arm starts at 0%.
  function addVariant() {
    read();
    doc.variants.push({ key: `variant-${String.fromCharCode(97 + doc.variants.length)}`, weight: 0 });
    const shares = evenShares(doc.variants.length);
    doc.variants.forEach((v, i) => { v.weight = shares[i]; });
    draw();
    changed();
  }

  function draw() {
    rows.replaceChildren(...doc.variants.map(variantRow));
    sum();
    showArm();
  }

  function sum() {
    const percent = [...rows.querySelectorAll('[data-field$=".weight"]')].reduce((s, i) => s + Number(i.value || 0), 0);
    total.textContent = `Shares add up to ${Math.round(percent * 100) / 100}%${Math.abs(percent - 100) > 0.01 ? ': they must add up to 100%.' : '.'}`;
    total.classList.toggle('bad', Math.abs(percent - 100) > 0.01);
  }

  function read() {
    doc.key = keyInput.value.trim();
    doc.moment = momentSelect.value;
    doc.hypothesis = hypothesis.value.trim() || null;
    doc.primaryMetric = metric.value;
    doc.coverage = coverage.value === '' ? 1 : Math.round(Number(coverage.value) * 100) / 10000;
    doc.allocation = allocation.value;
    doc.variants = [...rows.querySelectorAll('fieldset.variant')].map((set, index) => {
      const value = (part) => set.querySelector(`[data-field="variants[${index}].${part}"]`)?.value?.trim() ?? '';
      const variant = { key: value('key'), weight: Math.round(Number(value('weight') || 0) * 100) / 10000 };
      if (value('ranking')) variant.ranking = value('ranking');
      if (index === 0) return variant;
      const locale = set.dataset.locale;
      const copy = { headline: value(`copy.${locale}.headline`), body: value(`copy.${locale}.body`) || null, callToAction: value(`copy.${locale}.callToAction`), declineText: value(`copy.${locale}.declineText`) };
      // The copy of the locales not shown here is kept as it was.
      const others = { ...(doc.variants[index]?.copy || {}) };
      delete others[locale];
      if (copy.headline || copy.callToAction) variant.copy = { ...others, [locale]: copy };
      else if (Object.keys(others).length) variant.copy = others;
      const price = toMinor(value('priceMinor'), currency());
      if (price != null) variant.priceMinor = Number.isNaN(price) ? -1 : price;
      if (value('imageUrl')) variant.imageUrl = value('imageUrl');
      if (value('offerId')) variant.offerId = value('offerId');
      return variant;
    });
  }

  function changed() {
    if (!form.isConnected) return;
    read();
    sum();
    showArm();
    drafts.set(key, { doc });
  }
  form.addEventListener('input', changed);

  async function send(next, what) {
    clearErrors(form);
    try {
      const result = creating
        ? await call('POST', 'experiments', { body: next })
        : await call('PUT', `experiments/${encodeURIComponent(next.key)}`, { body: next, etag });
      drafts.drop(key);
      // The message comes with the page drawn from what was saved, never over the form that sent it.
      await go(`#/experiments/${encodeURIComponent(next.key)}`, true, result);
      status(`${what} experiment ${next.key}.`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 412) {
        notices.replaceChildren(h('div', { class: 'conflict', role: 'alert' },
          h('p', {}, 'Someone else changed this experiment after you opened it. Your changes are still here.'),
          h('button', { type: 'button', onclick: () => { drafts.drop(key); go(location.hash, true); } }, 'Load their version')));
      } else {
        showErrors(form, error.errors.length ? error.errors : [{ field: 'key', message: error.message }], error.title);
      }
    }
  }

  // A running experiment whose allocation changes, or a fixed test whose weights change, starts a new phase; the
  // merchant is told before it happens.
  function save(statusAfter = doc.status, what = 'Saved') {
    read();
    const next = { ...doc, status: statusAfter };
    const switched = (next.allocation || 'fixed') !== (stored.allocation || 'fixed');
    const reweighted = next.allocation !== 'bandit' && JSON.stringify(weightsOf(next)) !== JSON.stringify(weightsOf(stored));
    if (!creating && stored.status === 'running' && (switched || reweighted)) {
      const phase = (stored.phase ?? 1);
      const change = switched ? (next.allocation === 'bandit' ? 'Switching to a bandit' : 'Switching to a fixed split') : 'Changing the weights';
      const box = h('div', { class: 'warning', role: 'alertdialog', 'aria-labelledby': 'phase-warning', tabindex: '-1' },
        h('p', { id: 'phase-warning' }, `${change} starts phase ${phase + 1}: visitors are split afresh, and the results so far stay with phase ${phase}.`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => { box.remove(); send(next, what); } }, switched ? `Switch and start phase ${phase + 1}` : `Change weights and start phase ${phase + 1}`),
          h('button', { type: 'button', class: 'secondary', onclick: () => { box.remove(); form.querySelector('[data-field$=".weight"]').focus(); } }, 'Cancel')));
      notices.replaceChildren(box);
      box.focus();
      return;
    }
    send(next, what);
  }

  // Stop and ship record the decision: the variant kept, why in the merchant's words, and the verdict they read,
  // which the server dates and keeps with it.
  function decide(statusAfter) {
    read();
    const best = report?.bandit
      ? [...report.bandit.arms].sort((a, b) => (b.chanceToBeBest ?? 0) - (a.chanceToBeBest ?? 0))[0].key
      : (report?.comparisons || []).filter((c) => c.metric === doc.primaryMetric).sort((a, b) => (b.chanceToBeatControl ?? 0) - (a.chanceToBeatControl ?? 0))[0]?.variant ?? doc.variants[doc.variants.length - 1].key;
    const variant = select(doc.variants.map((v) => [v.key]), statusAfter === 'stopped' ? doc.variants[0].key : best, { 'data-field': 'decision.variant' });
    const reason = h('textarea', { rows: 3, 'data-field': 'decision.reason' });
    const verdict = report?.verdict?.text || null;
    const box = h('form', { class: 'decision', 'aria-labelledby': 'decision-title' },
      h('h2', { id: 'decision-title' }, statusAfter === 'shipped' ? 'Ship the winner' : 'Stop the experiment'),
      h('p', {}, statusAfter === 'shipped' ? 'The variant you ship becomes the offer itself: every shopper gets it from now on.' : 'Nobody is assigned any more; the offer shows unchanged.'),
      verdict ? h('p', { class: 'note' }, `The report says now, and this is kept with your decision: ${verdict}`) : null,
      field(statusAfter === 'shipped' ? 'Winning variant' : 'Variant kept', variant),
      field('Why', reason, { wide: true }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, statusAfter === 'shipped' ? `Ship` : 'Stop'), h('button', { type: 'button', class: 'secondary', onclick: () => box.remove() }, 'Cancel')));
    box.addEventListener('submit', (e) => {
      e.preventDefault();
      doc.decision = { variant: variant.value, reason: reason.value.trim(), verdict };
      send({ ...doc, status: statusAfter }, statusAfter === 'shipped' ? 'Shipped' : 'Stopped');
    });
    notices.replaceChildren(box);
    variant.focus();
  }

  const buttons = [];
  if (!locked) buttons.push(h('button', { type: 'submit' }, creating ? 'Create experiment' : 'Save'));
  if (doc.status === 'draft' && !creating) buttons.push(h('button', { type: 'button', onclick: () => save('running', 'Started') }, 'Start'));
  if (doc.status === 'running') buttons.push(h('button', { type: 'button', class: 'secondary', onclick: () => decide('stopped') }, 'Stop'));
  // The checkout guardrail's refusal disables shipping, and says why next to the button.
  if (doc.status === 'running' || doc.status === 'stopped') {
    const refusal = report?.shipRefusal;
    buttons.push(h('button', { type: 'button', onclick: () => decide('shipped'), disabled: refusal ? true : undefined, 'aria-describedby': refusal ? 'ship-refusal' : undefined }, 'Ship a variant'));
    if (refusal) buttons.push(h('p', { id: 'ship-refusal', class: 'refusal' }, refusal));
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); save(); });

  form.append(
    h('fieldset', {}, h('legend', {}, 'The test'),
      field('Key', keyInput, { name: 'key' }),
      field('Offer', input({ value: doc.subjectOfferId, disabled: true }), { name: 'subjectOfferId' }),
      field('Moment', momentSelect, { name: 'moment' }),
      field('Primary metric', metric, { name: 'primaryMetric' }),
      field('Share of the moment\'s visitors in the test (%)', coverage, { name: 'coverage', hint: 'The others see the offer unchanged and are not counted.' }),
      field('Allocation', allocation, { name: 'allocation', hint: 'A fixed split keeps the shares you set. A bandit sends more visitors to the arm doing best on the primary metric; returning visitors keep their arm.' }),
      field('Hypothesis: what you expect and why', hypothesis, { name: 'hypothesis', wide: true })),
    h('fieldset', { class: 'variant-set', 'data-field': 'variants' }, h('legend', {}, 'Variants'), rows, total,
      locked ? null : h('button', { type: 'button', class: 'secondary', onclick: addVariant }, 'Add a variant')),
    h('div', { class: 'actions' }, buttons));
  if (locked) form.querySelectorAll('input, select, textarea').forEach((c) => { c.disabled = true; });
  draw();

  view.replaceChildren(...[
    h('div', { class: 'page-head' }, h('h1', {}, creating ? 'New experiment' : `Experiment ${doc.key}`), h('span', { class: `badge ${doc.status}` }, doc.status), h('a', { href: '#/experiments' }, 'All experiments')),
    doc.decision ? decisionNote(doc) : null,
    report && !doc.decision ? h('p', { class: 'verdict' }, `Phase ${report.phase}: ${report.verdict.text}`) : null,
    report ? resultsPanel(report, { currency: currency(), locale: navigator.language || 'en' }) : null,
    report?.guardrail?.length ? guardrailNote(report.guardrail) : null,
    report?.traffic ? trafficNote(report.traffic) : null,
    notices,
    form,
    h('section', { class: 'arm-preview', 'aria-label': 'Preview of an arm' }, live.panel)].filter(Boolean));
  return creating ? 'New experiment' : `Experiment ${doc.key}`;
}

// A stopped or shipped experiment shows what was decided, when, why, and the verdict the merchant read then; the
// report's reading of the same data today would not be what it was decided on.
function decisionNote(doc) {
  const { variant, reason, verdict, decidedAt } = doc.decision;
  const when = decidedAt ? new Date(decidedAt).toLocaleDateString(navigator.language || 'en', { dateStyle: 'long', timeZone: 'UTC' }) : null;
  return h('section', { class: 'decision-note', 'aria-label': 'Decision' },
    h('p', {}, h('strong', {}, `${doc.status === 'shipped' ? 'Shipped' : 'Stopped'}${when ? ` on ${when}` : ''}: ${variant} kept. `), `Why: ${reason}`),
    verdict ? h('p', { class: 'verdict' }, `Verdict then: ${verdict}`) : null);
}

// Traffic quality beside the verdict: each arm's signs of scripted traffic, the departing ones marked, and what
// they mean (docs/merchant.md, "Traffic quality").
function trafficNote(traffic) {
  const flagged = new Set(traffic.signs.map((s) => `${s.arm}|${s.sign}`));
  const pct = (x) => `${(x * 100).toFixed(0)}%`;
  const num = (x) => x.toFixed(1);
  const columns = [
    ['events-per-decision', 'Events per shown offer', (a) => num(a.eventsPerDecision)],
    ['early-accepts', 'Accepts before the offer was shown', (a) => pct(a.earlyShare)],
    ['hasty-accepts', 'Accepts faster than a shopper reads', (a) => pct(a.hastyShare)],
    ['visitors-per-network', 'New visitors per network', (a) => num(a.visitorsPerNetwork)],
    ['accepters-per-network', 'Accepters per network', (a) => num(a.acceptersPerNetwork)],
  ];
  return h('section', { class: `traffic${traffic.flagged ? ' flagged' : ''}`, 'aria-label': 'Traffic quality' },
    h('p', { role: traffic.flagged ? 'alert' : null }, traffic.text),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': 'Traffic quality per arm, scrolls sideways' }, h('table', {},
      h('caption', {}, 'Traffic quality per arm'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Arm'), ...columns.map(([, label]) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...traffic.arms.map((a) => h('tr', {}, h('th', { scope: 'row' }, a.key),
        ...columns.map(([sign, , value]) => flagged.has(`${a.key}|${sign}`) ? h('td', { class: 'departs' }, h('strong', {}, value(a)), ' (departs)') : h('td', {}, value(a)))))))));
}

// Each variant's checkout completion against control: what the guardrail judges before a winner may be shipped.
function guardrailNote(arms) {
  const pct = (x) => (x == null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`);
  return h('ul', { class: 'guardrail', 'aria-label': 'Checkout completion' }, ...arms.map((g) => h('li', { class: g.refusedOnDay ? 'refused' : '' },
    `Checkout completion, ${g.variant}: ${(g.treatment * 100).toFixed(1)}% of ${g.treatmentVisitors.toLocaleString()} visitors ordered against ${(g.control * 100).toFixed(1)}% of ${g.controlVisitors.toLocaleString()} in control (${pct(g.relativeChange)}; always-valid interval ${pct(g.interval.low)} to ${pct(g.interval.high)}). ` +
    (g.refusedOnDay ? `Lower by more than the ${(g.margin * 100).toFixed(0)}% allowed since day ${g.refusedOnDay}: not to be shipped.` : `Within the ${(g.margin * 100).toFixed(0)}% allowed so far.`))));
}
