import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { MODES } from '../network/modes.js';
import { EVENTS, STATE_COUNT } from './agentStates.js';

/**
 * Raw counters of one replicate, filled by the day loop and turned into named metrics by
 * metrics/replicateMetrics.ts. Flat typed arrays: [event * n + index].
 */
export interface Tally {
  readonly years: readonly number[];
  /** Agents in each state now (see agentStates.ts). */
  readonly stateCount: Float64Array;
  readonly created: { value: number };
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
  readonly arrivedTransitDays: { value: number };
  readonly arrivedCostUsd: { value: number };
  /** People apprehended at least once (each counted once, however often caught). */
  readonly peopleApprehended: { value: number };
  /** Live agents advanced by one day, summed over days (for throughput). */
  readonly agentSteps: { value: number };
}

export function createTally(net: CompiledNetwork, years: readonly number[]): Tally {
  const E = EVENTS.length;
  return {
    years,
    stateCount: new Float64Array(STATE_COUNT),
    created: { value: 0 },
    eventsByPlace: new Float64Array(E * net.placeCount),
    eventsByLink: new Float64Array(E * net.linkCount),
    eventsByState: new Float64Array(E * net.meta.states.length),
    eventsByYear: new Float64Array(E * years.length),
    linkFlow: new Float64Array(net.linkCount),
    linkAgentKm: new Float64Array(net.linkCount),
    linkAgentDays: new Float64Array(net.linkCount),
    agentKmByYear: new Float64Array(years.length),
    remoteKmByYear: new Float64Array(years.length),
    modeKmByYear: new Float64Array(years.length * MODES.length),
    entriesByPlace: new Float64Array(net.placeCount),
    arrivedTransitDays: { value: 0 },
    arrivedCostUsd: { value: 0 },
    peopleApprehended: { value: 0 },
    agentSteps: { value: 0 },
  };
}
