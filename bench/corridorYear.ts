/**
 * A full year of the real corridor with every policy of guardia-nacional-2019 switched on
 * (450,000 arrivals a year): seconds per replicate (setup included), agent-steps per second,
 * and memory per agent; and, apart, the setup's seconds and the day loop's own agent-steps per
 * second. Prints one JSON line per run and a final line with the medians.
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
/**
 * Memory once V8 has freed what a collection found dead: it frees typed arrays' memory on a
 * background thread after the collection, so right after `gc()` memory still counts them.
 */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  gc!();
  let last = process.memoryUsage();
  for (let wait = 0; wait < 100; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = process.memoryUsage();
    if (now.arrayBuffers === last.arrayBuffers) return now;
    last = now;
  }
  return last;
}

/**
 * One run, as a batch's worker runs replicate after replicate: no collection is forced between
 * runs. Until session 13 one was forced before each run, and the baseline read right after it
 * still counted the last run's arrays (45-55 MB, freed on a background thread), so memory read
 * low for every run but the first, down to 0. Two forced collections free them, but then V8
 * threw the day loop's compiled code away ("weak objects") and compiled it again in every run,
 * which a worker does only once, in its second replicate, and since session 14 not at all (the
 * engine's `keeper`). Memory is now the peak above the process's own before its first
 * run: what a run adds, with whatever the collector has not yet freed of earlier runs, as in a
 * worker (bench/RESULTS.md, session 13).
 */
function measure(run: number, mem0: NodeJS.MemoryUsage) {
  const usage0 = process.resourceUsage();
  const t0 = process.hrtime.bigint();
  const { pop, engine } = createBenchEngine(bench, run);
  const t1 = process.hrtime.bigint();
  const mem1 = process.memoryUsage();
  let peak = 0;
  while (engine.step()) {
    if (engine.day % 30 === 0) {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (mem0.heapUsed + mem0.arrayBuffers));
    }
  }
  const t2 = process.hrtime.bigint();
  const seconds = Number(t2 - t0) / 1e9;
  const usage = process.resourceUsage();
  const agents = pop.count;
  const stateBytes = mem1.heapUsed + mem1.arrayBuffers - (mem0.heapUsed + mem0.arrayBuffers);
  return {
    run,
    scenario: scenario.name,
    agents,
    days,
    agentSteps: engine.tally.agentSteps.value,
    seconds,
    agentStepsPerSecond: Math.round(engine.tally.agentSteps.value / seconds),
    // The goals are measured on the whole replicate, setup included; the split says which part
    // a change moves: setup is the policy timeline, the population and the engine's arrays,
    // the rest is the day loop.
    setupSeconds: Number(t1 - t0) / 1e9,
    dayLoopAgentStepsPerSecond: Math.round(engine.tally.agentSteps.value / (Number(t2 - t1) / 1e9)),
    baselineBytes: mem0.heapUsed + mem0.arrayBuffers,
    bytesPerAgentAtStart: Math.round(stateBytes / agents),
    peakBytesPerAgent: Math.round(Math.max(peak, stateBytes) / agents),
    // What the replicate cost the kernel, the whole process's (V8's helper threads included):
    // pages mapped on first touch, and the system CPU time that and the rest took
    // (bench/RESULTS.md, "Session 20").
    minorPageFaults: usage.minorPageFault - usage0.minorPageFault,
    systemSeconds: (usage.systemCPUTime - usage0.systemCPUTime) / 1e6,
    checksum: engine.tally.linkAgentKm.reduce((s, x) => s + x, 0),
  };
}

const rows: ReturnType<typeof measure>[] = [];
const baseline = await settledMemory();
for (let run = 0; run < runs; run++) {
  const row = measure(run, baseline);
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.log(
  JSON.stringify({
    median: true,
    runs: rows.length,
    secondsPerReplicate: median(rows.map((r) => r.seconds)),
    agentStepsPerSecond: median(rows.map((r) => r.agentStepsPerSecond)),
    setupSeconds: median(rows.map((r) => r.setupSeconds)),
    dayLoopAgentStepsPerSecond: median(rows.map((r) => r.dayLoopAgentStepsPerSecond)),
    peakBytesPerAgent: median(rows.map((r) => r.peakBytesPerAgent)),
    minorPageFaults: median(rows.map((r) => r.minorPageFaults)),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
  }),
);
