// The merchant's dashboard: reads the JSON reports beside it and draws them with chart.js (served with the app).
import { ApiError, call, forgetKey, setKey, takeKey } from './api.js';
import { format } from './money.js';

// The page holds no data and needs no key; the reports do. The key is the console's (api.js, shared with it), kept in
// this tab only: typed here or there, or taken once from ?code= and removed from the address bar. It travels in a
// header, never a URL.
const page = new URL(location.href);
let code = takeKey();
const keyForm = document.getElementById('key');
keyForm.addEventListener('submit', (e) => {
  e.preventDefault();
  code = keyForm.elements.key.value.trim();
  setKey(code);
  keyForm.hidden = true;
  load();
});
const colors = { treated: '#0f766e', holdout: '#94a3b8', whisker: 'rgba(15,118,110,.25)', point: '#0f766e', funnel: ['#93c5fd', '#3b82f6', '#1e3a8a'] };
const series = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#db2777', '#059669', '#475569'];
const charts = {};
const form = document.getElementById('range');
const status = document.getElementById('status');

Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;

const day = (d) => d.toISOString().slice(0, 10);
const today = new Date();
form.to.value = page.searchParams.get('to') || day(today);
form.from.value = page.searchParams.get('from') || day(new Date(today.getTime() - 29 * 864e5));
form.by.value = page.searchParams.get('by') || 'device';
form.addEventListener('submit', (e) => { e.preventDefault(); if (code) load(); });
if (code) load(); else askForKey('Enter the function key (the Azure portal shows it under the app\'s App keys) to read the reports.');

function askForKey(note) {
  document.getElementById('key-note').textContent = note;
  status.textContent = 'The reports need the function key.';
  keyForm.hidden = false;
  keyForm.elements.key.focus();
  document.documentElement.dataset.ready = 'true';
}

async function load() {
  status.textContent = 'Loading…';
  status.classList.remove('error');
  delete document.documentElement.dataset.ready;
  const range = { from: form.from.value, to: form.to.value };
  // Each section is drawn as its report arrives; the slowest does not hold the others back.
  const sections = [
    get('reports/holdout', range).then((holdout) => { drawMoney(holdout, range); drawHoldout(holdout); }),
    get('reports/experiments', {}).then(drawExperiments),
    get('reports/moments', { ...range, by: form.by.value }).then(drawMoments),
    get('operations', {}).then(drawOperations),
  ];
  try {
    await Promise.all(sections);
    status.textContent = `${range.from} to ${range.to} (UTC). Intervals are 95%.`;
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    if (error.status === 401) {
      forgetKey();
      code = null;
      return askForKey('That key was not accepted. Enter the function key again.');
    }
    status.textContent = `The reports could not be loaded: ${error instanceof ApiError ? `${error.title} (${error.status})` : error.message}`;
    status.classList.add('error');
  }
}

async function get(path, query) {
  return (await call('GET', path, { query })).body;
}

// A lift against a baseline of zero is undefined: the report sends null, and the page says so instead of "+0.0%".
const percent = (v) => (v == null ? 'no baseline yet' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);
const rate = (v) => `${(v * 100).toFixed(1)}%`;
// Money always shows its currency, in the merchant's locale; amounts are minor units of the report's currency.
const money = (minor, currency) => format(minor, currency, undefined);
// An absolute interval of a difference, as a share of control.
const relative = (c, bound) => (bound == null || !c.control ? null : bound / c.control);

function drawExperiments(list) {
  const holder = document.getElementById('experiments');
  holder.replaceChildren(...list.map((x) => {
    const card = el('article', `card ${x.verdict.kind}`);
    const title = el('h3');
    title.append(text(x.key), el('span', 'badge', x.status), el('span', 'meta', `${x.moment} · phase ${x.phase} · ${x.visitors.toLocaleString()} visitors · ${x.primaryMetric}`));
    card.append(title);
    if (x.hypothesis) card.append(el('p', 'hypothesis', x.hypothesis));
    card.append(el('p', 'verdict', x.verdict.text));
    // The checkout guardrail: a winner that costs orders is not to be shipped, and the card says so.
    if (x.shipRefusal) card.append(el('p', 'refusal', x.shipRefusal));
    // Revenue adjusted for what was known before the offer (CUPED), beside the raw lift the chart shows.
    const cuped = x.best?.cuped;
    if (cuped) {
      const interval = cuped.interval.low == null || !x.best.control ? '' : ` (95% interval ${percent(cuped.interval.low / x.best.control)} to ${percent(cuped.interval.high / x.best.control)})`;
      const known = cuped.earlierOrdersTheta == null ? "the carts' value" : "the carts' value and earlier orders";
      card.append(el('p', 'cuped', `Adjusted for ${known}: ${percent(cuped.relativeLift)} against control${interval}, against ${percent(x.best.relativeLift)} unadjusted; the adjustment removed ${rate(cuped.varianceRemoved)} of the variance.`));
    }
    return card;
  }));
  if (list.length === 0) holder.append(el('p', 'note', 'No experiments yet.'));
  document.getElementById('basis').textContent = 'Verdicts come from a sequential test taken at the end of each day, whose intervals stay right however often you look, with alpha split across variants; before the order, a variant that costs checkouts is not shipped.';
  const withData = list.filter((x) => x.best && x.visitors > 0 && x.best.relativeLift != null);
  whiskers('experiment-lift', withData.map((x) => [x.key, `(${x.best.variant})`]), withData.map((x) => x.best), 'Lift against control');
}

