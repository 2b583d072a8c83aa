import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { CliError, EXIT_USAGE } from '../core/errors.js';
import type { ParsedArgs } from './command.js';
import type { Effects } from './effects.js';

/** Flags shared by run, compare and sweep. */
export const BATCH_OPTIONS = {
  runs: { type: 'string' },
  workers: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  shard: { type: 'string' },
  resume: { type: 'boolean' },
  'independent-streams': { type: 'boolean' },
} as const;

export const BATCH_HELP = `  --runs N               replicates (default 20)
  --workers W            worker threads (default: the available cores; 0 runs in this thread)
  --seed S               seed of every random stream (default: the scenario's)
  --out DIR              folder for the results
  --shard k/N            run only replicates r with r mod N = k (combine shards with merge)
  --resume               finish a batch that was stopped, from DIR/checkpoint.jsonl
  --independent-streams  do not share random numbers between scenarios (default: shared)`;

export interface BatchFlags {
  runs: number;
  workers: number;
  seed: number | undefined;
  out: string | undefined;
  shard: { k: number; n: number } | null;
  resume: boolean;
  streams: 'common' | 'independent';
}

export function batchFlags(args: ParsedArgs, command: string): BatchFlags {
  const int = (name: string, min: number, fallback: number): number => {
    const text = args.values[name];
    if (text === undefined) return fallback;
    const v = Number(text);
    if (!Number.isInteger(v) || v < min) throw new CliError(`corredor ${command}: --${name} expects a whole number >= ${min}; got ${JSON.stringify(text)}`, EXIT_USAGE);
    return v;
  };
  let shard: BatchFlags['shard'] = null;
  if (typeof args.values.shard === 'string') {
    const m = /^(\d+)\/(\d+)$/.exec(args.values.shard);
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) {
      throw new CliError(`corredor ${command}: --shard expects k/N with 0 <= k < N, e.g. --shard 0/3; got ${JSON.stringify(args.values.shard)}`, EXIT_USAGE);
    }
    shard = { k: Number(m[1]), n: Number(m[2]) };
  }
  return {
    runs: int('runs', 1, 20),
    workers: int('workers', 0, availableParallelism()),
    seed: args.values.seed === undefined ? undefined : int('seed', 0, 0),
    out: typeof args.values.out === 'string' ? args.values.out : undefined,
    shard,
    resume: args.values.resume === true,
    streams: args.values['independent-streams'] === true ? 'independent' : 'common',
  };
}

/** Replicate numbers of the batch, or of one shard of it. */
export function replicatesOf(flags: BatchFlags): number[] {
  const all = Array.from({ length: flags.runs }, (_, r) => r);
  return flags.shard ? all.filter((r) => r % flags.shard!.n === flags.shard!.k) : all;
}

/**
 * A progress bar on stderr, replicates done, rate and ETA; silent when stderr is not a TTY. The
 * rate counts the replicates run since the bar started: a resumed batch starts with those its
 * checkpoint held, which took no time here.
 */
export function progressBar(effects: Effects, stream: NodeJS.WritableStream = process.stderr): { update: (done: number, total: number) => void; stop: () => void } {
  if (!effects.stderrIsTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} replicates | {rate}/s | ETA {eta_formatted}', stream, hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  const started = process.hrtime.bigint();
  let running = false;
  let first = 0;
  return {
    update(done, total) {
      if (!running) {
        first = done;
        bar.start(total, done, { rate: '0' });
        running = true;
        return;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      bar.update(done, { rate: seconds > 0 ? ((done - first) / seconds).toFixed(2) : '0' });
    },
    stop: () => running && bar.stop(),
  };
}

/** An AbortSignal fired by Ctrl-C or SIGTERM, so a batch stops cleanly and can be resumed. */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // The abort reason is the signal's name, so the exit code can say which one stopped the batch.
  const onInt = () => controller.abort('SIGINT');
  const onTerm = () => controller.abort('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    dispose: () => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    },
  };
}
