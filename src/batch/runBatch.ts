import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { dirname } from 'node:path';
import { CliError } from '../core/errors.js';
import { cannotWrite, makeFolder } from '../core/makeFolder.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { LINK_SERIES, type LinkSeries, type ReplicateResult } from '../metrics/replicateResult.js';
import type { Scenario } from '../scenario/scenario.js';
import { createReplicatePool, WORKER_HEAP_MB, type ReplicatePool } from './replicatePool.js';
import { expectedAgents } from './estimateMemory.js';
import type { RunSpec } from './runReplicate.js';
import { outcomeError, populationFamily, type ReplicateOutcome } from './runReplicateGroup.js';

/** One scenario of a batch: `run` has one, `compare` several, `sweep` one per grid point. */
export interface BatchScenario {
  readonly label: string;
  readonly scenario: Scenario;
  /** Index into BatchInput.networks. */
  readonly network: number;
  /** Content hash, so a checkpoint is never resumed into a different scenario. */
  readonly hash: string;
}

export interface BatchInput {
  readonly scenarios: readonly BatchScenario[];
  readonly networks: readonly CompiledNetwork[];
  /** Replicate numbers to run (all of them, or one shard's). */
  readonly replicates: readonly number[];
  readonly seed: number;
  readonly streams: 'common' | 'independent';
  readonly workers: number;
  /** Heap limit of each worker in MB (default WORKER_HEAP_MB). */
  readonly workerHeapMb?: number;
  /** Finished replicates are appended here; with `resume` the ones already in it are skipped. */
  readonly checkpoint?: { readonly file: string; readonly resume: boolean };
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Called when a replicate failed once and is about to run again (e.g. its worker was killed). */
  readonly onRetry?: (label: string, replicate: number, error: unknown) => void;
  /** Called once the pool is up: lets a monitor watch its threads (fault tests kill one). */
  readonly onPool?: (pool: ReplicatePool) => void;
}

/** Results by scenario label, each sorted by replicate. */
export type BatchResults = Map<string, ReplicateResult[]>;

export class BatchInterrupted extends Error {
  constructor(readonly done: number, readonly total: number) {
    super(`interrupted after ${done} of ${total} replicates`);
  }
}

/**
 * Runs every (scenario, replicate) job. Jobs go out round-robin over scenarios, replicate by
 * replicate, so a batch stopped early is still a balanced, paired sample; a replicate's
 * variants go out together, to share its population and its days (groupJobs). Each
 * replicate is a pure function of its spec, so results do not depend on the number of
 * workers, the grouping or the order of completion. A failed replicate is retried once; a
 * second failure names the replicate and seed.
 */
