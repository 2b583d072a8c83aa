import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/**
 * `npm run bench -- <args>` without its build step: `npm test` has just built dist/, and a build
 * per call would rewrite dist/ while other test files' worker threads load it.
 */
export function runBench(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['dist/bench/run.js', ...args], { encoding: 'utf8' });
}
