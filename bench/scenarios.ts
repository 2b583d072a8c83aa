/**
 * Replicates per second of every shipped scenario, as users run them: `corredor run` on the
 * worker pool, the batch's wall time from its manifest (loading, workers and outputs included).
 * Each batch runs `--repeats` times; the line gives every wall time and their median, and the
 * cores each batch kept busy (its CPU time over its wall time, from the same manifest).
 *
 *   npm run bench -- scenarios [--runs 4] [--workers 2] [--repeats 5] [--scenarios a.yaml,b.yaml]
 *
 * With `--workers 1,2` it times each batch on both pool sizes, alternating them so that the
 * machine's drift falls on both, and prints the speed-up of the larger pool: the ratio of the
 * median wall times, and the median of each round's ratio with its 95% confidence interval
 * (`pairedSpeedup`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs, wholeNumber, wholeNumbers } from './benchArgs.js';
import { median, roundRatios } from './medianInterval.js';

const SHIPPED = ['baseline', 'frontera-sur-2014', 'guardia-nacional-2019', 'timeline-2013-2019'].map((n) => `scenarios/${n}.yaml`);
const values = benchArgs('scenarios', {
  runs: { type: 'string', default: '4' },
  workers: { type: 'string', default: '2' },
  repeats: { type: 'string', default: '5' },
  scenarios: { type: 'string' },
  set: { type: 'string', multiple: true },
});
const files = values.scenarios ? values.scenarios.split(',') : SHIPPED;
const runs = wholeNumber('runs', values.runs);
const pools = wholeNumbers('workers', values.workers, 0);
const repeats = wholeNumber('repeats', values.repeats);

/**
 * The speed-up of the largest pool over the smallest, round by round: each round runs both
 * pools one after the other, so their ratio shares the host's load of the moment, which on a
 * shared machine moves the two medians apart by more than the pools differ. Every round's
 * ratio, their median, and a distribution-free 95% interval for the median (null under 6
 * rounds), which says whether the rounds resolve a goal such as 1.8x.
 */
function pairedSpeedup(smallest: number[], largest: number[]) {
  return roundRatios(smallest.map((w, k) => w / largest[k]));
}

/** One batch; its wall time, CPU time and mean number of agents. */
function batch(file: string, workers: number): { label: string; agents: number; wallSeconds: number; cpuSeconds: number } {
  const out = mkdtempSync(join(tmpdir(), 'corredor-bench-'));
  try {
    const args = ['dist/src/cli/main.js', 'run', file, '--runs', String(runs), '--workers', String(workers), '--out', out, ...(values.set ?? []).flatMap((s) => ['--set', s])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(r.status ?? 1);
    }
    const { manifest, metrics } = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    return { label: manifest.scenarios[0].label, agents: metrics.created.mean, wallSeconds: manifest.wallSeconds, cpuSeconds: manifest.cpuSeconds };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

for (const file of files) {
  const walls = new Map<number, number[]>(pools.map((w) => [w, []]));
  const cores = new Map<number, number[]>(pools.map((w) => [w, []]));
  let info = { label: '', agents: 0 };
  for (let k = 0; k < repeats; k++) {
    for (const w of pools) {
      const b = batch(file, w);
      info = b;
      walls.get(w)!.push(b.wallSeconds);
      cores.get(w)!.push(b.cpuSeconds / b.wallSeconds);
    }
  }
  const byPool = pools.map((w) => {
    const wall = median(walls.get(w)!);
    const busy = cores.get(w)!;
    return {
      workers: w,
      wallSeconds: walls.get(w),
      medianWallSeconds: wall,
      replicatesPerSecond: Number((runs / wall).toFixed(4)),
      // Cores kept busy (the process's CPU time over its wall time, every thread counted): above
      // the worker count, V8's helper threads ran beside the workers (bench/RESULTS.md, session 11).
      coresUsed: busy.map((c) => Number(c.toFixed(3))),
      medianCoresUsed: Number(median(busy).toFixed(3)),
    };
  });
  console.log(
    JSON.stringify({
      scenario: info.label,
      agents: info.agents,
      replicates: runs,
      repeats,
      ...(byPool.length === 1 ? byPool[0] : { pools: byPool, speedup: Number((byPool[byPool.length - 1].replicatesPerSecond / byPool[0].replicatesPerSecond).toFixed(3)), pairedSpeedup: pairedSpeedup(walls.get(pools[0])!, walls.get(pools[pools.length - 1])!) }),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
    }),
  );
}
