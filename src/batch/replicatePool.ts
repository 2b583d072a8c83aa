import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { CliError } from '../core/errors.js';
import { packageInfo } from '../core/packageInfo.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import type { ReplicateResult, RunSpec } from './runReplicate.js';
import { outcomeError, replicateGroupSteps, type GroupRun, type OutcomeListener, type ReplicateOutcome, type ReplicateTask } from './runReplicateGroup.js';

/** Runs replicates: on a piscina pool of worker threads, or in this thread with 0 workers. */
export interface ReplicatePool {
  /** One replicate; rejects with the error it threw. */
  run(spec: RunSpec, network: number, signal?: AbortSignal): Promise<ReplicateResult>;
  /**
   * Several replicates as one task on one thread, sharing work (runReplicateGroup); rejects only
   * if the thread failed. `onOutcome` hears of each task's outcome as it ends, before the group
   * does (on a worker, through a MessagePort; messages still on their way when the group ends
   * may not be heard, as its outcomes are all returned then).
   */
  runGroup(tasks: readonly ReplicateTask[], signal?: AbortSignal, onOutcome?: OutcomeListener): Promise<ReplicateOutcome[]>;
  close(): Promise<void>;
  /** The live worker threads (none with 0 workers): for monitoring, and for fault tests that kill one. */
  readonly threads: readonly Worker[];
}

/** Heap per worker: a year of the full corridor needs well under 1 GiB. */
export const WORKER_HEAP_MB = 2048;

/**
 * Node 20 cannot load a TypeScript worker, so the pool runs the built
 * dist/workers/replicateWorker.js (`npm run build`; `npm install` builds it). The compiled
 * networks go to every worker once, as SharedArrayBuffers in workerData.
 */
export function createReplicatePool(
  networks: readonly CompiledNetwork[],
  workers: number,
  heapMb: number = WORKER_HEAP_MB,
  onWorkerError: (error: Error) => void = () => undefined,
): ReplicatePool {
  if (workers === 0) {
    // One replicate at a time, each started on a later turn of the event loop than the last
    // one ended, also within a group: a replicate blocks this thread while it runs, so this is
    // where Ctrl-C is seen, the checkpoint is appended to and the progress bar moves. Started
    // all at once, as the batch hands them out, they ran back to back and a Ctrl-C waited for
    // the whole batch.
    let queue: Promise<unknown> = Promise.resolve();
    const runGroup = (tasks: readonly ReplicateTask[], signal?: AbortSignal, onOutcome?: OutcomeListener) => {
      const turn = queue.then(async () => {
        const steps = replicateGroupSteps(tasks, networks, onOutcome);
        try {
          for (;;) {
            await new Promise((resolve) => setImmediate(resolve));
            signal?.throwIfAborted();
            const next = steps.next();
            if (next.done) return next.value.outcomes;
          }
        } finally {
          steps.return(undefined as never);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    };
    return { run: async (spec, network, signal) => resultOf((await runGroup([{ spec, network }], signal))[0]), runGroup, close: async () => undefined, threads: [] };
  }
  const filename = join(packageInfo().root, 'dist', 'workers', 'replicateWorker.js');
  if (!existsSync(filename)) throw new CliError(`${filename} is missing: run "npm run build" (npm install does it) before running batches`);
  const pool = new Piscina({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    workerData: { networks: networks.map((n) => ({ buffer: n.buffer, meta: n.meta })) },
  });
  // A worker that dies outside a task (e.g. out of memory while starting) is reported here;
  // without a listener its tasks would wait forever.
  pool.on('error', onWorkerError);
  const runGroup = async (tasks: readonly ReplicateTask[], signal?: AbortSignal, onOutcome?: OutcomeListener) => {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', ({ k, outcome }: { k: number; outcome: ReplicateOutcome }) => onOutcome?.(k, outcome));
    try {
      return ((await pool.run({ tasks, port: port2 }, { signal, transferList: [port2] as never })) as GroupRun).outcomes;
    } finally {
      port1.close();
    }
  };
  return {
    run: async (spec, network, signal) => resultOf((await runGroup([{ spec, network }], signal))[0]),
    runGroup,
    close: () => pool.destroy(),
    get threads() {
      return pool.threads;
    },
  };
}

/** The result of an outcome, or its error thrown again. */
function resultOf(outcome: ReplicateOutcome): ReplicateResult {
  if ('result' in outcome) return outcome.result;
  throw outcomeError(outcome.error);
}
