/**
 * Entry point of `npm run bench -- <name> [options]`: dispatches to one benchmark script.
 *   flee-corridor   bench/fleeCorridor.ts
 *   corridor-year   bench/corridorYear.ts
 *   router          bench/router.ts
 *   scaling         bench/scaling.ts (linearity in agents and days)
 *   scenarios       bench/scenarios.ts (replicates per second of every shipped scenario; with
 *                   --workers 1,2 the speed-up of two workers over one)
 *   state-sharing   bench/stateSharing.ts (how many agents on their way share their state)
 *   host-pairs      bench/hostPairs.ts (what two busy cores give on this machine, with plain loops)
 */
import { spawnSync } from 'node:child_process';

const scripts: Record<string, string> = { 'flee-corridor': 'bench/fleeCorridor.ts', 'corridor-year': 'bench/corridorYear.ts', router: 'bench/router.ts', scaling: 'bench/scaling.ts', scenarios: 'bench/scenarios.ts', 'state-sharing': 'bench/stateSharing.ts', 'host-pairs': 'bench/hostPairs.ts' };
const [name, ...rest] = process.argv.slice(2);
if (!name || !scripts[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(scripts).join('|')}> [options]`);
  process.exit(2);
}
// --expose-gc lets the memory benchmarks collect garbage before their baseline reading;
// without it a collection during a short run can make the measured growth negative.
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', scripts[name], ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
