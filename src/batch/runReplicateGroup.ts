import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { createPopulation } from '../population/createPopulation.js';
import type { Population } from '../population/population.js';
import { populationSignature, runReplicate, streamKeys, type ReplicateResult, type RunSpec } from './runReplicate.js';

/** One replicate to run: its spec, and the index of its network in the batch's networks. */
export interface ReplicateTask {
  readonly spec: RunSpec;
  readonly network: number;
}

/** What became of one task of a group: its result, or the error it threw (as plain data, to cross a thread). */
export type ReplicateOutcome = { readonly result: ReplicateResult } | { readonly error: { readonly message: string; readonly code?: string } };

/** A failed outcome's error as an Error again, with its code (e.g. ERR_WORKER_OUT_OF_MEMORY). */
export function outcomeError(error: { readonly message: string; readonly code?: string }): Error {
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}

export interface GroupRun {
  /** One outcome per task, in the order of the tasks. */
  readonly outcomes: ReplicateOutcome[];
  /** How many populations were drawn: fewer than the tasks when some shared one. */
  readonly populationsDrawn: number;
}

/**
 * Runs several replicates one after another, drawing each population once for all the tasks
 * that share it (the same `populationSignature` and network: replicate r of every policy
 * variant under common random numbers). Drawing a population is about a tenth of a replicate
 * of the full corridor (bench/RESULTS.md), so a comparison of k variants saves nearly a tenth
 * of (k - 1)/k of its work. Every outcome is the very result `runReplicate` gives the task
 * alone: the engine only reads its population.
 *
 * Tasks are run grouped by signature, so that one population is alive at a time. A task that
 * throws gets its error as its outcome, and the others still run: the batch retries only the
 * one that failed, and names it.
 */
export function runReplicateGroup(tasks: readonly ReplicateTask[], networks: readonly CompiledNetwork[]): GroupRun {
  const signatures = tasks.map((t) => `${t.network}\u0000${populationSignature(t.spec)}`);
  const order = tasks.map((_, k) => k).sort((a, b) => (signatures[a] < signatures[b] ? -1 : signatures[a] > signatures[b] ? 1 : a - b));
  const outcomes = new Array<ReplicateOutcome>(tasks.length);
  let populationsDrawn = 0;
  let signature: string | null = null;
  let population: Population | null = null;
  for (const k of order) {
    const { spec, network } = tasks[k];
    const net = networks[network];
    try {
      if (population === null || signature !== signatures[k]) {
        population = null; // the last one is garbage before the next is drawn
        population = createPopulation(spec.scenario, net, streamKeys(spec).population);
        signature = signatures[k];
        populationsDrawn++;
      }
      outcomes[k] = { result: runReplicate(spec, net, null, population) };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      outcomes[k] = { error: { message: e?.message ?? String(error), ...(typeof e?.code === 'string' ? { code: e.code } : {}) } };
    }
  }
  return { outcomes, populationsDrawn };
}
