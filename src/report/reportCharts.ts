import type { TopLevelSpec } from 'vega-lite';
import type { ReportInput, RunFolder } from './readReportInput.js';

/**
 * The report's charts as Vega-Lite specifications: data in, a declarative chart out. Axes,
 * scales, legends, facets and error bars come from Vega-Lite; this module only shapes rows.
 */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** One sentence under the chart: what it shows and how to read it. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** Headline outcomes: who got through, who was hurt or caught, and at what cost in time and money. */
export const HEADLINE_METRICS: readonly { name: string; label: string }[] = [
  { name: 'arrived', label: 'arrived' },
  { name: 'died', label: 'died' },
  { name: 'apprehensions', label: 'apprehensions' },
  { name: 'deaths_per_1000', label: 'deaths per 1,000' },
  { name: 'remote_share', label: 'remote share' },
  { name: 'robberies_per_agent', label: 'robberies per person' },
  { name: 'mean_transit_days', label: 'transit days' },
  { name: 'mean_cost_usd', label: 'cost (USD)' },
];

const TIMELINE_METRICS = ['apprehensions', 'deportations', 'deaths', 'remote_share'];
const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 10, titleFontSize: 11 }, header: { labelFontSize: 11 }, font: 'Helvetica, Arial, sans-serif' };

interface Row {
  scenario: string;
  metric: string;
  mean: number;
  lo: number;
  hi: number;
}

function rowsOf(runs: readonly RunFolder[], pick: (name: string) => string | null): Row[] {
  const rows: Row[] = [];
  for (const run of runs) {
    for (const [name, s] of Object.entries(run.metrics)) {
      const metric = pick(name);
      if (metric !== null) rows.push({ scenario: run.label, metric, mean: s.mean, lo: s.ci95[0], hi: s.ci95[1] });
    }
  }
  return rows;
}

/**
 * Small multiples: one panel per metric, each with its own scale on the `free` axis (metrics
 * differ by orders of magnitude), in headline order unless `sort` says otherwise.
 */
function panelsByMetric(rows: object[], panel: object, options: { columns: number; free: 'x' | 'y'; sort?: null }): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    facet: { field: 'metric', type: 'nominal', title: null, sort: options.sort === null ? null : HEADLINE_METRICS.map((m) => m.label) },
    columns: options.columns,
    spec: panel,
    resolve: { scale: { [options.free]: 'independent' } },
    config: CONFIG,
  } as TopLevelSpec;
}

