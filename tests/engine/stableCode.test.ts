import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A batch's worker runs replicate after replicate, so the day loop's optimised code must
 * survive from one replicate to the next. It did not: the stream keys' object changed hidden
 * class with the keys' values, and the beliefs and candidate lists were closures made anew per
 * replicate, each a different function to the compiled calls; the loop was thrown away and
 * compiled again (about a second of compiling per replicate) at the start of most replicates
 * (bench/RESULTS.md, session 10). This runs four short replicates of the built engine in one
 * child process with V8's optimisation and deoptimisation traces on, and checks that the last
 * two throw none of the day loop's code away.
 */
const HOT = ['step', 'travel', 'plan', 'enterLink', 'reachPlace', 'release', 'releaseDue', 'totalsOf', 'endOfDay', 'from', 'routeTotals'];

describe('compiled code across replicates', () => {
  it('should keep the day loop optimised from the third replicate of a process on', () => {
    const dist = (path: string) => pathToFileURL(resolve('dist/src', path)).href;
    const script = `
      const { runReplicate } = await import(${JSON.stringify(dist('batch/runReplicate.js'))});
      const { loadScenario } = await import(${JSON.stringify(dist('scenario/loadScenario.js'))});
      const { scenario, compiled } = loadScenario('scenarios/guardia-nacional-2019.yaml', { set: ['demand.per_year=60000', 'period.end=2019-09-30'] });
      for (let replicate = 0; replicate < 4; replicate++) {
        console.log('== replicate ' + replicate);
        runReplicate({ scenario, seed: scenario.seed, replicate, streams: 'common' }, compiled);
      }
    `;
    // Compiling on the main thread, so the trace is the same however busy the host is.
    const flags = ['--trace-opt', '--trace-deopt', '--no-concurrent-recompilation', '--no-concurrent-osr'];
    const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    const [, ...byReplicate] = r.stdout.split(/^== replicate \d+$/m);
    expect(byReplicate).toHaveLength(4);
    const thrownAway = (text: string) =>
      text
        .split('\n')
        .filter((line) => /^\[(bailout|marking dependent code)/.test(line))
        .map((line) => /<(?:JSFunction|SharedFunctionInfo) ([\w.]+)/.exec(line)?.[1])
        .filter((name): name is string => name !== undefined && HOT.includes(name));
    // The first replicates must have optimised the loop, or there would be nothing to throw
    // away and the checks below would pass for nothing. The second may still refine it as the
    // types it meets settle.
    const optimised = byReplicate.slice(0, 2).join('\n');
    for (const name of ['step', 'travel']) expect(optimised, name).toMatch(new RegExp(`completed (optimizing|compiling) .*<JSFunction ${name} `));
    expect(thrownAway(byReplicate[2])).toEqual([]);
    expect(thrownAway(byReplicate[3])).toEqual([]);
  });
});
