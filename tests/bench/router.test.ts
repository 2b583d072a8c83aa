import { describe, expect, it } from 'vitest';
import { runBench } from './runBench.js';

/** Benchmarks are not timed tests: CI only checks that they run and print their results. */
describe('bench/router.ts', () => {
  it('should run and print one JSON line per graph with matching work on both routers', () => {
    const r = runBench(['router', '--runs', '1']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.graph)).toEqual(['southern-corridor', 'grid 32x32', 'grid 55x55']);
    for (const l of lines) expect(l.csrMedianMs).toBeGreaterThan(0);
  });
});