// The money answer, first on the page: how much the programme added against the holdout over the range, net of
// refunds, with the always-valid interval (the page may be opened any day), or plainly that it is not known yet.
// The treated visitors' order value per visitor minus the held-out visitors', times the treated visitors.
function drawMoney(report, range) {
  const all = report.scopes.find((s) => s.scope === 'all');
  const answer = document.getElementById('money-answer');
  const chart = document.getElementById('money-chart');
  const lift = all.revenuePerVisitorLift;
  const visitors = all.treated.visitors;
  const when = `from ${range.from} to ${range.to}`;
  if (!visitors || !all.holdout.visitors || lift.alwaysValidInterval.low == null || lift.alwaysValidInterval.high == null) {
    answer.textContent = `Not known yet ${when}: the holdout has ${all.holdout.visitors.toLocaleString()} visitors and the treated ${visitors.toLocaleString()}; the amount offers added needs visitors on both sides and orders among them.`;
    chart.hidden = true;
    return;
  }
  const [added, low, high] = [lift.difference, lift.alwaysValidInterval.low, lift.alwaysValidInterval.high].map((x) => Math.round(x * visitors));
  const m = (x) => money(x, report.currency);
  const per = `Treated visitors brought ${m(all.treated.revenuePerVisitor)} each against ${m(all.holdout.revenuePerVisitor)} held out (${report.holdoutPercent}% of visitors never see offers), net of refunds.`;
  answer.textContent = low > 0
    ? `Offers added about ${m(added)} ${when} (between ${m(low)} and ${m(high)}) across ${visitors.toLocaleString()} treated visitors. ${per}`
    : high < 0
      ? `Offers cost about ${m(-added)} ${when} (between ${m(-high)} and ${m(-low)}) across ${visitors.toLocaleString()} treated visitors. ${per}`
      : `Not known yet ${when}: what offers added lies between ${m(low)} and ${m(high)}, which includes no change (about ${m(added)} so far). ${per}`;
  const [min, max] = [Math.min(low, 0), Math.max(high, 0)];
  const pad = (max - min) * 0.05 || 1;
  const at = (x) => `${((x - (min - pad)) / (max - min + 2 * pad)) * 100}%`;
  chart.querySelector('.always-valid').style.left = at(low);
  chart.querySelector('.always-valid').style.width = `calc(${at(high)} - ${at(low)})`;
  chart.querySelector('.zero').style.left = at(0);
  chart.querySelector('.point').style.left = at(added);
  document.getElementById('money-low').textContent = m(min - pad);
  document.getElementById('money-high').textContent = m(max + pad);
  chart.hidden = false;
}

function drawHoldout(report) {
  const scopes = report.scopes.filter((s) => s.scope !== 'all');
  const all = report.scopes.find((s) => s.scope === 'all');
  document.getElementById('holdout-note').textContent =
    `${report.holdoutPercent}% of visitors are never shown offers. Overall, treated visitors bring ${money(all.treated.revenuePerVisitor, report.currency)} per visitor against ${money(all.holdout.revenuePerVisitor, report.currency)} held out: ${percent(all.revenuePerVisitorLift.relativeLift)}.`;
  // Coverage: how many of the range's orders came from a shopper shown an offer, overall and per moment.
  const reached = scopes.filter((s) => s.ordersShownAnOffer > 0);
  document.getElementById('coverage-note').textContent = all.orders > 0
    ? `Offers reached the shoppers of ${(all.coverage * 100).toFixed(1)}% of orders (${all.ordersShownAnOffer.toLocaleString()} of ${all.orders.toLocaleString()})` +
      (reached.length ? `: ${reached.map((s) => `${s.scope} ${(s.coverage * 100).toFixed(1)}%`).join(', ')}.` : '.')
    : 'No orders in this range yet, so no offer coverage.';
  const shown = scopes.filter((s) => s.treated.visitors > 0 && s.holdout.visitors > 0 && s.revenuePerVisitorLift.relativeLift != null);
  whiskers('moment-lift', shown.map((s) => s.scope), shown.map((s) => s.revenuePerVisitorLift), 'Lift over holdout');
  draw('holdout', {
    type: 'bar',
    data: {
      labels: ['Order value per visitor', 'Average order value'],
      datasets: [
        { label: `Treated (${all.treated.visitors.toLocaleString()} visitors)`, backgroundColor: colors.treated, data: [all.treated.revenuePerVisitor / 100, all.treated.averageOrderValue / 100] },
        { label: `Holdout (${all.holdout.visitors.toLocaleString()} visitors)`, backgroundColor: colors.holdout, data: [all.holdout.revenuePerVisitor / 100, all.holdout.averageOrderValue / 100] },
      ],
    },
    options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: `amount (${report.currency})` } }, x: { ticks: { maxRotation: 0 } } } },
  });
}