export async function runBatch(input: BatchInput): Promise<BatchResults> {
  const results: BatchResults = new Map(input.scenarios.map((s) => [s.label, []]));
  const header = checkpointHeader(input);
  const done = new Set<string>();
  // The pool first: a setup failure (no built worker, no package) then stops the batch before
  // anything is written to its output folder.
  const heapMb = input.workerHeapMb ?? WORKER_HEAP_MB;
  const controller = new AbortController();
  let failure: CliError | null = null;
  let rejectWorkerFailure: (e: Error) => void = () => undefined;
  const workerFailure = new Promise<never>((_, reject) => (rejectWorkerFailure = reject));
  workerFailure.catch(() => undefined);
  const pool = createReplicatePool(input.networks, input.workers, heapMb, (error) => {
    const e = error as NodeJS.ErrnoException;
    controller.abort();
    rejectWorkerFailure(
      (failure = new CliError(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `a worker ran out of memory (heap limit ${heapMb} MB) outside a replicate; lower demand.per_year or run with --workers 1`
          : `a worker failed outside a replicate: ${e.message}`,
      )),
    );
  });
  input.onPool?.(pool);
  try {
    if (input.checkpoint) {
      const { file, resume } = input.checkpoint;
      if (resume && existsSync(file)) {
        // A process killed mid-write (SIGKILL, power loss) can leave a last line without its
        // newline: end it, so the lines appended from here on stay readable on a later resume.
        const text = readFileSync(file, 'utf8');
        if (text !== '' && !text.endsWith('\n')) appendFileSync(file, '\n');
        for (const r of readCheckpoint(file, text, header)) {
          if (!results.has(r.label)) continue;
          results.get(r.label)!.push(r.result);
          done.add(`${r.label}\u0000${r.result.replicate}`);
        }
      } else {
        makeFolder(dirname(file));
        try {
          writeFileSync(file, JSON.stringify(header) + '\n');
        } catch (error) {
          throw cannotWrite(file, error);
        }
      }
    }
  } catch (error) {
    await pool.close();
    throw error;
  }

  const jobs: Job[] = [];
  for (const replicate of input.replicates) {
    input.scenarios.forEach((sc, s) => {
      if (!done.has(`${sc.label}\u0000${replicate}`)) jobs.push({ s, replicate });
    });
  }
  const total = input.replicates.length * input.scenarios.length;
  let finished = total - jobs.length;
  input.onProgress?.(finished, total);

  // Every queued task listens to this one signal: far more than the default ten listeners.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort();
  input.signal?.addEventListener('abort', onAbort);
  const specOf = ({ s, replicate }: Job): RunSpec => ({ scenario: input.scenarios[s].scenario, seed: input.seed, replicate, streams: input.streams });
  const costs = input.scenarios.map((sc) => expectedAgents(sc.scenario));
  const traitsOf = (job: Job): JobTraits => ({ family: populationFamily({ spec: specOf(job), network: input.scenarios[job.s].network }), cost: costs[job.s] });
  try {
    const all = Promise.all(
      groupJobs(jobs, input.workers, traitsOf).map(async (group) => {
        const tasks = group.map((job) => ({ spec: specOf(job), network: input.scenarios[job.s].network }));
        // Each replicate is kept (checkpoint, progress) as soon as it is done, not when its
        // group is: a stopped batch then loses only the replicates under way.
        const kept = new Array<boolean>(group.length).fill(false);
        const keep = (k: number, result: ReplicateResult) => {
          if (kept[k]) return;
          kept[k] = true;
          const sc = input.scenarios[group[k].s];
          results.get(sc.label)!.push(result);
          if (input.checkpoint) {
            try {
              appendFileSync(input.checkpoint.file, checkpointLine(sc.label, result));
            } catch (error) {
              throw cannotWrite(input.checkpoint.file, error);
            }
          }
          input.onProgress?.(++finished, total);
        };
        try {
          // A thread that fails (killed, out of memory) fails the rest of its group; each of
          // those replicates then gets its second attempt alone, as does one that threw.
          let outcomes: ReplicateOutcome[] | null = null;
          let threadFailure: unknown;
          // Keeping a replicate as it ends runs in a message listener (or inside the group, on
          // the main thread): a failure there (the checkpoint cannot be written) stops the batch
          // with its own error, rather than escaping the listener or passing for a failed thread.
          const keepFailures: unknown[] = [];
          try {
            if (controller.signal.aborted) throw new Error('aborted');
            outcomes = await pool.runGroup(tasks, controller.signal, (k, outcome) => {
              if (!('result' in outcome) || controller.signal.aborted) return;
              try {
                keep(k, outcome.result);
              } catch (error) {
                keepFailures.push(error);
                controller.abort();
              }
            });
          } catch (error) {
            if (controller.signal.aborted && keepFailures.length === 0) throw error;
            threadFailure = error;
          }
          if (keepFailures.length > 0) throw keepFailures[0];
          for (let k = 0; k < group.length; k++) {
            if (kept[k]) continue;
            const outcome = outcomes?.[k];
            keep(
              k,
              outcome && 'result' in outcome
                ? outcome.result
                : await runWithRetry(pool.run.bind(pool), tasks[k].spec, input.scenarios[group[k].s], controller.signal, heapMb, input.onRetry, outcome ? outcomeError(outcome.error) : threadFailure),
            );
          }
        } catch (error) {
          controller.abort();
          throw error;
        }
      }),
    );
    all.catch(() => undefined); // after a worker failure, the abandoned tasks reject on close
    await Promise.race([all, workerFailure]);
  } catch (error) {
    if (input.signal?.aborted) throw new BatchInterrupted(finished, total);
    throw failure ?? error;
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  for (const list of results.values()) list.sort((a, b) => a.replicate - b.replicate);
  return results;
}

interface Job {
  readonly s: number;
  readonly replicate: number;
}

/** The most variants of one replicate run as one task. */
export const MAX_GROUP = 8;

/** What grouping needs to know of a job. */
export interface JobTraits {
  /** Jobs of one replicate with the same family draw the same population (`populationFamily`). */
  readonly family: string;
  /** Its cost relative to other jobs' (expected agents: cost is linear in agent-days, bench/RESULTS.md "Scaling"). */
  readonly cost: number;
}

/**
 * The share of a replicate's cost that drawing its population takes, which each further
 * variant sharing it saves: about a tenth on the full corridor (bench/RESULTS.md, "Where the
 * time goes"). Forks save more (up to half a replicate and more, "Session 16"), but how much
 * is known only once a worker has compiled the timelines, so grouping counts on this alone.
 */
export const POPULATION_SHARE = 0.1;

/**
 * The batch's tasks: jobs of one replicate that draw the same population (its policy
 * variants under common random numbers) run together, to draw it once and to go on from each
 * other's runs (runReplicateGroup). Jobs that share nothing are never grouped: a group of them
 * would only spread the work less evenly.
 *
 * How large groups may be is chosen for the batch: each cap from 1 to MAX_GROUP is tried, the
 * tasks dealt out in order to whichever worker is free first (as the pool does), each group
 * costed as its jobs less the populations it does not draw again, and the largest cap whose
 * finish is within 2% of the earliest wins, as larger groups may save more still by forks. So a
 * batch of many replicates groups all of a replicate's variants, and a small one groups them
 * as long as no worker is left idle for it: two variants of four replicates on two workers
 * run as four groups of two, of one replicate as two tasks side by side. Grouping changes no
 * result: each replicate is a pure function of its spec.
 */
export function groupJobs<T extends Job>(jobs: readonly T[], workers: number, traitsOf: (job: T) => JobTraits): T[][] {
  const traits = jobs.map(traitsOf);
  const options = Array.from({ length: MAX_GROUP }, (_, c) => {
    const groups = groupsOf(jobs, traits, c + 1);
    return { groups, finish: finishTime(groups.map((g) => g.map((k) => traits[k].cost)), Math.max(1, workers)) };
  });
  const earliest = Math.min(...options.map((o) => o.finish));
  // The largest cap within 2% of the earliest finish: the costs are no more precise than that,
  // and larger groups may fork more.
  const chosen = options.findLast((o) => o.finish <= earliest * 1.02)!;
  return chosen.groups.map((g) => g.map((k) => jobs[k]));
}

/** Jobs (by index) of one replicate and family, in groups of at most `cap`, each group in job order and placed where its first job was. */
function groupsOf(jobs: readonly Job[], traits: readonly JobTraits[], cap: number): number[][] {
  const groups: number[][] = [];
  const open = new Map<string, number[]>();
  jobs.forEach((job, k) => {
    const key = `${job.replicate}\u0000${traits[k].family}`;
    const group = open.get(key);
    if (group !== undefined && group.length < cap) group.push(k);
    else {
      const fresh = [k];
      groups.push(fresh);
      open.set(key, fresh);
    }
  });
  return groups;
}

/** When the last of `groups` (each its jobs' costs) finishes, dealt in order to the first free of `workers`. */
function finishTime(groups: readonly number[][], workers: number): number {
  const free = new Float64Array(workers);
  for (const costs of groups) {
    // A group draws one population for all its jobs: the first costs in full, the rest less.
    const cost = costs.reduce((sum, c, k) => sum + (k === 0 ? c : c * (1 - POPULATION_SHARE)), 0);
    let w = 0;
    for (let v = 1; v < workers; v++) if (free[v] < free[w]) w = v;
    free[w] += cost;
  }
  return free.reduce((a, b) => Math.max(a, b), 0);
}

/**
 * Runs one replicate, and once more if it fails; exported for the fault tests. With
 * `firstFailure`, the first attempt has already failed (in a group) with that error.
 */
export async function runWithRetry(
  run: (spec: RunSpec, network: number, signal?: AbortSignal) => Promise<ReplicateResult>,
  spec: RunSpec,
  sc: BatchScenario,
  signal: AbortSignal,
  heapMb: number,
  onRetry?: (label: string, replicate: number, error: unknown) => void,
  firstFailure?: unknown,
): Promise<ReplicateResult> {
  let lastError: unknown = firstFailure;
  const first = firstFailure === undefined ? 0 : 1;
  if (first === 1) onRetry?.(sc.label, spec.replicate, firstFailure);
  for (let attempt = first; attempt < 2; attempt++) {
    if (signal.aborted) throw new Error('aborted');
    try {
      return await run(spec, sc.network, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      lastError = error;
      if (attempt === 0) onRetry?.(sc.label, spec.replicate, error);
    }
  }
  const e = lastError as NodeJS.ErrnoException;
  const what = `replicate ${spec.replicate} of ${sc.label} (seed ${spec.seed})`;
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    throw new CliError(`${what} ran out of memory in its worker (heap limit ${heapMb} MB), twice; lower demand.per_year or the period, or run with --workers 1`);
  }
  throw new CliError(`${what} failed twice: ${e?.message ?? String(e)}`);
}

interface CheckpointHeader {
  corredorCheckpoint: 1;
  scenarios: { label: string; hash: string }[];
  seed: number;
  streams: string;
  replicates: readonly number[];
}

function checkpointHeader(input: BatchInput): CheckpointHeader {
  return { corredorCheckpoint: 1, scenarios: input.scenarios.map((s) => ({ label: s.label, hash: s.hash })), seed: input.seed, streams: input.streams, replicates: input.replicates };
}

export function checkpointLine(label: string, r: ReplicateResult): string {
  const links = Object.fromEntries(LINK_SERIES.map((s) => [s, Array.from(r.links[s])]));
  return JSON.stringify({ label, replicate: r.replicate, agentSteps: r.agentSteps, metrics: r.metrics, links }) + '\n';
}

/** Parses one saved replicate (a checkpoint or a replicates.jsonl line). */
export function parseReplicateLine(line: string): { label: string; result: ReplicateResult } {
  const o = JSON.parse(line) as { label: string; replicate: number; agentSteps: number; metrics: Record<string, number>; links: Record<LinkSeries, number[]> };
  const links = Object.fromEntries(LINK_SERIES.map((s) => [s, Float64Array.from(o.links[s])])) as Record<LinkSeries, Float64Array>;
  return { label: o.label, result: { replicate: o.replicate, agentSteps: o.agentSteps, metrics: o.metrics, links } };
}

/**
 * Every saved replicate in a replicates.jsonl file (what `run` writes and `merge` combines). A
 * line that is not a saved replicate is an error naming the file and its line.
 */
export function readReplicatesFile(file: string): { label: string; result: ReplicateResult }[] {
  const out: { label: string; result: ReplicateResult }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, k) => {
      if (line.trim() === '') return;
      try {
        out.push(parseReplicateLine(line));
      } catch {
        throw new CliError(`${file}: line ${k + 1} is not a saved replicate; the file is damaged, so rerun the batch that wrote it`);
      }
    });
  return out;
}

function readCheckpoint(file: string, text: string, expected: CheckpointHeader): { label: string; result: ReplicateResult }[] {
  const lines = text.split('\n');
  let header: unknown;
  try {
    header = JSON.parse(lines[0]);
  } catch {
    throw new CliError(`${file}: not a corredor checkpoint (unreadable first line); delete it or run without --resume`);
  }
  if (JSON.stringify(header) !== JSON.stringify(expected)) {
    throw new CliError(`${file}: this checkpoint belongs to a different batch (scenario, seed, replicates or streams differ); run without --resume to start over`);
  }
  const out: { label: string; result: ReplicateResult }[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    try {
      out.push(parseReplicateLine(line));
    } catch {
      // A line cut short by a kill mid-write: that replicate simply runs again.
    }
  }
  return out;
}
