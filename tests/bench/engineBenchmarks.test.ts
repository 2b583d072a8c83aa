import { describe, expect, it } from 'vitest';
import { runBench } from './runBench.js';

/** Benchmarks are not timed tests: CI only checks that they run and print their results. */
describe('engine benchmarks', () => {
  it('should run the Flee-format benchmark on each variant and print one JSON line', () => {
    for (const scenario of ['baseline', 'checkpoints', 'border']) {
      const r = runBench(['flee-corridor', '--agents', '500', '--days', '20', '--scenario', scenario]);
      expect(r.status, r.stderr).toBe(0);
      const line = JSON.parse(r.stdout.trim());
      expect(line).toMatchObject({ scenario, agents: 500, days: 20 });
      expect(line.agentSteps).toBeGreaterThan(500);
      expect(line.agentStepsPerSecond).toBeGreaterThan(0);
    }
  });

  it('should run the corridor-year benchmark and print per-run lines and medians', () => {
    const r = runBench(['corridor-year', '--runs', '1', '--per-year', '20000', '--days', '20']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ scenario: 'guardia-nacional-2019', days: 20 });
    expect(lines[1]).toMatchObject({ median: true, runs: 1 });
    expect(lines[1].peakBytesPerAgent).toBeGreaterThan(0);
    // Setup is part of the replicate's time, so the day loop alone runs faster than the whole.
    expect(lines[0].setupSeconds).toBeGreaterThan(0);
    expect(lines[0].setupSeconds).toBeLessThan(lines[0].seconds);
    expect(lines[0].dayLoopAgentStepsPerSecond).toBeGreaterThan(lines[0].agentStepsPerSecond);
    expect(lines[1].dayLoopAgentStepsPerSecond).toBe(lines[0].dayLoopAgentStepsPerSecond);
    // A replicate's arrays are new memory, so some pages are mapped in every run.
    expect(Number.isInteger(lines[0].minorPageFaults) && lines[0].minorPageFaults > 0, String(lines[0].minorPageFaults)).toBe(true);
    expect(lines[0].systemSeconds).toBeGreaterThanOrEqual(0);
    expect(lines[1].minorPageFaults).toBe(lines[0].minorPageFaults);
  });

  it('should count how many agents on their way share a position and a state', () => {
    const r = runBench(['state-sharing', '--per-year', '20000', '--days', '30']);
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ scenario: 'guardia-nacional-2019', replicate: 0, days: 30 });
    // Every agent on its way has one position and one state; states refine positions.
    expect(line.agentDaysInTransit).toBeGreaterThan(0);
    expect(line.distinctStates).toBeLessThanOrEqual(line.agentDaysInTransit);
    expect(line.distinctPositions).toBeLessThanOrEqual(line.distinctStates);
    expect(line.largestGroup).toBeGreaterThanOrEqual(1);
    expect(line.agentsPerState).toBeCloseTo(line.agentDaysInTransit / line.distinctStates, 2);
  });

  it('should time the per-person floor beside the engine, leaving warm-up runs out of the medians', () => {
    const r = runBench(['floor', '--runs', '2', '--warmup', '1', '--per-year', '20000', '--days', '60']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.warmup)).toEqual([true, false, false, undefined]);
    const [, ...measured] = lines.slice(0, 3);
    const summary = lines[3];
    expect(summary).toMatchObject({ median: true, runs: 2, warmupRuns: 1 });
    expect(summary.floorDayLoopSeconds).toBeCloseTo((measured[0].floor.dayLoopSeconds + measured[1].floor.dayLoopSeconds) / 2, 6);
    for (const row of lines.slice(0, 3)) {
      const { engine, floor } = row;
      // The comparison means something only if the kernel walks about as many people as far as
      // the engine does: it walks the same population through the same network and policies.
      expect(Math.abs(floor.agentSteps / engine.agentSteps - 1), JSON.stringify(row)).toBeLessThan(0.1);
      expect(Math.abs(floor.linkTraversals / engine.linkTraversals - 1), JSON.stringify(row)).toBeLessThan(0.1);
      expect(Math.abs(floor.arrived / engine.arrived - 1), JSON.stringify(row)).toBeLessThan(0.1);
      // Every traversal began as an entry; interceptions on the link stop some entries.
      expect(floor.linkTraversals).toBeLessThanOrEqual(floor.linkEntries);
      expect(floor.visits).toBeLessThanOrEqual(floor.agentSteps);
      expect(floor.candidatesWeighed).toBeGreaterThan(0);
      expect(floor.apprehensions).toBeGreaterThan(0);
      expect(row.floorAgentStepsPerSecond).toBe(Math.round(floor.agentSteps / (floor.dayLoopSeconds + row.populationSeconds)));
    }
  });

  it('should run the scaling benchmark: one line per point of each curve', () => {
    const r = runBench(['scaling', '--runs', '1', '--per-year', '5000,10000', '--days', '10,20']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.curve)).toEqual(['agents', 'agents', 'days', 'days']);
    expect(lines[2]).toMatchObject({ days: 10 });
    expect(lines[3]).toMatchObject({ days: 20 });
    for (const l of lines) expect(l.secondsPerMillionAgentSteps).toBeGreaterThan(0);
  });

  it('should run the scenarios benchmark: replicates per second of a scenario', () => {
    const r = runBench(['scenarios', '--runs', '2', '--workers', '1', '--repeats', '2', '--scenarios', 'scenarios/fixtures/tiny.yaml']);
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ scenario: 'tiny', replicates: 2, workers: 1, repeats: 2 });
    expect(line.wallSeconds).toHaveLength(2);
    expect(line.replicatesPerSecond).toBeGreaterThan(0);
    // A one-worker batch keeps at least part of a core busy (more, when V8's helpers run beside it).
    expect(line.coresUsed).toHaveLength(2);
    expect(line.medianCoresUsed).toBeGreaterThan(0.1);
  });

  it('should time a batch on two pool sizes and print the speed-up', () => {
    const r = runBench(['scenarios', '--runs', '2', '--workers', '1,2', '--repeats', '2', '--scenarios', 'scenarios/fixtures/tiny.yaml']);
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line.pools.map((p: { workers: number }) => p.workers)).toEqual([1, 2]);
    expect(line.speedup).toBeGreaterThan(0);
    // One ratio per round: that round's 1-worker wall time over its 2-worker one.
    const [one, two] = line.pools.map((p: { wallSeconds: number[] }) => p.wallSeconds);
    expect(line.pairedSpeedup.rounds).toHaveLength(2);
    line.pairedSpeedup.rounds.forEach((ratio: number, k: number) => expect(ratio).toBeCloseTo(one[k] / two[k], 2));
    // Their median; two rounds are too few for a 95% interval (it needs six).
    expect(line.pairedSpeedup.median).toBeCloseTo((line.pairedSpeedup.rounds[0] + line.pairedSpeedup.rounds[1]) / 2, 3);
    expect(line.pairedSpeedup.ci95).toBeNull();
  });
  it('should time this build against another in paired rounds, and compare their checksums', () => {
    // Against this very checkout: the two builds are one, so their checksums must agree.
    const r = runBench(['builds', '--against', '.', '--rounds', '2', '--replicates', '2', '--per-year', '5000', '--days', '20']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    const [first, second, summary] = lines;
    // The order alternates, so the host's drift falls on both builds.
    expect([first.first, second.first]).toEqual(['against', 'here']);
    for (const round of [first, second]) {
      expect(round.hereSeconds).toHaveLength(2);
      expect(round.againstSeconds).toHaveLength(2);
      // The ratio leaves out each process's first replicate, which also compiles the loop.
      expect(Math.abs(round.ratio / (round.hereSeconds[1] / round.againstSeconds[1]) - 1)).toBeLessThan(0.01);
      expect(round.checksumsEqual).toBe(true);
    }
    expect(summary).toMatchObject({ benchmark: 'builds', rounds: 2, replicates: 2, checksumsEqual: true, set: ['demand.per_year=5000', 'period.end=2019-07-04'] });
    expect(summary.ratio.rounds).toEqual([first.ratio, second.ratio]);
  });

  it('should refuse to pair with a folder that holds no build, naming it', () => {
    const r = runBench(['builds', '--against', 'docs', '--rounds', '1', '--replicates', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^npm run bench -- builds: \/.*\/docs has no built engine \(dist\/src\/engine\/createEngine\.js\): build it first/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });

  it('should time three plain loops alone and in pairs of threads, one line per loop', () => {
    const r = runBench(['host-pairs', '--rounds', '2', '--steps', '1']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.loop)).toEqual(['throughput', 'latency', 'memory']);
    for (const l of lines) {
      expect(l).toMatchObject({ benchmark: 'host-pairs', rounds: 2, steps: 1e6 });
      expect(l.aloneSeconds).toHaveLength(2);
      expect(l.pairSeconds).toHaveLength(2);
      for (const p of l.pairSeconds) expect(p).toHaveLength(2);
      expect(l.pairOverAlone.rounds).toHaveLength(2);
      expect(l.twoThreadSpeedup).toBeCloseTo(2 / l.pairOverAlone.median, 2);
    }
  });
});
