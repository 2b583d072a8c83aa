import seedrandom from 'seedrandom';

/**
 * Randomness in corredor is always keyed, never global. Two kinds of stream:
 *
 * - `createStream(key)`: a sequential generator (seedrandom's Alea) for work done in a fixed
 *   order, such as drawing the population. The key names seed, replicate and purpose, e.g.
 *   "2014:17:population", so a policy that draws more numbers elsewhere cannot shift it.
 * - `uniformAt(key, a, b, c)`: a counter-based draw, a pure function of a 32-bit stream key and
 *   three counters (agent, event number, what the draw is for). The day loop uses it so an
 *   agent's draws depend only on its own history: the same agent facing the same decision gets
 *   the same number in a baseline and in a policy variant (common random numbers), whatever
 *   other agents did and in whatever order workers ran.
 */

export interface Stream {
  /** Uniform in [0, 1) with 53 bits of precision (Alea's double()), for small probabilities. */
  double(): number;
  /** The next `n` doubles into `out[0..n)`: the very numbers `n` calls of `double` give. */
  fill(out: Float64Array, n: number): void;
}

export function createStream(key: string): Stream {
  return new AleaStream(key);
}

/** 2^-32 and 2^-53, as seedrandom's Alea writes them. */
const ALEA_TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const ALEA_TWO_POW_MINUS_53 = 1.1102230246251565e-16;

/**
 * seedrandom's Alea: seeded by seedrandom itself (its `state`), then stepped here by the same
 * recurrence and the same `double`, so every number is the one seedrandom gives for the key
 * (tests/core/drawsAndCosts.test.ts checks it for many keys). Why not call seedrandom's
 * generator: it is a set of closures made anew for every stream. The code V8 optimised for one replicate's
 * closures was thrown away when they died ("weak objects") or met the next replicate's ("wrong
 * call target"), so drawing a population and compiling a timeline were compiled again in every
 * replicate of a worker, work done on the other core, which a batch on two workers pays for
 * (bench/RESULTS.md, "Session 18"). Methods of one class are compiled once.
 */
class AleaStream implements Stream {
  /**
   * A stream that lives as long as the class, so that its hidden class does too. V8 keeps a
   * hidden class only while some object has it (the links to it are weak): when every stream
   * of a replicate died in a collection, so did their hidden class, and with it the code
   * optimised to check it ("weak objects"), so drawing a population was compiled again in the
   * next replicate (the `keeper` of engine/createEngine.ts does the same for the day loop's
   * objects). A static field, not a module constant: a constant no function reads is not kept.
   */
  static readonly keeper = new AleaStream('hidden class keeper');
  /** One of seedrandom's generators and its state, kept for the same reason: the constructor reads both. */
  static readonly keptGenerator = seedrandom.alea('hidden class keeper', { state: true });
  static readonly keptState = AleaStream.keptGenerator.state();

  /**
   * Alea's state, c, s0, s1 and s2, in a typed array rather than four number fields. A field
   * holding fractions keeps each value in a box of its own, and here V8 made new boxes as the
   * state moved on (with a write barrier for each): a double took 29 ns, a year's population
   * draw 0.19 s, a ninth of the year, and its garbage 23 young collections. A typed array holds
   * plain doubles: the same numbers, about 14 ns a double, near what Alea's chain of dependent
   * steps costs (bench/RESULTS.md, "Session 19").
   */
  private readonly state: Float64Array;

  constructor(key: string) {
    const seeded = seedrandom.alea(key, { state: true }).state();
    this.state = Float64Array.of(seeded.c, seeded.s0, seeded.s1, seeded.s2);
  }

  private next(): number {
    const st = this.state;
    const t = 2091639 * st[1] + st[0] * ALEA_TWO_POW_MINUS_32;
    st[1] = st[2];
    st[2] = st[3];
    const c = t | 0;
    st[0] = c;
    return (st[3] = t - c);
  }

  double(): number {
    return this.next() + ((this.next() * 0x200000) | 0) * ALEA_TWO_POW_MINUS_53;
  }

  /**
   * `double` n times with the state in locals. Each Alea step waits on the last one's carry,
   * and `next` passed it through the state array, a store and a load on that chain at every
   * step; here it stays in a register, with the same operations in the same order, so the
   * numbers are the same to the bit (tests/core/drawsAndCosts.test.ts).
   */
  fill(out: Float64Array, n: number): void {
    const st = this.state;
    let c = st[0];
    let s0 = st[1];
    let s1 = st[2];
    let s2 = st[3];
    for (let k = 0; k < n; k++) {
      let t = 2091639 * s0 + c * ALEA_TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      const high = (s2 = t - c);
      t = 2091639 * s0 + c * ALEA_TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      out[k] = high + ((s2 * 0x200000) | 0) * ALEA_TWO_POW_MINUS_53;
    }
    st[0] = c;
    st[1] = s0;
    st[2] = s1;
    st[3] = s2;
  }
}

/** 32-bit key of a string: FNV-1a followed by a full-avalanche finaliser. */
export function streamKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * "lowbias32" integer hash (C. Wellons): every input bit affects every output bit with bias
 * below 2e-3, enough for simulation draws, and it is three multiplies.
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const INVERSE_TWO_POW_32 = 1 / 4294967296;

/**
 * Uniform in (0, 1) from (key, a, b, c). Resolution 2^-32: the smallest hazard in the shipped
 * network (about 1e-7 per traversal) is still drawn with a relative error under 1e-2. Never 0,
 * so -log(u) is finite.
 */
export function uniformAt(key: number, a: number, b: number, c: number): number {
  return uniformFrom(drawPrefix(key, a, b), c);
}

/**
 * The part of `uniformAt` that depends on (key, a, b) only. The day loop makes several draws
 * with the same key, agent and event (interception, death, injury, robbery at one link entry;
 * the noise of every candidate in one route choice), so it hashes that part once and finishes
 * each draw with `uniformFrom`: one mix instead of five, and the very same numbers.
 */
export function drawPrefix(key: number, a: number, b: number): number {
  return prefixOf(key, agentPart(a), eventPart(b));
}

/**
 * The two halves of `drawPrefix` that do not depend on the key, for draws of several streams
 * at one (agent, event): a link entry draws from the enforcement and the hazard streams, and
 * hashes the agent and the event once for both.
 */
export function agentPart(a: number): number {
  return mix32(a + 0x9e3779b9);
}

export function eventPart(b: number): number {
  return mix32(b + 0x85ebca6b);
}

/** `drawPrefix(key, a, b)` given `agentPart(a)` and `eventPart(b)`. */
export function prefixOf(key: number, agent: number, event: number): number {
  return mix32(mix32(key ^ agent) ^ event);
}

/** `uniformAt(key, a, b, c)` given `drawPrefix(key, a, b)`. */
export function uniformFrom(prefix: number, c: number): number {
  // Times 2^-32 rather than divided by 2^32: the same number exactly (scaling by a power of
  // two does not round), and a multiplication is cheaper than a division.
  return (mix32(prefix ^ (c + 0xc2b2ae35)) + 0.5) * INVERSE_TWO_POW_32;
}
