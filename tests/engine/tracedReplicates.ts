import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';

/**
 * Runs `replicates` short replicates of guardia-nacional-2019 (at `perYear` arrivals a year, to
 * the end of September 2019) from the built engine in one child process under V8's trace
 * `flags`, and returns what the trace printed during each replicate. Compilation is forced onto
 * the main thread, so a busy host cannot end a run before the optimising compiler has made its
 * choices, and the trace is the same however loaded the machine is. With `--expose-gc` among the
 * flags, a full collection runs after each replicate, as one can in a worker whenever the last
 * replicate's objects have all become garbage.
 */
export function tracedReplicates(flags: readonly string[], perYear: number, replicates: number, seed = 1): string[] {
  const dist = (path: string) => JSON.stringify(pathToFileURL(resolve('dist/src', path)).href);
  const script = `
    const { runReplicate } = await import(${dist('batch/runReplicate.js')});
    const { loadScenario } = await import(${dist('scenario/loadScenario.js')});
    const { scenario, compiled } = loadScenario('scenarios/guardia-nacional-2019.yaml', { set: ['demand.per_year=${perYear}', 'period.end=2019-09-30'] });
    for (let replicate = 0; replicate < ${replicates}; replicate++) {
      console.log('== replicate ' + replicate);
      runReplicate({ scenario, seed: ${seed}, replicate, streams: 'common' }, compiled);
      globalThis.gc?.();
    }
  `;
  const args = [...flags, '--no-concurrent-recompilation', '--no-concurrent-osr', '--input-type=module', '-e', script];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  const [, ...byReplicate] = r.stdout.split(/^== replicate \d+$/m);
  expect(byReplicate).toHaveLength(replicates);
  return byReplicate;
}
