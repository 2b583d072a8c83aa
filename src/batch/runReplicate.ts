import { streamKey } from '../core/rng.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { createEngine, type EngineKeys, type TraceEvent } from '../engine/createEngine.js';
import { replicateMetrics } from '../metrics/replicateMetrics.js';
import type { ReplicateResult } from '../metrics/replicateResult.js';
import { APPREHENSION, DEATH, INJURY, ROBBERY } from '../engine/agentStates.js';
import type { Tally } from '../engine/tally.js';
import { createPopulation } from '../population/createPopulation.js';
import { daysBetween } from '../core/dates.js';
import { compileTimeline } from '../scenario/compileTimeline.js';
import type { PolicyTimeline } from '../scenario/policyTimeline.js';
import type { Scenario } from '../scenario/scenario.js';

/** Everything one replicate depends on besides the network: plain, structured-clone data. */
export interface RunSpec {
  readonly scenario: Scenario;
  /** The policy states to run; by default compiled from the scenario's policies. */
  readonly timeline?: PolicyTimeline;
  readonly seed: number;
  readonly replicate: number;
  /**
   * 'common' (default): streams are keyed by seed, replicate and purpose only, so replicate r
   * of two scenarios shares its population and its choice, hazard, enforcement and retry draws
   * (common random numbers). 'independent' adds the scenario name to every key.
   */
  readonly streams?: 'common' | 'independent';
}

export type { ReplicateResult };

/** The keys of a replicate's random streams: (seed, replicate, purpose). */
export function streamKeys(spec: RunSpec): { population: string; policy: string } & EngineKeys {
  const base = spec.streams === 'independent' ? `${spec.seed}:${spec.replicate}:${spec.scenario.name}` : `${spec.seed}:${spec.replicate}`;
  return {
    population: `${base}:population`,
    policy: base,
    choice: streamKey(`${base}:choice`),
    hazard: streamKey(`${base}:hazard`),
    enforcement: streamKey(`${base}:enforcement`),
    retry: streamKey(`${base}:retry`),
  };
}

/**
 * Everything a replicate's population is drawn from (createPopulation reads the period, the
 * demand and the population section, and its stream's key): two specs with the same signature
 * on the same network draw the very same population. Under common random numbers that is
 * replicate r of every policy variant, so a batch draws it once for all of them
 * (runReplicateGroup).
 */
export function populationSignature(spec: RunSpec): string {
  const { period, demand, population } = spec.scenario;
  return JSON.stringify([streamKeys(spec).population, period, demand, population]);
}

/**
 * Runs one replicate: draws the population, runs the day loop over the scenario's period, and
 * returns its metrics. A pure function of (spec, network): the same inputs give the same
 * bytes on any machine, in any worker, in any order. A batch runs its replicates through
 * runReplicateGroup, which shares work between variants and gives these very bytes.
 */
export function runReplicate(spec: RunSpec, net: CompiledNetwork, trace: ((e: TraceEvent) => void) | null = null): ReplicateResult {
  const keys = streamKeys(spec);
  const population = createPopulation(spec.scenario, net, keys.population);
  const engine = createEngine(net, spec.scenario, timelineOf(spec, net), population, keys, trace);
  while (engine.step());
  return replicateResult(spec.replicate, engine.tally, net);
}

/** The policy states a spec runs: its own timeline, or its scenario's policies compiled for its replicate. */
export function timelineOf(spec: RunSpec, net: CompiledNetwork): PolicyTimeline {
  const { scenario } = spec;
  return spec.timeline ?? compileTimeline(scenario.policies, net, scenario.period.start, daysBetween(scenario.period.start, scenario.period.end) + 1, streamKeys(spec).policy);
}

/** A finished run's tally as the replicate's result. */
export function replicateResult(replicate: number, tally: Tally, net: CompiledNetwork): ReplicateResult {
  return {
    replicate,
    metrics: replicateMetrics(tally, net),
    links: {
      flow: tally.linkFlow,
      agent_km: tally.linkAgentKm,
      agent_days: tally.linkAgentDays,
      apprehensions: eventsOnLinks(tally, APPREHENSION),
      robberies: eventsOnLinks(tally, ROBBERY),
      injuries: eventsOnLinks(tally, INJURY),
      deaths: eventsOnLinks(tally, DEATH),
    },
    agentSteps: tally.agentSteps.value,
  };
}

function eventsOnLinks(tally: Tally, event: number): Float64Array {
  const L = tally.linkFlow.length;
  return tally.eventsByLink.slice(event * L, (event + 1) * L);
}
