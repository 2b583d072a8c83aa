/**
 * Does the cost grow linearly in agents and in days? Runs the corridor-year benchmark
 * (bench/corridorYear.ts, guardia-nacional-2019) at 4 demands over the full year and at 4
 * period lengths at full demand, and prints one JSON line per point with the medians of
 * `--runs` runs, and the seconds per million agent-steps (flat when the cost is linear).
 *
 *   npm run bench -- scaling [--runs 5] [--per-year 56250,112500,225000,450000] [--days 46,91,183,366]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, wholeNumber, wholeNumbers } from './benchArgs.js';

const values = benchArgs('scaling', {
  runs: { type: 'string', default: '5' },
  'per-year': { type: 'string', default: '56250,112500,225000,450000' },
  days: { type: 'string', default: '46,91,183,366' },
});
const runsPerPoint = String(wholeNumber('runs', values.runs));
const perYear = wholeNumbers('per-year', values['per-year']);
const days = wholeNumbers('days', values.days);

// The compiled corridor-year benchmark beside this one (dist/bench/), as bench/run.ts runs it.
const corridorYear = join(dirname(fileURLToPath(import.meta.url)), 'corridorYear.js');

function point(curve: 'agents' | 'days', args: string[]) {
  const r = spawnSync(process.execPath, ['--expose-gc', corridorYear, '--runs', runsPerPoint, ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(r.status ?? 1);
  }
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const runs = lines.filter((l) => !l.median);
  const median = lines.find((l) => l.median);
  const steps = runs[0].agentSteps;
  console.log(
    JSON.stringify({
      curve,
      agents: runs[0].agents,
      days: runs[0].days,
      agentSteps: steps,
      secondsPerReplicate: median.secondsPerReplicate,
      secondsPerMillionAgentSteps: Number(((1e6 * median.secondsPerReplicate) / steps).toFixed(4)),
      agentStepsPerSecond: median.agentStepsPerSecond,
      runs: median.runs,
      node: median.node,
      cpu: median.cpu,
    }),
  );
}
for (const n of perYear) point('agents', ['--per-year', String(n)]);
for (const d of days) point('days', ['--days', String(d)]);