/** Bars with 95% CI whiskers, one small panel per metric, each with its own y scale. */
function barsWithCi(rows: Row[], columns: number): TopLevelSpec {
  return panelsByMetric(rows, {
    width: { step: 28 },
    height: 120,
    layer: [
      { mark: { type: 'bar', tooltip: true }, encoding: { x: { field: 'scenario', type: 'nominal', title: null, axis: { labels: false, ticks: false } }, y: { field: 'mean', type: 'quantitative', title: null }, color: { field: 'scenario', type: 'nominal', title: 'scenario' } } },
      { mark: { type: 'rule', color: '#222' }, encoding: { x: { field: 'scenario', type: 'nominal' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    ],
  }, { columns, free: 'y' });
}

/** Every chart the input supports; charts without data (e.g. a timeline of one year) are left out. */
export function reportCharts(input: ReportInput): ChartSpec[] {
  if (input.kind === 'sweep') return sweepCharts(input);
  const { runs, comparisons } = input;
  const charts: ChartSpec[] = [];
  const label = new Map(HEADLINE_METRICS.map((m) => [m.name, m.label]));
  charts.push({
    id: 'headline',
    title: 'Headline outcomes',
    caption: `Mean over replicates with its 95% confidence interval (whiskers); ${runs.map((r) => `${r.label}: ${r.manifest.runs} replicates`).join(', ')}.`,
    spec: barsWithCi(rowsOf(runs, (n) => label.get(n) ?? null), 4),
  });
  if (comparisons.length > 0) {
    const rows = comparisons.flatMap((c) =>
      HEADLINE_METRICS.filter((m) => c.differences[m.name]).map((m) => ({ comparison: `${c.label} - ${c.base}`, metric: m.label, mean: c.differences[m.name].mean, lo: c.differences[m.name].ci95[0], hi: c.differences[m.name].ci95[1] })),
    );
    charts.push({
      id: 'differences',
      title: 'Change from the first scenario',
      caption: `${comparisons.every((c) => c.paired) ? 'Paired differences replicate by replicate (common random numbers)' : "Differences of means with Welch's interval (the runs cannot be paired)"}, with 95% confidence intervals; a whisker that crosses the zero line is not a significant change.`,
      spec: panelsByMetric(rows, {
        width: 150,
        height: 40 + 20 * comparisons.length,
        layer: [
          { mark: { type: 'rule', color: '#999', strokeDash: [3, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
          { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y: { field: 'comparison', type: 'nominal', title: null }, x: { field: 'lo', type: 'quantitative', title: null }, x2: { field: 'hi' }, color: { field: 'comparison', type: 'nominal', legend: null } } },
          { mark: { type: 'point', filled: true, size: 50, tooltip: true }, encoding: { y: { field: 'comparison', type: 'nominal' }, x: { field: 'mean', type: 'quantitative' }, color: { field: 'comparison', type: 'nominal', legend: null } } },
        ],
      }, { columns: 4, free: 'x' }),
    });
  }
  const modes = rowsOf(runs, (n) => (/^mode_share\.[a-z]+$/.test(n) ? n.slice('mode_share.'.length) : null));
  if (modes.length > 0) {
    charts.push({
      id: 'modes',
      title: 'Mode shares',
      caption: 'Share of person-kilometres travelled by each mode, with 95% confidence intervals.',
      spec: groupedBars(modes, 'mode', 'share of person-km'),
    });
  }
  const names = placeNames(runs[0]);
  const crossings = rowsOf(runs, (n) => (n.startsWith('crossing_share.') ? names.get(n.slice('crossing_share.'.length)) ?? n.slice('crossing_share.'.length) : null));
  const used = new Set(crossings.filter((r) => r.mean >= 0.005).map((r) => r.metric));
  if (used.size > 0) {
    charts.push({
      id: 'crossings',
      title: 'Border crossings used',
      caption: 'Share of people entering Mexico at each crossing (crossings used by at least 0.5% in some scenario), with 95% confidence intervals.',
      spec: groupedBars(crossings.filter((r) => used.has(r.metric)), 'crossing', 'share of entries'),
    });
  }
  const timeline = timelineRows(runs);
  if (new Set(timeline.map((r) => r.year)).size > 1) {
    charts.push({
      id: 'timeline',
      title: 'By year',
      caption: 'Each outcome by calendar year within the simulated period (a partial year counts only its simulated days), with 95% confidence intervals.',
      spec: panelsByMetric(timeline, {
        width: 200,
        height: 130,
        layer: [
          { mark: { type: 'line', point: true, tooltip: true }, encoding: { x: { field: 'year', type: 'ordinal', title: null }, y: { field: 'mean', type: 'quantitative', title: null }, color: { field: 'scenario', type: 'nominal' } } },
          { mark: 'rule', encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { field: 'scenario', type: 'nominal' } } },
        ],
      }, { columns: 3, free: 'y', sort: null }),
    });
  }
  return charts;
}

function groupedBars(rows: Row[], what: string, axis: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    width: { step: 14 * Math.max(1, new Set(rows.map((r) => r.scenario)).size) },
    height: 180,
    layer: [
      { mark: { type: 'bar', tooltip: true }, encoding: { x: { field: 'metric', type: 'nominal', title: what, axis: { labelAngle: -40 } }, xOffset: { field: 'scenario' }, y: { field: 'mean', type: 'quantitative', title: axis, axis: { format: '.0%' } }, color: { field: 'scenario', type: 'nominal' } } },
      { mark: { type: 'rule', color: '#222' }, encoding: { x: { field: 'metric', type: 'nominal' }, xOffset: { field: 'scenario' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    ],
    config: CONFIG,
  } as TopLevelSpec;
}

function placeNames(run: RunFolder): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of run.map.features) if (f.properties.kind === 'place') names.set(String(f.properties.id), String(f.properties.name));
  return names;
}

function timelineRows(runs: readonly RunFolder[]): (Row & { year: string })[] {
  const rows: (Row & { year: string })[] = [];
  for (const run of runs) {
    for (const [name, s] of Object.entries(run.metrics)) {
      const m = /^(.*)\.year\.(\d{4})$/.exec(name);
      if (!m || !(TIMELINE_METRICS.includes(m[1]) || m[1].startsWith('mode_share.'))) continue;
      rows.push({ scenario: run.label, metric: m[1], year: m[2], mean: s.mean, lo: s.ci95[0], hi: s.ci95[1] });
    }
  }
  return rows;
}

function sweepCharts(input: Extract<ReportInput, { kind: 'sweep' }>): ChartSpec[] {
  const [x, colour] = input.params;
  const numeric = input.rows.every((r) => Number.isFinite(Number(r[x])));
  const rows = input.rows.flatMap((r) =>
    HEADLINE_METRICS.filter((m) => r[`${m.name}.mean`] !== undefined).map((m) => ({
      x: numeric ? Number(r[x]) : r[x],
      group: colour === undefined ? 'all' : r[colour],
      metric: m.label,
      mean: Number(r[`${m.name}.mean`]),
      lo: Number(r[`${m.name}.ci_lo`]),
      hi: Number(r[`${m.name}.ci_hi`]),
    })),
  );
  const xEnc = { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: x } as const;
  const colourEnc = colour === undefined ? { value: '#4c78a8' } : { field: 'group', type: 'nominal', title: colour };
  return [
    {
      id: 'sweep',
      title: `Outcomes against ${x}`,
      caption: `Mean of each outcome at each point of the sweep, with its 95% confidence band${colour === undefined ? '' : `; one line per value of ${colour}`}.`,
      spec: panelsByMetric(rows, {
        width: 160,
        height: 120,
        layer: [
          { mark: { type: 'area', opacity: 0.2 }, encoding: { x: xEnc, y: { field: 'lo', type: 'quantitative', title: null }, y2: { field: 'hi' }, color: colourEnc } },
          { mark: { type: 'line', point: true, tooltip: true }, encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative' }, color: colourEnc } },
        ],
      }, { columns: 4, free: 'y' }),
    },
  ];
}
