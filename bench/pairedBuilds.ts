/**
 * Two builds of corredor timed against each other on a year of one core, as RESULTS.md measures
 * a speed change: this checkout's build against the build in another checkout (say, a git
 * worktree of the commit before a change, built there).
 *
 *   npm run bench -- builds --against DIR [--rounds 8] [--replicates 4]
 *                           [--scenario scenarios/guardia-nacional-2019.yaml] [--per-year N] [--days D]
 *
 * Each round runs one process per build (bench/buildYear.ts: the replicates on the main thread,
 * made as corridor-year makes them), the order alternating from round to round, so that the
 * host's drift falls on both. A round's ratio is this build's median replicate over the other's,
 * leaving out each process's first replicate, which also compiles the loop (its medians are
 * printed apart). With one replicate per process, the first is all there is, and is used.
 * Prints one JSON line per round, then one with every ratio, their median and a
 * distribution-free 95% interval (null under 6 rounds), and whether the two builds' checksums
 * agree, replicate by replicate: a change meant to be exact must leave them equal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT_USAGE } from '../src/core/errors.js';
import { loadScenario } from '../src/scenario/loadScenario.js';
import { benchArgs, wholeNumber } from './benchArgs.js';
import { sizeOverrides } from './benchScenario.js';
import { median, roundRatios } from './medianInterval.js';

const values = benchArgs('builds', {
  against: { type: 'string' },
  rounds: { type: 'string', default: '8' },
  replicates: { type: 'string', default: '4' },
  scenario: { type: 'string', default: 'scenarios/guardia-nacional-2019.yaml' },
  'per-year': { type: 'string' },
  days: { type: 'string' },
});
if (values.against === undefined) throw new CliError('--against expects the folder of another corredor checkout, built (e.g. a git worktree of an earlier commit)', EXIT_USAGE);
const rounds = wholeNumber('rounds', values.rounds);
const replicates = wholeNumber('replicates', values.replicates);
const benchDir = dirname(fileURLToPath(import.meta.url));
const here = resolve(benchDir, '..', '..');
const against = resolve(values.against);
for (const root of [here, against]) {
  if (!existsSync(join(root, 'dist', 'src', 'engine', 'createEngine.js'))) {
    throw new CliError(`${root} has no built engine (dist/src/engine/createEngine.js): build it first (npx tsc -p tsconfig.build.json in that folder)`);
  }
  if (!existsSync(join(root, values.scenario!))) throw new CliError(`${join(root, values.scenario!)} does not exist: --scenario is read from each checkout`);
}
// The size options as the overrides corridor-year applies, passed to both builds.
const set = values['per-year'] === undefined && values.days === undefined ? [] : sizeOverrides(loadScenario(join(here, values.scenario!)).scenario, values['per-year'], values.days);
const runner = join(benchDir, 'buildYear.js');

interface Replicate {
  seconds: number;
  agentSteps: number;
  kmChecksum: number;
  flowChecksum: number;
}

function run(root: string): Replicate[] {
  const r = spawnSync(process.execPath, [runner, root, String(replicates), values.scenario!, ...set.flatMap((s) => ['--set', s])], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(r.status ?? 1);
  }
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { replicates: Replicate[] }).replicates;
}

/** The replicates after the first, or the first alone. */
const warm = (reps: Replicate[]) => median((reps.length > 1 ? reps.slice(1) : reps).map((r) => r.seconds));

const ratios: number[] = [];
const firsts = { here: [] as number[], against: [] as number[] };
let checksumsEqual = true;
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['against', 'here'] as const) : (['here', 'against'] as const);
  const times = {} as Record<'here' | 'against', Replicate[]>;
  for (const which of order) times[which] = run(which === 'here' ? here : against);
  const same = times.here.every((r, k) => {
    const o = times.against[k];
    return r.agentSteps === o.agentSteps && r.kmChecksum === o.kmChecksum && r.flowChecksum === o.flowChecksum;
  });
  checksumsEqual &&= same;
  const ratio = warm(times.here) / warm(times.against);
  ratios.push(ratio);
  firsts.here.push(times.here[0].seconds);
  firsts.against.push(times.against[0].seconds);
  console.log(JSON.stringify({ round, first: order[0], hereSeconds: times.here.map((r) => Number(r.seconds.toFixed(5))), againstSeconds: times.against.map((r) => Number(r.seconds.toFixed(5))), ratio: Number(ratio.toFixed(3)), checksumsEqual: same }));
}
console.log(
  JSON.stringify({
    benchmark: 'builds',
    here,
    against,
    scenario: values.scenario,
    set,
    rounds,
    replicates,
    ratio: roundRatios(ratios),
    firstReplicateSeconds: { here: median(firsts.here), against: median(firsts.against) },
    checksumsEqual,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
  }),
);
