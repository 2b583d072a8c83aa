import type { Manifest } from '../batch/manifest.js';
import type { Difference } from '../metrics/summarizeReplicates.js';
import { HEADLINE_METRICS, reportCharts } from './reportCharts.js';
import { mapSpec } from './reportMap.js';
import type { ReportInput, RunFolder } from './readReportInput.js';
import { renderSvg } from './renderSvg.js';

/**
 * The report as one HTML file: the map and charts are SVG rendered at build time and inlined,
 * with the styles, so the file opens offline, in any browser, with no script at all.
 */
export async function renderReport(input: ReportInput, title: string): Promise<string> {
  const sections: string[] = [];
  if (input.kind === 'runs') {
    const [run, other] = input.runs;
    const compared = input.comparisons.length > 0 ? other : undefined;
    sections.push(
      figure(
        'map',
        'Where people travelled',
        await renderSvg(mapSpec(run, compared)),
        compared
          ? `Mean flow of people on each link (line width: the larger of the two runs); colour: change from ${esc(run.label)} to ${esc(compared.label)} (red: more, blue: fewer). Black markers: where the policies of ${esc(compared.label)} act.`
          : `Mean flow of people on each link (line width), coloured by mode; black markers: where the scenario's policies act.`,
      ),
    );
  }
  for (const chart of reportCharts(input)) sections.push(figure(`chart-${chart.id}`, chart.title, await renderSvg(chart.spec), esc(chart.caption), 'chart'));
  const tables = input.kind === 'runs' ? [headlineTable(input.runs, input.comparisons), ...input.runs.map(manifestTable)] : [sweepNote(input)];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="corredor">
<title>${esc(title)}</title>
<style>
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1100px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; max-width: 60em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.note { color: #555; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="note">Written by corredor from ${esc(input.kind === 'runs' ? input.runs.map((r) => r.dir).join(', ') : input.dir)}. Intervals are 95% confidence intervals over replicates.</p>
${sections.join('\n')}
${tables.join('\n')}
</body>
</html>
`;
}

function figure(id: string, heading: string, svg: string, caption: string, className = 'map'): string {
  return `<section id="${id}" class="${className}">
<h2>${esc(heading)}</h2>
<figure>${svg}<figcaption>${caption}</figcaption></figure>
</section>`;
}

function headlineTable(runs: readonly RunFolder[], comparisons: readonly { label: string; base: string; paired: boolean; differences: Readonly<Record<string, Difference>> }[]): string {
  const head = ['metric', ...runs.map((r) => esc(r.label)), ...comparisons.map((c) => `${esc(c.label)} - ${esc(c.base)}${c.paired ? ' (paired)' : ' (Welch)'}`)];
  const rows = HEADLINE_METRICS.map(({ name, label }) => {
    const cells = runs.map((r) => (r.metrics[name] ? withCi(r.metrics[name].mean, r.metrics[name].ci95) : 'n/a'));
    const diffs = comparisons.map((c) => (c.differences[name] ? withCi(c.differences[name].mean, c.differences[name].ci95, true) : 'n/a'));
    return [esc(label), ...cells, ...diffs];
  });
  return `<section id="headline-table"><h2>Headline metrics</h2>${table(head, rows)}</section>`;
}

function manifestTable(run: RunFolder): string {
  const m: Manifest = run.manifest;
  const rows = [
    ['scenario file', esc(m.scenarios.map((s) => s.file).join(', '))],
    ['scenario hash (sha256)', `<code>${esc(m.scenarios.map((s) => s.hash).join(', '))}</code>`],
    ['seed', String(m.seed)],
    ['replicates', `${m.replicates.count} of ${m.runs}${m.replicates.shard ? ` (shard ${esc(m.replicates.shard)})` : ''}`],
    ['random streams', esc(m.streams)],
    ['corredor', `${esc(m.corredor)}${m.gitCommit ? ` (commit ${esc(m.gitCommit.slice(0, 12))})` : ''}`],
    ['Node.js', esc(m.node)],
    ['workers, wall time, CPU time', `${m.workers}, ${m.wallSeconds} s, ${typeof m.cpuSeconds === 'number' ? `${m.cpuSeconds} s` : 'not recorded'}`],
  ];
  return `<section class="manifest"><h2>Run manifest: ${esc(run.label)}</h2>${table(['field', 'value'], rows)}</section>`;
}

function sweepNote(input: Extract<ReportInput, { kind: 'sweep' }>): string {
  return `<section class="manifest"><h2>Sweep</h2><p class="note">${input.rows.length} points over ${input.params.map(esc).join(' and ')}; every point's metrics with their CIs are in ${esc(input.dir)}/sweep.csv.</p></section>`;
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function withCi(mean: number, ci: readonly number[], signed = false): string {
  const f = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));
  return `${signed && mean > 0 ? '+' : ''}${f(mean)} [${f(ci[0])}, ${f(ci[1])}]`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
