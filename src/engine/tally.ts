import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { MODES } from '../network/modes.js';
import { EVENTS, STATE_COUNT } from './agentStates.js';

/**
 * Raw counters of one replicate, filled by the day loop and turned into named metrics by
 * metrics/replicateMetrics.ts. Flat typed arrays: [event * n + index].
 *
 * A class rather than an object literal, for the reason Population gives
 * (population/population.ts).
 */
export class Tally {
  /** Agents in each state now (see agentStates.ts). */
  readonly stateCount = new Float64Array(STATE_COUNT);
  readonly created = { value: 0 };
  /** Events by kind and place / link / state name index / year index. */
  readonly eventsByPlace: Float64Array;
  readonly eventsByLink: Float64Array;
  readonly eventsByState: Float64Array;
  readonly eventsByYear: Float64Array;
  /** Agents entering each link, and agent-km travelled on it. */
  readonly linkFlow: Float64Array;
  readonly linkAgentKm: Float64Array;
  /** Agent-days spent travelling on each link. */
  readonly linkAgentDays: Float64Array;
  /** Agent-km by year and by year on remote links. */
  readonly agentKmByYear: Float64Array;
  readonly remoteKmByYear: Float64Array;
  /** Agent-km by year and mode: [year * modes + mode]. */
  readonly modeKmByYear: Float64Array;
  /** Entries into the destination country, by the place entered. */
  readonly entriesByPlace: Float64Array;
  /** Sums over arrived agents. */
  readonly arrivedTransitDays = { value: 0 };
  readonly arrivedCostUsd = { value: 0 };
  /** People apprehended at least once (each counted once, however often caught). */
  readonly peopleApprehended = { value: 0 };
  /** Live agents advanced by one day, summed over days (for throughput). */
  readonly agentSteps = { value: 0 };

  constructor(
    net: CompiledNetwork,
    readonly years: readonly number[],
  ) {
    const E = EVENTS.length;
    this.eventsByPlace = new Float64Array(E * net.placeCount);
    this.eventsByLink = new Float64Array(E * net.linkCount);
    this.eventsByState = new Float64Array(E * net.meta.states.length);
    this.eventsByYear = new Float64Array(E * years.length);
    this.linkFlow = new Float64Array(net.linkCount);
    this.linkAgentKm = new Float64Array(net.linkCount);
    this.linkAgentDays = new Float64Array(net.linkCount);
    this.agentKmByYear = new Float64Array(years.length);
    this.remoteKmByYear = new Float64Array(years.length);
    this.modeKmByYear = new Float64Array(years.length * MODES.length);
    this.entriesByPlace = new Float64Array(net.placeCount);
  }

  /** Takes on `other`'s counts: a tally of the same network and years (Engine.fork). */
  copyFrom(other: Tally): void {
    if (other.years.join() !== this.years.join() || other.linkFlow.length !== this.linkFlow.length) throw new Error('a tally can only copy a tally of the same network and years');
    for (const key of Object.keys(this) as (keyof Tally)[]) {
      const mine = this[key];
      const theirs = other[key];
      if (mine instanceof Float64Array) mine.set(theirs as Float64Array);
      else if (typeof mine === 'object' && mine !== null && 'value' in mine) mine.value = (theirs as { value: number }).value;
      // A counter of another kind, added later, must be copied too: fail rather than leave it at 0.
      else if (key !== 'years') throw new Error(`Tally.copyFrom does not copy its field ${key}`);
    }
  }
}
