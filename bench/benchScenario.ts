/**
 * What the one-core benchmarks share: a scenario loaded with the benchmark's size options, and
 * one replicate's engine built exactly as a batch's worker builds it (src/batch/runReplicate.ts).
 */
import { addDays, daysBetween } from '../src/core/dates.js';
import { streamKeys } from '../src/batch/runReplicate.js';
import { createEngine } from '../src/engine/createEngine.js';
import type { CompiledNetwork } from '../src/network/compiledNetwork.js';
import { createPopulation } from '../src/population/createPopulation.js';
import { compileTimeline } from '../src/scenario/compileTimeline.js';
import { loadScenario } from '../src/scenario/loadScenario.js';
import type { Scenario } from '../src/scenario/scenario.js';
import { wholeNumber } from './benchArgs.js';

export interface BenchScenario {
  readonly scenario: Scenario;
  readonly net: CompiledNetwork;
  readonly days: number;
}

/** `--per-year` and `--days` as the scenario overrides (`--set`) that apply them to `base`. */
export function sizeOverrides(base: Scenario, perYear?: string, days?: string): string[] {
  const set: string[] = [];
  if (perYear !== undefined) set.push(`demand.per_year=${wholeNumber('per-year', perYear)}`);
  if (days !== undefined) set.push(`period.end=${addDays(base.period.start, wholeNumber('days', days) - 1)}`);
  return set;
}

/** The scenario file, with `--per-year` and `--days` applied as overrides when given. */
export function loadBenchScenario(file: string, perYear?: string, days?: string): BenchScenario {
  const base = loadScenario(file);
  const set = sizeOverrides(base.scenario, perYear, days);
  const { scenario, compiled: net } = set.length ? loadScenario(file, { set }) : base;
  return { scenario, net, days: daysBetween(scenario.period.start, scenario.period.end) + 1 };
}

/** Replicate `replicate`'s population and engine, keyed as a batch keys them. */
export function createBenchEngine({ scenario, net, days }: BenchScenario, replicate: number) {
  const keys = streamKeys({ scenario, seed: scenario.seed, replicate });
  const timeline = compileTimeline(scenario.policies, net, scenario.period.start, days, keys.policy);
  const pop = createPopulation(scenario, net, keys.population);
  return { pop, engine: createEngine(net, scenario, timeline, pop, keys) };
}
