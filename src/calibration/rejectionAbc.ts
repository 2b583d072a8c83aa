import { createStream } from '../core/rng.js';
import type { CalibrationSpec, TargetExpr } from './calibrationSpec.js';

/**
 * Rejection ABC (approximate Bayesian computation) with a quantile threshold: draw parameter
 * vectors from the priors, simulate each, keep the `accept` share closest to the observations.
 * The kept vectors are a sample of the approximate posterior. Chosen over ABC-SMC because a
 * batch of independent samples runs on the same worker pool, checkpoints and resumes like any
 * batch, and stays byte-reproducible; its cost (many rejected samples) is affordable at the
 * reduced demand calibrations run at.
 */

/** Parameter vectors, sample by sample, each drawn from a stream keyed by (seed, sample). */
export function drawParameters(spec: CalibrationSpec): number[][] {
  return Array.from({ length: spec.samples }, (_, i) => {
    const stream = createStream(`${spec.seed}:calibrate:sample:${i}`);
    return spec.parameters.map((p) => {
      const u = stream.double();
      if (p.prior.uniform) return p.prior.uniform[0] + u * (p.prior.uniform[1] - p.prior.uniform[0]);
      if (p.prior.integer) return p.prior.integer[0] + Math.floor(u * (p.prior.integer[1] - p.prior.integer[0] + 1));
      const [lo, hi] = p.prior.loguniform!;
      return Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
    });
  });
}

/** What a model quantity reads: mean metrics and mean link flows of each scenario. */
export interface ModelOutputs {
  metric(scenario: string, name: string): number;
  linkFlow(scenario: string, linkId: string): number;
}

export function evaluate(e: TargetExpr, out: ModelOutputs): number {
  if ('sum' in e) return e.sum.reduce((s, x) => s + evaluate(x, out), 0);
  if ('ratio' in e) return evaluate(e.ratio[0], out) / evaluate(e.ratio[1], out);
  if ('metric' in e) return out.metric(e.scenario, e.metric);
  return out.linkFlow(e.scenario, e.link_flow);
}

export interface CalibrationResult {
  /** Distance of every sample from the observations (Infinity when a target is undefined). */
  readonly distances: readonly number[];
  /** Indices of the accepted samples, closest first. */
  readonly accepted: readonly number[];
  /** The largest accepted distance. */
  readonly epsilon: number;
  readonly parameters: Record<string, { prior: string; mean: number; median: number; q05: number; q95: number; best: number }>;
  readonly targets: Record<string, { observed: number; sd: number; log: boolean; best: number; median: number; q05: number; q95: number; source: string }>;
}

/**
 * The distance of a sample: the root of the sum of squared standardised gaps, each target's
 * gap divided by its tolerance (on the log scale for `log` targets).
 */
export function distance(spec: CalibrationSpec, modelValues: readonly number[]): number {
  let sum = 0;
  spec.targets.forEach((t, k) => {
    const m = modelValues[k];
    const gap = t.log ? (m > 0 ? Math.log(m) - Math.log(t.observed) : Infinity) : m - t.observed;
    sum += (gap / t.sd) ** 2;
  });
  return Number.isFinite(sum) ? Math.sqrt(sum) : Infinity;
}

export function rejectionAbc(spec: CalibrationSpec, values: readonly number[][], modelValues: readonly number[][]): CalibrationResult {
  const distances = modelValues.map((m) => distance(spec, m));
  const keep = Math.max(1, Math.round(spec.accept * values.length));
  // Ties break by sample index, so the accepted set never depends on sort stability.
  const order = distances.map((d, i) => i).sort((a, b) => distances[a] - distances[b] || a - b);
  const accepted = order.slice(0, keep).filter((i) => Number.isFinite(distances[i]));
  const best = accepted[0] ?? order[0];
  const parameters: CalibrationResult['parameters'] = {};
  spec.parameters.forEach((p, k) => {
    const xs = accepted.map((i) => values[i][k]);
    // An integer parameter's summaries are values it can take (the nearest-rank quantile), so
    // its median can go into a scenario as it is.
    const q = p.prior.integer ? nearestRank : quantile;
    parameters[p.name] = {
      prior: p.prior.uniform ? `uniform [${p.prior.uniform.join(', ')}]` : p.prior.integer ? `integers ${p.prior.integer.join('..')}` : `log-uniform [${p.prior.loguniform!.join(', ')}]`,
      mean: xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length),
      median: q(xs, 0.5),
      q05: q(xs, 0.05),
      q95: q(xs, 0.95),
      best: values[best][k],
    };
  });
  const targets: CalibrationResult['targets'] = {};
  spec.targets.forEach((t, k) => {
    const xs = accepted.map((i) => modelValues[i][k]);
    targets[t.name] = { observed: t.observed, sd: t.sd, log: t.log, best: modelValues[best][k], median: quantile(xs, 0.5), q05: quantile(xs, 0.05), q95: quantile(xs, 0.95), source: t.source };
  });
  return { distances, accepted, epsilon: accepted.length > 0 ? distances[accepted[accepted.length - 1]] : Infinity, parameters, targets };
}

/** The smallest value with at least a share q of the values at or below it (inverted CDF, R's type 1); NaN for none. */
export function nearestRank(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)];
}

/** Quantile with linear interpolation between order statistics (R's type 7); NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
