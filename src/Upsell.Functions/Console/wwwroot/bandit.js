// The results panel of an experiment: coverage and allocation, and for a bandit each arm's period-weighted
// estimate, its chance of being the best arm, the expected loss of choosing it, and the weights over time.
import { h } from './forms.js';
import { format } from './money.js';

const percent = (x, places = 1) => `${(x * 100).toFixed(places)}%`;

// The console's policy allows no inline style attribute; a width set through the DOM is not one.
function bar(index, share) {
  const span = h('span', { class: `arm-${index % 6}` });
  span.style.flexGrow = String(share);
  return span;
}

export function resultsPanel(report, { currency, locale }) {
  const revenue = report.primaryMetric === 'revenue-per-visitor';
  const metricValue = (x) => revenue ? format(Math.round(x), currency, locale) : percent(x, 2);
  // A loss in acceptance rate is a difference of rates: percentage points.
  const lossValue = (x) => revenue ? format(Math.round(x), currency, locale) : `${(x * 100).toFixed(2)} pts`;
  const facts = h('p', { class: 'note' },
    `Phase ${report.phase}, ${report.allocation === 'bandit' ? 'bandit allocation' : 'fixed split'}, on ${percent(report.coverage ?? 1, 0)} of the moment's visitors. `,
    report.basis ? `Judged by ${report.basis}.` : '');
  if (!report.bandit) return h('section', { class: 'results', 'aria-labelledby': 'results-title' }, h('h2', { id: 'results-title' }, 'Results'), facts);

  const { bandit } = report;
  const keys = bandit.arms.map((a) => a.key);
  const arms = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, bandit.burnedIn ? 'Each arm, weighted by period; an arm is called best only once the always-valid test shows it above every other arm' : `Exploring: every arm needs ${bandit.burnInVisitors.toLocaleString()} visitors before the bandit moves traffic`),
    h('thead', {}, h('tr', {}, ['Arm', 'Share now', 'Visitors', report.primaryMetric === 'revenue-per-visitor' ? 'Revenue per visitor' : 'Acceptance rate', 'Chance of being best', 'Expected loss'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, bandit.arms.map((a) => h('tr', {},
      h('th', { scope: 'row' }, a.key),
      h('td', { class: 'num' }, percent(a.weight)),
      h('td', { class: 'num' }, a.visitors.toLocaleString()),
      h('td', { class: 'num' }, `${metricValue(a.estimate)} (${a.interval.low == null ? '…' : metricValue(a.interval.low)} to ${a.interval.high == null ? '…' : metricValue(a.interval.high)})`),
      h('td', { class: 'num' }, percent(a.chanceToBeBest)),
      h('td', { class: 'num' }, lossValue(a.expectedLoss)))))));

  // The phase's first weights, then every reallocation: a row of numbers, and a bar of the same shares beside it.
  const start = (report.phases || []).find((p) => p.phase === report.phase);
  const rows = [...(start ? [{ at: start.startedAt, weights: start.weights, first: true }] : []), ...bandit.reallocations];
  const when = (at) => new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
  const history = h('div', { class: 'table-wrap' }, h('table', { class: 'weights' },
    h('caption', {}, `Weights over time: ${bandit.reallocations.length} reallocation${bandit.reallocations.length === 1 ? '' : 's'} so far`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'From'), keys.map((k) => h('th', { scope: 'col' }, k)), h('th', { scope: 'col' }, 'Split'))),
    h('tbody', {}, rows.map((r) => h('tr', {},
      h('th', { scope: 'row' }, r.first ? `${when(r.at)} (start)` : when(r.at)),
      keys.map((k) => h('td', { class: 'num' }, percent(r.weights[k] ?? 0))),
      h('td', {}, h('div', { class: 'shares', 'aria-hidden': 'true' }, keys.map((k, i) => bar(i, r.weights[k] ?? 0)))))))));
  return h('section', { class: 'results', 'aria-labelledby': 'results-title' }, h('h2', { id: 'results-title' }, 'Results'), facts, arms, history);
}
