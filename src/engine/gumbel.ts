/**
 * The Gumbel noise of route choice, -log(-log(u)), and a cheap upper bound of it.
 *
 * Route choice takes the candidate with the largest utility v + G(u). The two logarithms of
 * G(u) are most of a choice's cost, and most candidates cannot win: once a good candidate is
 * found, a candidate whose deterministic part v is well below it needs an unusually large draw.
 * The bound lets the choice skip the logarithms when v + bound(u) is already below the best
 * utility so far. It is a true bound of the computed G(u) (G increases with u, and the table
 * holds G at the top of each bucket plus a margin far above the rounding of Math.log), so the
 * choice is exactly the one computed without it.
 */
const BUCKETS = 1024;
/** Far above the error of two correctly rounded logarithms and one addition (about 1e-15). */
const MARGIN = 1e-9;

const upper = new Float64Array(BUCKETS);
for (let k = 0; k < BUCKETS; k++) upper[k] = k === BUCKETS - 1 ? Infinity : gumbel((k + 1) / BUCKETS) + MARGIN;

/** Standard Gumbel noise from a uniform draw in (0, 1). */
export function gumbel(u: number): number {
  return -Math.log(-Math.log(u));
}

/** A number at least gumbel(u), for u in (0, 1), from a table. */
export function gumbelUpperBound(u: number): number {
  return upper[(u * BUCKETS) | 0];
}
