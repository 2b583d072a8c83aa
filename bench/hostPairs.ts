/**
 * What two busy cores give on this machine, with none of corredor's code in the way: two plain
 * loops, each run in a worker thread alone and then in two worker threads at once, as a batch
 * runs its replicates. The two-worker goal (2 workers >= 1.8x the replicates per second of 1)
 * can only be met where the second thread leaves the first about as fast as it was alone.
 *
 *   npm run bench -- host-pairs [--rounds 10] [--steps 200]
 *
 * The loops, `--steps` million iterations each:
 * - throughput: eight independent floating-point chains over an array that fits in the first
 *   cache level. It is bound by how many instructions a core issues, so it slows when another
 *   thread shares the core's execution units (two hyperthreads of one core, or a virtual CPU
 *   whose core's other hyperthread runs another machine's work).
 * - latency: one dependent chain of integer multiplies. It leaves a core's units mostly idle,
 *   so a neighbour on the same core hardly slows it; session 8's pair test was of this kind.
 * - memory: one dependent chain of integer multiplies choosing where to read and write next in
 *   a 64 MB array, far beyond a core's own caches: bound by the shared cache and memory, which
 *   two threads would slow each other on if any part of the host's memory system could not
 *   serve both. The day loop reads and writes its agents' arrays, tens of megabytes, so this
 *   is the loop closest to it (bench/RESULTS.md, "Session 19").
 * The first two do not touch memory beyond the first cache level; none shares data with the
 * other thread.
 *
 * Each round runs a loop alone and in a pair, in alternating order, so the host's drift falls
 * on both; a round's ratio is the pair's mean time over the time alone. One JSON line per loop:
 * the times, the ratios with their median and 95% interval, and `twoThreadSpeedup`, 2 over the
 * median ratio: what two threads give over one on work like this loop, here and now.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { benchArgs, wholeNumber } from './benchArgs.js';
import { median, roundRatios } from './medianInterval.js';

const values = benchArgs('host-pairs', {
  rounds: { type: 'string', default: '10' },
  steps: { type: 'string', default: '200' },
});
const rounds = wholeNumber('rounds', values.rounds);
const steps = wholeNumber('steps', values.steps) * 1e6;

// The loops run as the source of an eval'd worker (CommonJS), timed inside the worker so that
// starting a thread is not counted. Each returns a checksum, so that no work can be skipped.
const LOOPS = {
  throughput: `
    const a = new Float64Array(2048).map((_, i) => 1 + i * 1e-6);
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let done = 0; done < steps; done += 256) {
      for (let i = 0; i < 2048; i += 8) {
        s0 = s0 * 0.999 + a[i]; s1 = s1 * 0.999 + a[i + 1]; s2 = s2 * 0.999 + a[i + 2]; s3 = s3 * 0.999 + a[i + 3];
        s4 = s4 * 0.999 + a[i + 4]; s5 = s5 * 0.999 + a[i + 5]; s6 = s6 * 0.999 + a[i + 6]; s7 = s7 * 0.999 + a[i + 7];
      }
    }
    checksum = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;`,
  latency: `
    let h = 1;
    for (let i = 0; i < steps; i++) { h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d); h ^= i; }
    checksum = h;`,
  memory: `
    const a = new Uint32Array(16 * 1024 * 1024).map((_, i) => i);
    let h = 1, s = 0;
    for (let i = 0; i < steps; i++) {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ i;
      const k = h & (a.length - 1);
      s = (s + a[k]) | 0;
      a[k] = s;
    }
    checksum = s;`,
} as const;

function run(loop: keyof typeof LOOPS): Promise<number> {
  const source = `
    const { parentPort, workerData: { steps } } = require('node:worker_threads');
    // In a function, not at the script's top level, where its variables would live in the
    // script's context instead of registers and the loop would run several times slower.
    function loop() {
      let checksum = 0;
      const t0 = process.hrtime.bigint();
      ${LOOPS[loop]}
      return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, checksum };
    }
    parentPort.postMessage(loop());`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { steps } });
    worker.once('message', (m: { seconds: number; checksum: number }) => {
      if (Number.isFinite(m.checksum)) resolve(m.seconds);
      else reject(new Error(`the ${loop} loop gave no checksum`));
    });
    worker.once('error', reject);
  });
}

const round3 = (x: number) => Number(x.toFixed(3));

for (const loop of Object.keys(LOOPS) as (keyof typeof LOOPS)[]) {
  const alone: number[] = [];
  const pairs: [number, number][] = [];
  for (let r = 0; r < rounds; r++) {
    const one = () => run(loop).then((s) => alone.push(s));
    const two = () => Promise.all([run(loop), run(loop)]).then((p) => pairs.push(p));
    if (r % 2 === 0) await one().then(two);
    else await two().then(one);
  }
  const ratios = roundRatios(pairs.map(([a, b], k) => (a + b) / 2 / alone[k]));
  console.log(
    JSON.stringify({
      benchmark: 'host-pairs',
      loop,
      rounds,
      steps,
      aloneSeconds: alone.map(round3),
      pairSeconds: pairs.map((p) => p.map(round3)),
      medianAloneSeconds: round3(median(alone)),
      medianPairSeconds: round3(median(pairs.flat())),
      pairOverAlone: ratios,
      twoThreadSpeedup: round3(2 / ratios.median),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
    }),
  );
}
