/**
 * piscina worker: runs a group of replicates (one, or one replicate of several variants that
 * share its population). It attaches once to the compiled networks the pool was given
 * (SharedArrayBuffers in workerData, seen here without copying). Results are small (a few
 * hundred metrics and a few arrays per link), so they go back by structured clone: each on
 * the task's port as soon as it is done while others of its group still run, and all together
 * when the group ends.
 */
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { runReplicateGroup, type GroupRun, type ReplicateTask } from '../src/batch/runReplicateGroup.js';
import { openCompiledNetwork, type CompiledMeta, type CompiledNetwork } from '../src/network/compiledNetwork.js';

const networks: CompiledNetwork[] = (workerData.networks as { buffer: SharedArrayBuffer; meta: CompiledMeta }[]).map((n) => openCompiledNetwork(n.buffer, n.meta));

export default function replicates({ tasks, port }: { tasks: readonly ReplicateTask[]; port: MessagePort }): GroupRun {
  // The last outcome goes back with the group's result, a moment later: sending it on the port
  // as well would gain nothing.
  let left = tasks.length;
  try {
    return runReplicateGroup(tasks, networks, (k, outcome) => {
      if (--left > 0) port.postMessage({ k, outcome });
    });
  } finally {
    port.close();
  }
}
