/**
 * A full year of the real corridor with every policy of guardia-nacional-2019 switched on
 * (450,000 arrivals a year): seconds per replicate (setup included), agent-steps per second,
 * and memory per agent. Prints one JSON line per run and a final line with the medians.
 *
 *   npm run bench -- corridor-year [--runs 5] [--scenario scenarios/guardia-nacional-2019.yaml] [--per-year N] [--days D]
 */
import { cpus } from 'node:os';
import { benchArgs, wholeNumber } from './benchArgs.js';
import { createBenchEngine, loadBenchScenario } from './benchScenario.js';
import { median } from './medianInterval.js';

const values = benchArgs('corridor-year', {
  runs: { type: 'string', default: '5' },
  scenario: { type: 'string', default: 'scenarios/guardia-nacional-2019.yaml' },
  'per-year': { type: 'string' },
  days: { type: 'string' },
});
const runs = wholeNumber('runs', values.runs);
const bench = loadBenchScenario(values.scenario!, values['per-year'], values.days);
const { scenario, days } = bench;

// Memory is measured as growth above a collected baseline; without a collector to call, a
// collection during the run could make that growth negative, so refuse rather than mislead.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('bench/corridorYear.ts measures memory and needs node --expose-gc (npm run bench passes it)');
  process.exit(2);
}
const rows: { seconds: number; stepsPerSecond: number; bytesPerAgent: number }[] = [];
for (let run = 0; run < runs; run++) {
  gc();
  const mem0 = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const { pop, engine } = createBenchEngine(bench, run);
  const mem1 = process.memoryUsage();
  let peak = 0;
  while (engine.step()) {
    if (engine.day % 30 === 0) {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (mem0.heapUsed + mem0.arrayBuffers));
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const agents = pop.count;
  const stateBytes = mem1.heapUsed + mem1.arrayBuffers - (mem0.heapUsed + mem0.arrayBuffers);
  const row = {
    run,
    scenario: scenario.name,
    agents,
    days,
    agentSteps: engine.tally.agentSteps.value,
    seconds,
    agentStepsPerSecond: Math.round(engine.tally.agentSteps.value / seconds),
    bytesPerAgentAtStart: Math.round(stateBytes / agents),
    peakBytesPerAgent: Math.round(Math.max(peak, stateBytes) / agents),
    checksum: engine.tally.linkAgentKm.reduce((s, x) => s + x, 0),
  };
  rows.push({ seconds, stepsPerSecond: row.agentStepsPerSecond, bytesPerAgent: row.peakBytesPerAgent });
  console.log(JSON.stringify(row));
}
console.log(
  JSON.stringify({
    median: true,
    runs: rows.length,
    secondsPerReplicate: median(rows.map((r) => r.seconds)),
    agentStepsPerSecond: median(rows.map((r) => r.stepsPerSecond)),
    peakBytesPerAgent: median(rows.map((r) => r.bytesPerAgent)),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
  }),
);
