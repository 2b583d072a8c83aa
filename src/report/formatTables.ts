import type { Difference } from '../metrics/summarizeReplicates.js';
import type { Summary } from '../metrics/statistics.js';

/** Shares print as percentages (values) and percentage points (differences). */
export function isShare(metric: string): boolean {
  return /(^|\.)([a-z_]*share)(\.|$)/.test(metric);
}

/** Headline metrics first (in the scenario's order), then the rest alphabetically. */
export function orderMetrics(names: readonly string[], headline: readonly string[]): string[] {
  const first = headline.filter((h) => names.includes(h));
  return [...first, ...names.filter((n) => !first.includes(n))];
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(2);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(3);
}

function signed(x: number): string {
  const s = num(x);
  return x > 0 ? `+${s}` : s;
}

/** One line per metric: `remote_share   2.8 %  [2.6, 3.0]`. */
export function summaryTable(metrics: Record<string, Summary>, headline: readonly string[]): string {
  const names = orderMetrics(Object.keys(metrics), headline);
  const width = Math.max(...names.map((n) => n.length));
  return names
    .map((n) => {
      const s = metrics[n];
      const k = isShare(n) ? 100 : 1;
      const unit = isShare(n) ? ' %' : '';
      return `${n.padEnd(width)}  ${num(s.mean * k)}${unit}  [${num(s.ci95[0] * k)}, ${num(s.ci95[1] * k)}]`;
    })
    .join('\n');
}

/** One line per metric: `remote_share  +7.4 pp  [6.1, 8.6]`. */
export function differenceTable(diff: Record<string, Difference>, headline: readonly string[]): string {
  const names = orderMetrics(Object.keys(diff), headline);
  const width = Math.max(...names.map((n) => n.length));
  return names
    .map((n) => {
      const d = diff[n];
      const k = isShare(n) ? 100 : 1;
      const unit = isShare(n) ? ' pp' : '';
      const significant = d.n > 1 && (d.ci95[0] > 0 || d.ci95[1] < 0) ? '' : '  (CI includes 0)';
      return `${n.padEnd(width)}  ${signed(d.mean * k)}${unit}  [${num(d.ci95[0] * k)}, ${num(d.ci95[1] * k)}]${significant}`;
    })
    .join('\n');
}
