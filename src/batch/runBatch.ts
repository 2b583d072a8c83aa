import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { dirname } from 'node:path';
import { CliError } from '../core/errors.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { LINK_SERIES, type LinkSeries, type ReplicateResult } from '../metrics/replicateResult.js';
import type { Scenario } from '../scenario/scenario.js';
import { createReplicatePool, WORKER_HEAP_MB, type ReplicatePool } from './replicatePool.js';
import type { RunSpec } from './runReplicate.js';
import { outcomeError, type ReplicateOutcome } from './runReplicateGroup.js';

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
 * variants go out together, to draw the population they share once (groupJobs). Each
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
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(header) + '\n');
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
  try {
    const all = Promise.all(
      groupJobs(jobs, input.workers).map(async (group) => {
        const tasks = group.map((job) => ({ spec: specOf(job), network: input.scenarios[job.s].network }));
        try {
          // A thread that fails (killed, out of memory) fails the whole group; each of its
          // replicates then gets its second attempt alone, as does one that threw.
          let outcomes: ReplicateOutcome[] | null = null;
          let threadFailure: unknown;
          try {
            if (controller.signal.aborted) throw new Error('aborted');
            outcomes = await pool.runGroup(tasks, controller.signal);
          } catch (error) {
            if (controller.signal.aborted) throw error;
            threadFailure = error;
          }
          for (let k = 0; k < group.length; k++) {
            const sc = input.scenarios[group[k].s];
            const outcome = outcomes?.[k];
            const result =
              outcome && 'result' in outcome
                ? outcome.result
                : await runWithRetry(pool.run.bind(pool), tasks[k].spec, sc, controller.signal, heapMb, input.onRetry, outcome ? outcomeError(outcome.error) : threadFailure);
            results.get(sc.label)!.push(result);
            if (input.checkpoint) appendFileSync(input.checkpoint.file, checkpointLine(sc.label, result));
            input.onProgress?.(++finished, total);
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

/**
 * The batch's tasks: consecutive jobs of one replicate (its variants, in scenario order) run
 * together, so that they draw their shared population once (runReplicateGroup). Groups are
 * kept small enough to leave each worker at least four tasks, for balance and for what a
 * stopped batch loses; with one scenario every group is one job. Grouping changes no result:
 * each replicate is a pure function of its spec.
 */
export function groupJobs<T extends Job>(jobs: readonly T[], workers: number): T[][] {
  const size = Math.max(1, Math.min(MAX_GROUP, Math.floor(jobs.length / (4 * Math.max(1, workers)))));
  const groups: T[][] = [];
  for (const job of jobs) {
    const last = groups[groups.length - 1];
    if (last && last.length < size && last[0].replicate === job.replicate) last.push(job);
    else groups.push([job]);
  }
  return groups;
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
