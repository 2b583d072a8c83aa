/**
 * The Gumbel noise of route choice, -log(-log(u)), cheap bounds of it, and the choice of the
 * candidate of largest utility v + G(u) made with them.
 *
 * The two logarithms of G(u) were most of a choice's cost, yet the bounds decide almost every
 * comparison between two candidates without them: each is a table lookup of G at an edge of
 * u's bucket, and the buckets are narrow next to the differences in v between candidates. They
 * are true bounds of the computed G(u) (G increases with u, and the tables hold G at the
 * bucket's edges moved out by a margin far above the rounding of Math.log), and adding v
 * rounds monotonically, so every comparison they decide comes out as the computed utilities'
 * would: the choice is exactly the one computed without them (`offerCandidate`).
 */
const BUCKETS = 1024;
/** Far above the error of two correctly rounded logarithms and one addition (about 1e-15). */
const MARGIN = 1e-9;

const upper = new Float64Array(BUCKETS);
for (let k = 0; k < BUCKETS; k++) upper[k] = k === BUCKETS - 1 ? Infinity : gumbel((k + 1) / BUCKETS) + MARGIN;
const lower = new Float64Array(BUCKETS);
for (let k = 0; k < BUCKETS; k++) lower[k] = k === 0 ? -Infinity : gumbel(k / BUCKETS) - MARGIN;

/** Standard Gumbel noise from a uniform draw in (0, 1). */
export function gumbel(u: number): number {
  return -Math.log(-Math.log(u));
}

/** A number at least gumbel(u), for u in (0, 1), from a table. */
export function gumbelUpperBound(u: number): number {
  return upper[(u * BUCKETS) | 0];
}

/** A number at most gumbel(u), for u in (0, 1), from a table. */
export function gumbelLowerBound(u: number): number {
  return lower[(u * BUCKETS) | 0];
}

// Slots of a choice's state (`createChoice`): the best candidate so far, by its v and u, the
// bounds of its utility, and its utility as computed (NaN until needed).
const BEST_V = 0;
const BEST_U = 1;
const BEST_LOW = 2;
const BEST_HIGH = 3;
const BEST_UTILITY = 4;

/**
 * The state of one choice, for `startChoice` and `offerCandidate`. A typed array, not an object:
 * its fields hold fractions, which an object keeps in boxes of their own.
 */
export function createChoice(): Float64Array {
  return new Float64Array(5);
}

/** Starts a choice: no best candidate yet, as if one of utility -Infinity. */
export function startChoice(choice: Float64Array): void {
  choice[BEST_LOW] = -Infinity;
  choice[BEST_HIGH] = -Infinity;
  choice[BEST_UTILITY] = -Infinity;
}

/**
 * Offers the choice a candidate of deterministic utility v and draw u. True if it becomes the
 * best so far: if v + gumbel(u), as computed, is greater than the best's, ties keeping the
 * earlier candidate, exactly as comparing the computed utilities one by one would decide.
 * A comparison the bounds leave open is settled by computing both utilities; the best's is
 * kept for its later comparisons.
 */
export function offerCandidate(choice: Float64Array, v: number, u: number): boolean {
  const high = v + gumbelUpperBound(u);
  // Below the least the best can be: it loses (the computed utility is at most `high`).
  if (high < choice[BEST_LOW]) return false;
  const low = v + gumbelLowerBound(u);
  // Above the most the best can be: it wins, and no logarithm was needed.
  if (low > choice[BEST_HIGH]) {
    choice[BEST_V] = v;
    choice[BEST_U] = u;
    choice[BEST_LOW] = low;
    choice[BEST_HIGH] = high;
    choice[BEST_UTILITY] = NaN;
    return true;
  }
  let best = choice[BEST_UTILITY];
  if (best !== best) best = choice[BEST_V] + gumbel(choice[BEST_U]);
  const utility = v + gumbel(u);
  const won = utility > best;
  if (won) {
    choice[BEST_V] = v;
    choice[BEST_U] = u;
    best = utility;
  }
  choice[BEST_LOW] = best;
  choice[BEST_HIGH] = best;
  choice[BEST_UTILITY] = best;
  return won;
}
