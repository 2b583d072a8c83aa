/**
 * The median of a sample and a distribution-free confidence interval for it, from order
 * statistics: with n values sorted, the interval [x(k), x(n+1-k)] covers the true median with
 * probability 1 - 2 P(B <= k - 1), B ~ Binomial(n, 1/2). k is the largest index whose coverage
 * is still at least the level asked for.
 *
 * Why this and not a t interval: the benchmarks' round ratios come from a host whose load moves
 * single batches by up to 1.9x, so their distribution has long tails; the order-statistic
 * interval assumes nothing about its shape, only that rounds are independent.
 */
export interface MedianInterval {
  median: number;
  /** [low, high], or null when n is too small for any interval at this level (n < 6 at 95%). */
  interval: [number, number] | null;
  /** The interval's exact coverage, e.g. 0.961 for n = 12 at a level of 0.95. */
  coverage: number | null;
}

/** The median: the middle value, or the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('a median needs at least one value');
  return middleOfSorted([...values].sort((a, b) => a - b));
}

function middleOfSorted(x: readonly number[]): number {
  const n = x.length;
  return n % 2 === 1 ? x[(n - 1) / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

export function medianInterval(values: readonly number[], level = 0.95): MedianInterval {
  const n = values.length;
  if (n === 0) throw new Error('medianInterval needs at least one value');
  const x = [...values].sort((a, b) => a - b);
  const median = middleOfSorted(x);
  // The interval [x(j+1), x(n-j)] covers with 1 - 2 P(B <= j); P(B <= j) is summed from the
  // binomial's terms C(n, j) / 2^n.
  let term = Math.pow(0.5, n);
  let below = 0;
  let k = 0;
  let coverage: number | null = null;
  for (let j = 0; 2 * (j + 1) <= n; j++) {
    const cdf = below + term;
    if (1 - 2 * cdf < level) break;
    k = j + 1;
    coverage = 1 - 2 * cdf;
    below = cdf;
    term = (term * (n - j)) / (j + 1);
  }
  if (k === 0) return { median, interval: null, coverage: null };
  return { median, interval: [x[k - 1], x[n - k]], coverage };
}

/**
 * Paired rounds' ratios as the benchmarks print them: every round's ratio (3 decimals), their
 * median, and its 95% interval with its coverage (null under 6 rounds).
 */
export function roundRatios(rounds: readonly number[]) {
  const r = rounds.map((x) => Number(x.toFixed(3)));
  const m = medianInterval(r);
  return { rounds: r, median: Number(m.median.toFixed(3)), ci95: m.interval, coverage: m.coverage === null ? null : Number(m.coverage.toFixed(4)) };
}
