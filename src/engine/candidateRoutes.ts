import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { createRouter, type Router } from '../network/createRouter.js';
import { MODES, PLACE_KINDS } from '../network/modes.js';
import { onePerNetwork } from '../network/onePerNetwork.js';
import type { Behaviour } from '../scenario/scenario.js';

/**
 * Candidate routes: for each place, up to `candidateRoutes` diverse low-cost paths to any
 * destination. They depend only on the network and on which links are closed, never on
 * enforcement or beliefs, so:
 * - they are computed once per place per closure pattern, not per agent;
 * - a policy variant that only changes interception offers agents the very same candidates,
 *   and candidate j keeps its identity, which is what common random numbers need;
 * - the shift to remote routes comes from agents weighing these candidates, not from the
 *   generator knowing about enforcement.
 *
 * Diversity comes from several cost profiles (fastest, cheapest, safest, most remote, off the
 * highway, and a balanced one, with and without smuggler vehicles), each searched twice: the
 * second time with the first path's links made 2x dearer, a standard penalty method for
 * alternative routes.
 */
export interface CandidateRoutes {
  /** Candidate ids of routes from `place`, in a fixed order. Ids index the shared pool. */
  from(place: number): readonly number[];
  /** The same lists, adding the routes of places not yet asked for to `pool`, a copy of this set's pool (Engine.fork). */
  copyFor(pool: CandidatePool): CandidateRoutes;
}

/**
 * Every candidate route of a run, whatever closure pattern produced it, so a route id stays
 * valid when policies change mid-journey. Candidate c's arcs are
 * arcs[start[c] .. end[c] - 1], source first. The arrays grow (and are replaced) as routes are
 * added: read them through the pool, never keep a reference across a route choice. A class
 * rather than an object literal, for the reason Population gives (population/population.ts).
 */
export class CandidatePool {
  arcs = new Uint32Array(1024);
  start = new Uint32Array(64);
  end = new Uint32Array(64);
  /** 1 when the route uses a smuggler vehicle (agents who cannot pay one skip it). */
  smuggler = new Uint8Array(64);
  count = 0;

  /** Takes on `other`'s routes, with the same ids. */
  copyFrom(other: CandidatePool): void {
    this.arcs = other.arcs.slice();
    this.start = other.start.slice();
    this.end = other.end.slice();
    this.smuggler = other.smuggler.slice();
    this.count = other.count;
  }
}

function addToPool(pool: CandidatePool, path: Uint32Array, usesSmuggler: boolean): number {
  const used = pool.count > 0 ? pool.end[pool.count - 1] : 0;
  if (used + path.length > pool.arcs.length) pool.arcs = grow(pool.arcs, used + path.length);
  if (pool.count === pool.start.length) {
    pool.start = grow(pool.start, pool.count + 1);
    pool.end = grow(pool.end, pool.count + 1);
    pool.smuggler = grow(pool.smuggler, pool.count + 1);
  }
  pool.arcs.set(path, used);
  pool.start[pool.count] = used;
  pool.end[pool.count] = used + path.length;
  pool.smuggler[pool.count] = usesSmuggler ? 1 : 0;
  return pool.count++;
}

function grow<T extends Uint32Array | Uint8Array>(a: T, need: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  bigger.set(a);
  return bigger;
}

/** Reference traveller whose costs the generator's profiles use: median attributes. */
const REFERENCE_VALUE_OF_TIME = 15;

const SMUGGLER = MODES.indexOf('smuggler');
/** The off-highway profile's weight per km by mode: footpaths and the train as they are, roads three times as long, paid boats five. */
const OFF_HIGHWAY_FACTOR = Float64Array.from(MODES, (m) => (m === 'trail' || m === 'rail' ? 1 : m === 'road' ? 3 : 5));
const DESTINATION = PLACE_KINDS.indexOf('destination');

/**
 * One router per network (onePerNetwork): its search state lives only within one search, and a
 * thread runs one search at a time, so every candidate set of every replicate on a thread can
 * share it. The router is closures, whose code was compiled again for each new one.
 */
const routerFor = onePerNetwork(createRouter);

/** The generator's cost profiles, by number (see profileWeights). */
const PROFILES = 9;

export function createCandidateRoutes(
  net: CompiledNetwork,
  closedArcs: Uint8Array,
  behaviour: Behaviour,
  modeSpeed: Float64Array,
  pool: CandidatePool,
): CandidateRoutes {
  const L = net.linkCount;
  const isDestination = Uint8Array.from(net.placeKind, (k) => (k === DESTINATION ? 1 : 0));

  const days = new Float64Array(L);
  const money = new Float64Array(L);
  const harm = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    days[l] = net.linkKm[l] / modeSpeed[net.linkMode[l]];
    money[l] = net.linkCost[l];
    harm[l] =
      net.linkRobbery[l] * behaviour.robberyLossShare * behaviour.referenceBudgetUsd +
      net.linkInjury[l] * behaviour.injuryHarmUsd +
      net.linkDeath[l] * behaviour.deathHarmUsd;
  }
  const profiles: Float64Array[] = [];
  for (let k = 0; k < PROFILES; k++) profiles.push(profileWeights(k, net, days, money, harm));
  return new PlaceCandidates(net, routerFor(net), isDestination, profiles, closedArcs, behaviour.candidateRoutes, pool);
}

