// The results panel of an experiment: coverage and allocation; for a fixed test each arm's visitors, accepts, rates
// and revenue with each variant's lift and its intervals, as a table and a chart; for a bandit each arm's
// period-weighted estimate, its chance of being the best arm, the expected loss of choosing it ("not enough data"
// while an arm has no visitors), and the weights over time.
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
  if (!report.bandit) return h('section', { class: 'results', 'aria-labelledby': 'results-title' }, h('h2', { id: 'results-title' }, 'Results'), facts, ...fixedResults(report, { currency, locale }));

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
      a.chanceToBeBest == null ? h('td', { colspan: 2 }, a.visitors ? 'Not enough data: an arm has no visitors yet' : 'Not enough data: no visitors yet')
        : [h('td', { class: 'num' }, percent(a.chanceToBeBest)), h('td', { class: 'num' }, lossValue(a.expectedLoss))])))));

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

const signed = (x, places = 1) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(places)}%`;

// A fixed test: each arm's counts and rates, and each variant against control on the primary metric.
function fixedResults(report, { currency, locale }) {
  const metricName = report.primaryMetric === 'revenue-per-visitor' ? 'revenue per visitor' : 'acceptance rate';
  const against = (key) => (report.comparisons || []).find((c) => c.variant === key && c.metric === report.primaryMetric);
  const money = (minor) => format(Math.round(minor), currency, locale);
  const lift = (c) => (c.relativeLift == null
    ? `${report.primaryMetric === 'revenue-per-visitor' ? money(c.difference) : `${(c.difference * 100).toFixed(2)} pts`} (no baseline yet)`
    : `${signed(c.relativeLift)} (${signed(c.relativeInterval.low, 0)} to ${signed(c.relativeInterval.high, 0)})`);
  const table = h('div', { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': 'Results per arm, scrolls sideways' }, h('table', { class: 'arms' },
    h('caption', {}, `Each arm in phase ${report.phase}; lift on ${metricName} against control with its 95% interval`),
    h('thead', {}, h('tr', {}, ['Arm', 'Share', 'Visitors', 'Accepting visitors', 'Acceptance rate', 'Revenue per visitor', `Lift on ${metricName}`, 'Chance to beat control'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, report.arms.map((a, i) => {
      const c = i === 0 ? null : against(a.key);
      return h('tr', {},
        h('th', { scope: 'row' }, a.key),
        h('td', { class: 'num' }, percent(a.weight, 0)),
        h('td', { class: 'num' }, a.totals.visitors.toLocaleString(locale)),
        h('td', { class: 'num' }, a.totals.acceptingVisitors.toLocaleString(locale)),
        h('td', { class: 'num' }, percent(a.totals.acceptanceRate, 2)),
        h('td', { class: 'num' }, money(a.totals.revenuePerVisitor)),
        h('td', { class: 'num' }, i === 0 ? 'baseline' : c ? lift(c) : '–'),
        h('td', { class: 'num' }, i === 0 || !c ? '–' : percent(c.chanceToBeatControl)));
    }))));
  return [table, liftChart(report, against)];
}

// Each variant's lift as a bar on one axis with no change marked: the 95% interval, and the wider interval the
// verdict waits on (it allows for a look every day). Drawn from the table's numbers, so hidden from screen readers.
function liftChart(report, against) {
  const rows = report.arms.slice(1).map((a) => ({ key: a.key, c: against(a.key) }))
    .filter(({ c }) => c && c.relativeLift != null && c.control > 0)
    .map(({ key, c }) => ({
      key, lift: c.relativeLift, low: c.relativeInterval.low, high: c.relativeInterval.high,
      // The always-valid interval is of the difference; relative to control's mean, as the verdict reads it.
      avLow: c.alwaysValidInterval.low == null ? null : c.alwaysValidInterval.low / c.control,
      avHigh: c.alwaysValidInterval.high == null ? null : c.alwaysValidInterval.high / c.control,
    }));
  if (!rows.length) return null;
  const ends = rows.flatMap((r) => [r.low, r.high, r.avLow ?? r.low, r.avHigh ?? r.high]).concat(0);
  const [min, max] = [Math.min(...ends), Math.max(...ends)];
  const pad = (max - min) * 0.05 || 0.05;
  const at = (x) => ((x - (min - pad)) / (max - min + 2 * pad)) * 100;
  const place = (element, from, to) => { element.style.left = `${at(from)}%`; element.style.width = `${Math.max(at(to) - at(from), 0.5)}%`; return element; };
  const zero = h('span', { class: 'zero' });
  zero.style.left = `${at(0)}%`;
  return h('figure', { class: 'lift-chart', 'aria-hidden': 'true' },
    ...rows.map((r) => {
      const point = h('span', { class: 'point' });
      point.style.left = `${at(r.lift)}%`;
      return h('div', { class: 'lift-row' }, h('span', { class: 'arm' }, r.key),
        h('span', { class: 'track' }, zero.cloneNode(), place(h('span', { class: 'always-valid' }), r.avLow ?? min - pad, r.avHigh ?? max + pad), place(h('span', { class: 'interval' }), r.low, r.high), point));
    }),
    h('div', { class: 'lift-row axis' }, h('span', { class: 'arm' }), h('span', { class: 'track' }, h('span', {}, signed(min - pad, 0)), h('span', {}, signed(max + pad, 0)))),
    h('figcaption', { class: 'note' }, `Lift on ${report.primaryMetric === 'revenue-per-visitor' ? 'revenue per visitor' : 'acceptance rate'}: the upright line is no change; dark, the 95% interval; light, the interval the verdict waits on, which allows for a look every day. A variant is proven once its light bar clears the line.`));
}
