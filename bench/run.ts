/**
 * Entry point of `npm run bench -- <name> [options]` (which builds first, then runs
 * dist/bench/run.js): dispatches to one benchmark script.
 *   flee-corridor   bench/fleeCorridor.ts
 *   corridor-year   bench/corridorYear.ts
 *   router          bench/router.ts
 *   scaling         bench/scaling.ts (linearity in agents and days)
 *   scenarios       bench/scenarios.ts (replicates per second of every shipped scenario; with
 *                   --workers 1,2 the speed-up of two workers over one)
 *   state-sharing   bench/stateSharing.ts (how many agents on their way share their state)
 *   host-pairs      bench/hostPairs.ts (what two busy cores give on this machine, with plain loops)
 *   builds          bench/pairedBuilds.ts (this build against another checkout's, paired rounds of a year)
 *   floor           bench/perPersonFloor.ts (the least per-person work of a year, as tight as JavaScript runs it, beside the engine)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Each benchmark runs as compiled by `npm run build` (dist/bench/, beside dist/src/), in a process
// of its own with nothing else loaded: the code the CLI and a batch's workers run. Under tsx, the
// same compiled loop ran about a seventh slower (bench/RESULTS.md, "Session 13: another host").
const scripts: Record<string, string> = { 'flee-corridor': 'fleeCorridor', 'corridor-year': 'corridorYear', router: 'router', scaling: 'scaling', scenarios: 'scenarios', 'state-sharing': 'stateSharing', 'host-pairs': 'hostPairs', builds: 'pairedBuilds', floor: 'perPersonFloor' };
const [name, ...rest] = process.argv.slice(2);
if (!name || !scripts[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(scripts).join('|')}> [options]`);
  process.exit(2);
}
// --expose-gc lets the memory benchmarks collect garbage before their baseline reading;
// without it a collection during a short run can make the measured growth negative.
const script = join(dirname(fileURLToPath(import.meta.url)), `${scripts[name]}.js`);
const r = spawnSync(process.execPath, ['--expose-gc', script, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