/**
 * Profile k's weight of every link (Infinity where it leaves smuggler vehicles out). A switch
 * rather than a closure per profile, made anew for each candidate set: see routerFor.
 */
function profileWeights(k: number, net: CompiledNetwork, days: Float64Array, money: Float64Array, harm: Float64Array): Float64Array {
  const withSmuggler = k === 0 || k === 2 || k === 6 || k === 7;
  const w = new Float64Array(net.linkCount);
  for (let l = 0; l < w.length; l++) {
    if (!withSmuggler && net.linkMode[l] === SMUGGLER) {
      w[l] = Infinity;
      continue;
    }
    switch (k) {
      case 0: // balanced, for the reference traveller, with and without smugglers
      case 1:
        w[l] = money[l] + REFERENCE_VALUE_OF_TIME * days[l] + harm[l];
        break;
      case 2: // fastest
        w[l] = days[l];
        break;
      case 3: // cheapest, with and without smugglers
      case 7:
        w[l] = money[l] + days[l];
        break;
      case 4: // safest
        w[l] = harm[l] + 5 * days[l];
        break;
      case 5: // most remote, with and without smugglers
      case 6:
        w[l] = days[l] * (net.linkRemote[l] ? 0.3 : 1);
        break;
      default:
        // Off the highway: the train and footpaths, roads only where nothing else goes.
        // Highways are where the fixed and mobile checkpoints stand (a bus from the border to
        // Arriaga met 11 of them, observed.md section 5), which is why people without papers
        // rode the freight train. The profile looks at modes only, never at the day's
        // enforcement.
        w[l] = net.linkKm[l] * OFF_HIGHWAY_FACTOR[net.linkMode[l]];
    }
  }
  return w;
}

/**
 * The lists by place, computed on first need. A class, with the search as a method rather than
 * a closure over createCandidateRoutes, so that route choice calls the same `from` and the same
 * search in every replicate and every closure pattern: a new closure per set was a new call
 * target, and the day loop's compiled code was thrown away for it at the start of a worker's
 * second replicate (bench/RESULTS.md, "Done in session 12"; see also CommunityBeliefs in
 * beliefs.ts).
 */
class PlaceCandidates implements CandidateRoutes {
  // Indexed by place rather than a Map: every route choice looks its place up here.
  private readonly byPlace: (number[] | undefined)[];

  constructor(
    private readonly net: CompiledNetwork,
    private readonly router: Router,
    private readonly isDestination: Uint8Array,
    private readonly profiles: readonly Float64Array[],
    private readonly closedArcs: Uint8Array,
    private readonly limit: number,
    private readonly pool: CandidatePool,
  ) {
    this.byPlace = new Array(net.placeCount).fill(undefined);
  }

  copyFor(pool: CandidatePool): CandidateRoutes {
    // The router is shared: its search state lives only within one search, and both sets run
    // on one thread. The lists themselves never change once made, so they are shared too.
    const copy = new PlaceCandidates(this.net, this.router, this.isDestination, this.profiles, this.closedArcs, this.limit, pool);
    for (let p = 0; p < this.byPlace.length; p++) copy.byPlace[p] = this.byPlace[p];
    return copy;
  }

  from(place: number): readonly number[] {
    let ids = this.byPlace[place];
    if (ids === undefined) {
      ids = this.net.placeKind[place] === DESTINATION ? [] : this.generate(place);
      this.byPlace[place] = ids;
    }
    return ids;
  }

  private generate(place: number): number[] {
    const { net, router, isDestination, profiles, closedArcs, limit, pool } = this;
    const found: Uint32Array[] = [];
    const seen = new Set<string>();
    const keep = (path: Uint32Array | null) => {
      if (path === null || path.length === 0) return;
      const key = path.join(',');
      if (seen.has(key)) return;
      seen.add(key);
      found.push(path);
    };
    // Two rounds, each over all profiles, so the first candidates span the profiles.
    const penalised = profiles.map((w) => w.slice());
    for (let round = 0; round < 2; round++) {
      for (const w of penalised) {
        const path = router.findToAny(place, isDestination, w, closedArcs)?.arcs ?? null;
        keep(path);
        if (path) for (const a of path) w[net.arcLink[a]] *= 2;
      }
    }
    // Built by push, like the empty list of a destination, so that every list has the same
    // hidden class (`map` would make a holey array): route choice reads them all alike.
    const ids: number[] = [];
    for (const path of found.slice(0, limit)) ids.push(addToPool(pool, path, path.some((a) => net.linkMode[net.arcLink[a]] === SMUGGLER)));
    return ids;
  }
}