function drawMoments(report) {
  const active = report.moments.filter((m) => m.totals.impressions > 0 || m.totals.visitors > 0);
  draw('funnel', {
    type: 'bar',
    data: {
      labels: active.map((m) => m.moment),
      datasets: ['impressions', 'clicks', 'accepts'].map((k, i) => ({ label: k, backgroundColor: colors.funnel[i], data: active.map((m) => m.totals[k]) })),
    },
    options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
  });
  const names = active.map((m) => m.moment);
  draw('exposures', {
    type: 'line',
    data: {
      labels: report.daily.map((d) => d.day),
      datasets: names.map((name, i) => ({ label: name, borderColor: series[i % series.length], backgroundColor: series[i % series.length], data: report.daily.map((d) => d.visitors[name] || 0), tension: 0.2, pointRadius: 2 })),
    },
    options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true }, x: { ticks: { maxTicksLimit: 8 } } } },
  });
  const body = document.querySelector('#segments tbody');
  body.replaceChildren(...active.flatMap((m) => m.segments.map((s) => {
    const row = el('tr');
    row.append(el('td', '', m.moment), el('td', '', s.value), el('td', '', s.totals.visitors.toLocaleString()), el('td', '', rate(s.totals.acceptanceRate)), el('td', '', money(s.totals.revenuePerVisitor, report.currency)));
    return row;
  })));
}

const age = (seconds) => (seconds == null ? '–' : seconds < 90 ? `${Math.round(seconds)} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : seconds < 172800 ? `${Math.round(seconds / 3600)} h` : `${Math.round(seconds / 86400)} days`);

function drawOperations(report) {
  const statuses = Object.entries(report.followUps).filter(([, n]) => n > 0);
  const poisoned = report.queues.reduce((n, q) => n + q.poisonDepth, 0);
  document.getElementById('operations-note').textContent =
    `Follow-up emails due ${report.followUpsFrom} to ${report.followUpsTo}: ${statuses.length ? statuses.map(([s, n]) => `${n.toLocaleString()} ${s}`).join(', ') : 'none'}. ` +
    `Catalog in memory loaded ${age(report.catalogAgeSeconds)} ago. ` +
    (report.testOrders ? `${report.testOrders.toLocaleString()} test orders kept and counted nowhere. ` : '') +
    (report.suppressed && report.suppressed.bounce + report.suppressed.dropped + report.suppressed.spamReport + report.suppressed.unsubscribed
      ? `Addresses no email goes to: ${report.suppressed.bounce.toLocaleString()} bounced, ${report.suppressed.dropped.toLocaleString()} dropped, ${report.suppressed.spamReport.toLocaleString()} reported as spam, ${report.suppressed.unsubscribed.toLocaleString()} unsubscribed. `
      : '') +
    (poisoned ? `${poisoned.toLocaleString()} messages are parked in poison queues: see Operations in the operator's guide (docs/operator.md), then replay them.` : 'No poison messages.') +
    report.queues.filter((q) => q.undecodablePoison.length).map((q) => ` ${q.name}: ${q.undecodablePoison.length} not base64, which no replay can deliver (${q.undecodablePoison.join(', ')}).`).join('');
  const body = document.querySelector('#queues tbody');
  body.replaceChildren(...report.queues.map((q) => {
    const row = el('tr', q.poisonDepth ? 'alert' : '');
    row.append(el('td', '', q.name), el('td', '', q.depth.toLocaleString()), el('td', '', q.poisonDepth.toLocaleString()), el('td', '', age(q.oldestPoisonAgeSeconds)));
    return row;
  }));
}

// A point estimate per category with its always-valid interval as a floating bar behind it.
function whiskers(id, labels, comparisons, label) {
  draw(id, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'line', label, data: comparisons.map((c) => c.relativeLift * 100), showLine: false, pointRadius: 6, pointBackgroundColor: colors.point, borderColor: colors.point },
        { type: 'bar', label: 'always-valid 95% interval', data: comparisons.map((c) => [relative(c, c.alwaysValidInterval.low), relative(c, c.alwaysValidInterval.high)].map((v) => (v == null ? 0 : v * 100))), backgroundColor: colors.whisker, barPercentage: 0.3 },
      ],
    },
    options: {
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (ctx) => (Array.isArray(ctx.raw) ? `${ctx.raw[0].toFixed(1)}% to ${ctx.raw[1].toFixed(1)}%` : `${ctx.raw.toFixed(1)}%`) } } },
      scales: { y: { title: { display: true, text: '% lift' } }, x: { ticks: { maxRotation: 0, autoSkip: false } } },
    },
  });
}

function draw(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart(document.getElementById(id), config);
}

function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content != null) node.textContent = content;
  return node;
}

function text(value) { return document.createTextNode(value); }
