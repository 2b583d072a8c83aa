import { metricRange, NON_NEGATIVE } from './replicateMetrics.js';
import { LINK_SERIES, type LinkSeries, type ReplicateResult } from './replicateResult.js';
import { addValue, emptyMoments, studentT975, summarize, summarizeValues, type Moments, type Summary } from './statistics.js';

/** Every metric and every link's flow summarised over replicates. */
export interface BatchSummary {
  readonly metrics: Record<string, Summary>;
  /** Per link series, per link. */
  readonly links: Record<LinkSeries, Summary[]>;
}

/**
 * Summaries over replicates, always accumulated in replicate order: the floating-point result
 * then does not depend on which worker or shard finished first. Intervals are cut to the
 * values each metric can take (metricRange).
 */
export function summarizeReplicates(results: readonly ReplicateResult[]): BatchSummary {
  const sorted = [...results].sort((a, b) => a.replicate - b.replicate);
  const names = metricNames(sorted);
  const metrics: Record<string, Summary> = {};
  for (const name of names) {
    let m: Moments = emptyMoments();
    for (const r of sorted) m = addValue(m, r.metrics[name] ?? 0);
    metrics[name] = summarize(m, metricRange(name));
  }
  const count = sorted[0]?.links.flow.length ?? 0;
  const perLink = (series: LinkSeries) =>
    Array.from({ length: count }, (_, l) => {
      let m: Moments = emptyMoments();
      for (const r of sorted) m = addValue(m, r.links[series][l]);
      return summarize(m, NON_NEGATIVE);
    });
  const links = Object.fromEntries(LINK_SERIES.map((s) => [s, perLink(s)])) as Record<LinkSeries, Summary[]>;
  return { metrics, links };
}

/** The union of metric names, sorted, so every table has the same columns. */
export function metricNames(results: readonly ReplicateResult[]): string[] {
  const names = new Set<string>();
  for (const r of results) for (const k of Object.keys(r.metrics)) names.add(k);
  return [...names].sort();
}

export interface Difference {
  mean: number;
  ci95: [number, number];
  n: number;
}

/**
 * Paired differences b - a, replicate by replicate: with common random numbers replicate r of
 * both scenarios shares its population and its luck, so the difference measures the policy.
 */
export function pairedDifferences(a: readonly ReplicateResult[], b: readonly ReplicateResult[]): Record<string, Difference> {
  const byRep = new Map(a.map((r) => [r.replicate, r]));
  const pairs = [...b].sort((x, y) => x.replicate - y.replicate).filter((r) => byRep.has(r.replicate));
  const out: Record<string, Difference> = {};
  for (const name of metricNames([...a, ...b])) {
    const s = summarizeValues(pairs.map((r) => (r.metrics[name] ?? 0) - (byRep.get(r.replicate)!.metrics[name] ?? 0)));
    out[name] = { mean: s.mean, ci95: s.ci95, n: s.n };
  }
  return out;
}

/**
 * b - a for two batches that cannot be paired (other seeds, independent streams, other
 * replicate counts): Welch's interval, with the Welch-Satterthwaite degrees of freedom.
 */
export function welchDifference(a: Summary, b: Summary): Difference {
  const mean = b.mean - a.mean;
  const va = a.n > 0 ? (a.sd * a.sd) / a.n : 0;
  const vb = b.n > 0 ? (b.sd * b.sd) / b.n : 0;
  const se = Math.sqrt(va + vb);
  if (se === 0 || a.n < 2 || b.n < 2) return { mean, ci95: [mean, mean], n: Math.min(a.n, b.n) };
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = studentT975(df) * se;
  return { mean, ci95: [mean - half, mean + half], n: Math.min(a.n, b.n) };
}
