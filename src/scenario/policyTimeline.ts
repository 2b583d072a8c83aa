import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { PLACE_KINDS } from '../network/modes.js';

/**
 * What enforcement and the other policies do to the network on a given day, as flat arrays.
 * Policies (scenario files) compile to a timeline of these states; the engine reads the arrays
 * and never knows which policy set a value.
 */
export interface PolicyState {
  /** Chance of interception per traversal of each link, in [0, 1]. */
  readonly linkInterception: Float64Array;
  /**
   * Chance of interception on arriving at each place along a watched way (WATCHED_MODES: road,
   * rail, smuggler vehicle), in [0, 1]. Arrivals on foot, by river or by sea are not checked
   * at the place.
   */
  readonly placeInterception: Float64Array;
  /** Multipliers of the network's per-traversal hazards (the product is capped at 1). */
  readonly robberyFactor: Float64Array;
  readonly injuryFactor: Float64Array;
  readonly deathFactor: Float64Array;
  /** Extra money per traversal (fees, smuggler price rises); may be negative, cost floors at 0. */
  readonly extraCostUsd: Float64Array;
  /** Multiplier of the mode's speed on each link (e.g. faster trains). */
  readonly speedFactor: Float64Array;
  /** 1 where an arc (one direction of a link) cannot be entered. */
  readonly closedArcs: Uint8Array;
  /**
   * Interception met by agents holding a documented-entry card (regional visitor or border
   * worker). Equal to the arrays above unless a documented_entry policy lowers it in its states.
   */
  readonly documentedLinkInterception: Float64Array;
  readonly documentedPlaceInterception: Float64Array;
  /** Share of agents (by origin country index) who hold a card; 0 without such a policy. */
  readonly documentedUptake: Float64Array;
  /** 1 at places where agents learn what the community currently knows (shelters). */
  readonly informs: Uint8Array;
}

/** Piecewise-constant states: `states[k]` holds from day `firstDays[k]` until the next. */
export interface PolicyTimeline {
  readonly firstDays: readonly number[];
  readonly states: readonly PolicyState[];
}

/** No enforcement, hazards as in the network, nothing closed. */
export function neutralPolicyState(net: CompiledNetwork): PolicyState {
  const L = net.linkCount;
  const P = net.placeCount;
  const shelter = PLACE_KINDS.indexOf('shelter');
  return {
    linkInterception: new Float64Array(L),
    placeInterception: new Float64Array(P),
    robberyFactor: new Float64Array(L).fill(1),
    injuryFactor: new Float64Array(L).fill(1),
    deathFactor: new Float64Array(L).fill(1),
    extraCostUsd: new Float64Array(L),
    speedFactor: new Float64Array(L).fill(1),
    closedArcs: new Uint8Array(net.arcCount),
    documentedLinkInterception: new Float64Array(L),
    documentedPlaceInterception: new Float64Array(P),
    documentedUptake: new Float64Array(net.meta.countries.length),
    // Shelters inform travellers by default; shelter policies add places or close them.
    informs: Uint8Array.from(net.placeKind, (k) => (k === shelter ? 1 : 0)),
  };
}

export function constantTimeline(state: PolicyState): PolicyTimeline {
  return { firstDays: [0], states: [state] };
}

/** Index of the state in force on `day` (states are sorted by first day, the first at 0). */
export function stateIndexAt(timeline: PolicyTimeline, day: number): number {
  let k = 0;
  while (k + 1 < timeline.firstDays.length && timeline.firstDays[k + 1] <= day) k++;
  return k;
}

/** A copy of a state, for building variants in code and tests. */
export function clonePolicyState(s: PolicyState): PolicyState {
  return {
    linkInterception: s.linkInterception.slice(),
    placeInterception: s.placeInterception.slice(),
    robberyFactor: s.robberyFactor.slice(),
    injuryFactor: s.injuryFactor.slice(),
    deathFactor: s.deathFactor.slice(),
    extraCostUsd: s.extraCostUsd.slice(),
    speedFactor: s.speedFactor.slice(),
    closedArcs: s.closedArcs.slice(),
    documentedLinkInterception: s.documentedLinkInterception.slice(),
    documentedPlaceInterception: s.documentedPlaceInterception.slice(),
    documentedUptake: s.documentedUptake.slice(),
    informs: s.informs.slice(),
  };
}

/** True when two states hold the same values in every array (the same to the bit: 0 and -0 differ). */
export function samePolicyState(a: PolicyState, b: PolicyState): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof PolicyState)[]) {
    const x = a[key];
    const y = b[key];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

/**
 * The first of `days` days on which the two timelines put different values in force (`days`
 * if none): the day loop reads only the state in force each day, never where a timeline is cut,
 * so two runs alike in everything else are the same run until that day (Engine.fork).
 */
export function firstDifferentDay(a: PolicyTimeline, b: PolicyTimeline, days: number): number {
  let i = 0;
  let j = 0;
  let day = 0;
  while (day < days) {
    if (!samePolicyState(a.states[i], b.states[j])) return day;
    // The next cut of either timeline.
    const nextA = i + 1 < a.firstDays.length ? a.firstDays[i + 1] : days;
    const nextB = j + 1 < b.firstDays.length ? b.firstDays[j + 1] : days;
    day = Math.min(nextA, nextB);
    if (nextA === day) i++;
    if (nextB === day) j++;
  }
  return days;
}
