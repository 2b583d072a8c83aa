import { expect } from 'vitest';
import { ARRIVED, DEAD, DETAINED, GAVE_UP, IN_TRANSIT, STATE_COUNT } from '../../src/engine/agentStates.js';
import type { Engine } from '../../src/engine/createEngine.js';
import { runReplicate, type ReplicateResult, type RunSpec } from '../../src/batch/runReplicate.js';
import { checkpointLine, runBatch, type BatchInput, type BatchResults } from '../../src/batch/runBatch.js';
import type { CompiledNetwork } from '../../src/network/compiledNetwork.js';
import { LINK_SERIES } from '../../src/metrics/replicateResult.js';

/**
 * Contract helpers reused across the suite: each states one invariant of the simulation and
 * fails with what broke it.
 */

/**
 * created = arrived + died + gave up + in transit + detained, after every day, counted from
 * the agents' own state array (each agent is in exactly one state) and matching the engine's
 * running counters.
 */
export function assertConservesAgents(engine: Engine): void {
  const counters = engine.tally.stateCount;
  do {
    const counted = new Array(STATE_COUNT).fill(0);
    for (const s of engine.agents.state) counted[s]++;
    const created = engine.tally.created.value;
    const accounted = counted[ARRIVED] + counted[DEAD] + counted[GAVE_UP] + counted[IN_TRANSIT] + counted[DETAINED];
    if (created !== accounted) expect.fail(`day ${engine.day}: created ${created} but arrived+died+gave_up+in_transit+detained = ${accounted}`);
    if (counted.join() !== Array.from(counters).join()) expect.fail(`day ${engine.day}: states ${counted.join()} but counters say ${Array.from(counters).join()}`);
  } while (engine.step());
}

/** Two runs of the same spec give byte-identical results. */
export function assertDeterministic(spec: RunSpec, net: CompiledNetwork): ReplicateResult {
  const a = runReplicate(spec, net);
  const b = runReplicate(structuredClone(spec), net);
  expect(JSON.stringify(b.metrics)).toBe(JSON.stringify(a.metrics));
  for (const series of LINK_SERIES) expect(Buffer.from(b.links[series].buffer).equals(Buffer.from(a.links[series].buffer)), series).toBe(true);
  return a;
}

/** A batch's results as the bytes they are saved as, label by label, each sorted by replicate. */
export function batchBytes(results: BatchResults): string {
  return [...results].map(([label, list]) => list.map((r) => checkpointLine(label, r)).join('')).join('');
}

/**
 * The same batch gives byte-identical results on every number of workers (0 runs in this
 * thread; 1 and 2 on the piscina pool, which groups a replicate's variants differently for
 * each), and in two shards run apart and merged; and each replicate is the result
 * `runReplicate` gives it alone, so no grouping or shared population changed it.
 */
export async function assertWorkerCountInvariant(input: Omit<BatchInput, 'workers'>, workerCounts: readonly number[] = [0, 1, 2]): Promise<void> {
  const alone: BatchResults = new Map(
    input.scenarios.map((sc) => [
      sc.label,
      [...input.replicates].sort((a, b) => a - b).map((replicate) => runReplicate({ scenario: sc.scenario, seed: input.seed, replicate, streams: input.streams }, input.networks[sc.network])),
    ]),
  );
  const expected = batchBytes(alone);
  for (const workers of workerCounts) {
    expect(batchBytes(await runBatch({ ...input, workers })) === expected, `${workers} workers`).toBe(true);
  }
  const shards = [0, 1].map((k) => input.replicates.filter((_, n) => n % 2 === k));
  const [a, b] = await Promise.all(shards.map((replicates, k) => runBatch({ ...input, replicates, workers: workerCounts[workerCounts.length - 1 - k] ?? 0 })));
  const merged: BatchResults = new Map([...a].map(([label, list]) => [label, [...list, ...b.get(label)!].sort((x, y) => x.replicate - y.replicate)]));
  expect(batchBytes(merged) === expected, 'two shards merged').toBe(true);
}
