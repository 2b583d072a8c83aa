/**
 * piscina worker: runs one replicate. It attaches once to the compiled networks the pool was
 * given (SharedArrayBuffers in workerData, seen here without copying). Results are small (a
 * few hundred metrics and two arrays per link), so they go back by structured clone.
 */
import { workerData } from 'piscina';
import { runReplicate, type RunSpec } from '../src/batch/runReplicate.js';
import { openCompiledNetwork, type CompiledMeta, type CompiledNetwork } from '../src/network/compiledNetwork.js';

const networks: CompiledNetwork[] = (workerData.networks as { buffer: SharedArrayBuffer; meta: CompiledMeta }[]).map((n) => openCompiledNetwork(n.buffer, n.meta));

export default function replicate(task: { spec: RunSpec; network: number }) {
  return runReplicate(task.spec, networks[task.network]);
}
