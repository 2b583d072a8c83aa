import { existsSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { corredorVersion, gitCommit, type Manifest } from '../batch/manifest.js';
import { BatchInterrupted, runBatch, type BatchResults, type BatchScenario } from '../batch/runBatch.js';
import { expectedAgents, estimateReplicateBytes } from '../batch/estimateMemory.js';
import { WORKER_HEAP_MB } from '../batch/replicatePool.js';
import { CliError } from '../core/errors.js';
import { sameCompiledNetwork, type CompiledNetwork } from '../network/compiledNetwork.js';
import type { Scenario } from '../scenario/scenario.js';
import type { LoadedScenario } from '../scenario/loadScenario.js';
import { progressBar, interruptSignal, replicatesOf, type BatchFlags } from './batchOptions.js';
import type { Effects } from './effects.js';

/** 128 + the signal number, as shells report a process stopped by that signal. */
export const EXIT_INTERRUPTED = 130; // SIGINT (Ctrl-C)
export const EXIT_TERMINATED = 143; // SIGTERM (e.g. a scheduler ending the job)

/**
 * Runs the batch behind run, compare and sweep: one checkpoint in the output folder, a
 * progress bar, Ctrl-C handling, and the manifest of each scenario. On Ctrl-C it leaves the
 * checkpoint, says how to resume, and throws a CliError with exit code 130 (143 for SIGTERM); no result file is
 * written until the batch is complete.
 */
export async function runScenarioBatch(
  loaded: readonly { label: string; scenario: LoadedScenario }[],
  flags: BatchFlags,
  out: string,
  effects: Effects,
  command: string,
): Promise<{ results: BatchResults; manifests: Map<string, Manifest>; seed: number }> {
  checkMemory(loaded.map((l) => l.scenario.scenario), flags.workers);
  const started = process.hrtime.bigint();
  const startedCpu = process.cpuUsage();
  const { networks, scenarios } = batchScenarios(loaded);
  const seed = flags.seed ?? loaded[0].scenario.scenario.seed;
  const checkpoint = join(out, 'checkpoint.jsonl');
  if (flags.resume && !existsSync(checkpoint)) throw new CliError(`--resume: ${checkpoint} does not exist; nothing to resume, run without --resume`);
  const replicates = replicatesOf(flags);
  // The command line as typed, for the resume hint.
  const resumeCommand = ['corredor', command, ...process.argv.slice(3).filter((a) => a !== '--resume')].join(' ');
  const bar = progressBar(effects);
  const interrupt = interruptSignal();
  let results: BatchResults;
  try {
    results = await runBatch({
      scenarios,
      networks,
      replicates,
      seed,
      streams: flags.streams,
      workers: flags.workers,
      checkpoint: { file: checkpoint, resume: flags.resume },
      onProgress: bar.update,
      onRetry: (label, replicate, error) =>
        effects.stderr(`replicate ${replicate} of ${label} (seed ${seed}) failed (${(error as Error)?.message ?? String(error)}); running it again\n`),
      signal: interrupt.signal,
    });
  } catch (error) {
    if (error instanceof BatchInterrupted) {
      bar.stop();
      throw new CliError(
        `interrupted: ${error.done} of ${error.total} replicates are saved in ${checkpoint}; no results were written.\nResume with: ${resumeCommand} --resume`,
        interrupt.signal.reason === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED,
      );
    }
    throw error;
  } finally {
    bar.stop();
    interrupt.dispose();
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(startedCpu);
  const manifests = new Map<string, Manifest>();
  for (const l of loaded) {
    manifests.set(l.label, {
      corredor: corredorVersion(),
      gitCommit: gitCommit(),
      scenarios: [{ label: l.label, file: l.scenario.file, hash: l.scenario.hash }],
      seed,
      runs: flags.runs,
      replicates: { first: replicates[0] ?? 0, count: replicates.length, shard: flags.shard ? `${flags.shard.k}/${flags.shard.n}` : null },
      streams: flags.streams,
      workers: flags.workers,
      node: process.version,
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    });
  }
  return { results, manifests, seed };
}

/**
 * The batch's scenarios and networks: one copy of each distinct network, however many of the
 * scenarios compiled it, so that it reaches the workers once and variants of one network share
 * their populations (batch/runReplicateGroup.ts).
 */
export function batchScenarios(loaded: readonly { label: string; scenario: LoadedScenario }[]): { networks: CompiledNetwork[]; scenarios: BatchScenario[] } {
  const networks: CompiledNetwork[] = [];
  const networkOf = (c: CompiledNetwork) => {
    const k = networks.findIndex((n) => sameCompiledNetwork(n, c));
    return k >= 0 ? k : networks.push(c) - 1;
  };
  const scenarios = loaded.map((l) => ({ label: l.label, scenario: l.scenario.scenario, network: networkOf(l.scenario.compiled), hash: l.scenario.hash }));
  return { networks, scenarios };
}

/** Removes the checkpoint once the results it protected are written. */
export function dropCheckpoint(out: string): void {
  rmSync(join(out, 'checkpoint.jsonl'), { force: true });
}

/**
 * Refuses, before anything runs, a batch whose replicates cannot fit: one replicate above the
 * worker heap limit, or all workers together above 80% of this machine's memory.
 */
export function checkMemory(scenarios: readonly Scenario[], workers: number, totalBytes = totalmem()): void {
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  const worst = scenarios.reduce((a, s) => (estimateReplicateBytes(s) > estimateReplicateBytes(a) ? s : a));
  const one = estimateReplicateBytes(worst);
  const agents = expectedAgents(worst).toLocaleString('en-US');
  if (one > WORKER_HEAP_MB * 2 ** 20) {
    throw new CliError(
      `${worst.name}: one replicate needs about ${gib(one)} (${agents} agents), more than a worker's heap limit of ${gib(WORKER_HEAP_MB * 2 ** 20)}; lower demand.per_year or shorten the period`,
    );
  }
  const parallel = Math.max(1, workers);
  if (one * parallel > 0.8 * totalBytes) {
    const fits = Math.max(1, Math.floor((0.8 * totalBytes) / one));
    throw new CliError(`${worst.name}: ${parallel} replicates at once need about ${gib(one * parallel)}, more than 80% of this machine's ${gib(totalBytes)}; run with --workers ${fits}`);
  }
}
