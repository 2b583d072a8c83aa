/**
 * One process of `npm run bench -- builds`: full-year replicates of a scenario on the main
 * thread, made as corridor-year makes them, by the build whose checkout is ROOT, which need not
 * be this one. Prints one JSON line: each replicate's seconds (setup included) and checksums.
 *
 *   node dist/bench/buildYear.js ROOT REPLICATES SCENARIO [--set key=value ...]
 *
 * It imports ROOT's compiled modules (ROOT/dist/src) by path, so an earlier commit's build, in a
 * git worktree of its own, runs its own code here; the scenario file is read from ROOT as well.
 * The functions it calls have kept their names and arguments since session 10.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, count, scenarioFile, ...rest] = process.argv.slice(2);
const set: string[] = [];
for (let k = 0; k < rest.length; k += 2) if (rest[k] === '--set' && rest[k + 1] !== undefined) set.push(rest[k + 1]);

async function load<T>(module: string): Promise<T> {
  const file = resolve(root, 'dist', 'src', `${module}.js`);
  try {
    return (await import(pathToFileURL(file).href)) as T;
  } catch (error) {
    process.stderr.write(`npm run bench -- builds: cannot load ${file} (${(error as Error).message.split('\n')[0]}); build that checkout first (npx tsc -p tsconfig.build.json in it)\n`);
    process.exit(1);
  }
}

type Anything = (...args: never[]) => unknown;
const { streamKeys } = await load<{ streamKeys: Anything }>('batch/runReplicate');
const { createEngine } = await load<{ createEngine: Anything }>('engine/createEngine');
const { createPopulation } = await load<{ createPopulation: Anything }>('population/createPopulation');
const { compileTimeline } = await load<{ compileTimeline: Anything }>('scenario/compileTimeline');
const { loadScenario } = await load<{ loadScenario: Anything }>('scenario/loadScenario');
const { daysBetween } = await load<{ daysBetween: Anything }>('core/dates');

// Typed loosely on purpose: these are another build's functions, checked by running them.
const call = (f: Anything, ...args: unknown[]): any => (f as unknown as (...a: unknown[]) => unknown)(...args);
const { scenario, compiled: net } = call(loadScenario, resolve(root, scenarioFile), set.length ? { set } : undefined);
const days = call(daysBetween, scenario.period.start, scenario.period.end) + 1;
const replicates: { seconds: number; agentSteps: number; kmChecksum: number; flowChecksum: number }[] = [];
for (let replicate = 0; replicate < Number(count); replicate++) {
  const t0 = process.hrtime.bigint();
  const keys = call(streamKeys, { scenario, seed: scenario.seed, replicate });
  const timeline = call(compileTimeline, scenario.policies, net, scenario.period.start, days, keys.policy);
  const pop = call(createPopulation, scenario, net, keys.population);
  const engine = call(createEngine, net, scenario, timeline, pop, keys);
  while (engine.step());
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const tally = engine.tally;
  replicates.push({
    seconds,
    agentSteps: tally.agentSteps.value,
    kmChecksum: (tally.linkAgentKm as Float64Array).reduce((s, x) => s + x, 0),
    flowChecksum: (tally.linkFlow as Float64Array).reduce((s, x) => s + x, 0),
  });
}
console.log(JSON.stringify({ root, replicates }));
