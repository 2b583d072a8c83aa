import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The day loop's link entry, arrival and route choice must be compiled into `travel` on every
 * thread that runs it (src/engine/inliningBudget.ts); V8's default limits leave all three as
 * calls. This runs a short replicate of the built engine in a child process with V8's inlining
 * trace on, and reads it.
 */
describe('inlining budget', () => {
  it('should inline enterLink, reachPlace and plan into travel on the main thread', () => {
    const dist = (path: string) => pathToFileURL(resolve('dist/src', path)).href;
    const script = `
      const { runReplicate } = await import(${JSON.stringify(dist('batch/runReplicate.js'))});
      const { loadScenario } = await import(${JSON.stringify(dist('scenario/loadScenario.js'))});
      const { scenario, compiled } = loadScenario('scenarios/guardia-nacional-2019.yaml', { set: ['demand.per_year=40000', 'period.end=2019-09-30'] });
      runReplicate({ scenario, seed: 1, replicate: 0, streams: 'common' }, compiled);
    `;
    // Compiling on the main thread, not in the background, so a busy host cannot end the run
    // before the optimising compiler has made its choices.
    const flags = ['--trace-turbo-inlining', '--no-concurrent-recompilation', '--no-concurrent-osr'];
    const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    for (const callee of ['enterLink', 'reachPlace', 'plan']) {
      expect(r.stdout, callee).toMatch(new RegExp(`Inlining .*<SharedFunctionInfo ${callee}>.* into .*<SharedFunctionInfo travel>`));
    }
  });
});
