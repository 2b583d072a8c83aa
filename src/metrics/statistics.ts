/**
 * Summary statistics for replicate metrics. Mean and variance use Welford's update and Chan's
 * merge, so shards can be summarised apart and combined; callers combine in replicate order,
 * which makes the floating-point result the same however the work was split.
 */
export interface Moments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

export function emptyMoments(): Moments {
  return { n: 0, mean: 0, m2: 0 };
}

/** Welford: adds one observation. */
export function addValue(m: Moments, x: number): Moments {
  const n = m.n + 1;
  const delta = x - m.mean;
  const mean = m.mean + delta / n;
  return { n, mean, m2: m.m2 + delta * (x - mean) };
}

/** Chan et al.: combines two summaries as if their observations had been added one by one. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

export interface Summary {
  mean: number;
  sd: number;
  /**
   * 95% confidence interval of the mean (Student t), [mean, mean] with one observation, cut
   * to the range the quantity can take when one is given.
   */
  ci95: [number, number];
  n: number;
}

/**
 * Mean, standard deviation and the mean's 95% interval. With `range`, the interval is cut to
 * it: a rare event's rate over a few replicates has a t-interval reaching below 0, which no
 * replicate can give. Cutting loses no coverage (the true mean lies in the range) and leaves
 * the mean and sd as they are.
 */
export function summarize(m: Moments, range: readonly [number, number] = UNBOUNDED): Summary {
  const sd = m.n > 1 ? Math.sqrt(m.m2 / (m.n - 1)) : 0;
  const half = m.n > 1 ? studentT975(m.n - 1) * (sd / Math.sqrt(m.n)) : 0;
  return { mean: m.mean, sd, ci95: [Math.max(range[0], m.mean - half), Math.min(range[1], m.mean + half)], n: m.n };
}

const UNBOUNDED = [-Infinity, Infinity] as const;

export function summarizeValues(values: readonly number[]): Summary {
  let m = emptyMoments();
  for (const x of values) m = addValue(m, x);
  return summarize(m);
}

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom, by bisection on the CDF
 * (regularised incomplete beta, continued fraction as in Numerical Recipes). Exact to 1e-10,
 * which a table or normal approximation is not for the small n of quick batches.
 */
export function studentT975(df: number): number {
  // A batch summarises hundreds of metrics and per-link figures with the same df: each
  // quantile is found once (200 bisection steps) and remembered.
  let t = t975ByDf.get(df);
  if (t === undefined) {
    t = bisectT975(df);
    t975ByDf.set(df, t);
  }
  return t;
}

const t975ByDf = new Map<number, number>();

function bisectT975(df: number): number {
  let lo = 0;
  let hi = 1000;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < 0.975) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function studentCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** Lanczos approximation of ln Γ(z). */
function logGamma(z: number): number {
  const g = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let x = z;
  let y = z;
  let tmp = x + 5.5;
  tmp -= (x + 0.5) * Math.log(tmp);
  let ser = 1.000000000190015;
  for (const c of g) ser += c / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}
