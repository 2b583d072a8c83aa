import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/batchOptions.js';
import { memoryEffects } from './memoryEffects.js';

describe('progressBar', () => {
  it('should give the rate of the replicates run since it started, not of those a resumed checkpoint held', async () => {
    // Arrange: a terminal that keeps what is drawn on it.
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    const drawn: string[] = [];
    stream.on('data', (d) => drawn.push(String(d)));
    const bar = progressBar({ ...memoryEffects().effects, stderrIsTTY: true }, stream);
    // Act: a batch resumed with 90 of 100 replicates saved, then one more run in 0.2 s or so.
    bar.update(90, 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    bar.update(91, 100);
    bar.stop();
    // Assert: about 5 a second (one replicate in at least 0.2 s), not the 455 of all 91.
    const rates = [...drawn.join('').matchAll(/91\/100 replicates \| ([\d.]+)\/s/g)].map((m) => Number(m[1]));
    expect(rates.length).toBeGreaterThan(0);
    expect(Math.max(...rates)).toBeLessThanOrEqual(5);
    expect(Math.min(...rates)).toBeGreaterThan(0);
  });

  it('should draw nothing when stderr is not a terminal', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    const drawn: string[] = [];
    stream.on('data', (d) => drawn.push(String(d)));
    const bar = progressBar(memoryEffects().effects, stream);
    bar.update(1, 2);
    bar.stop();
    expect(drawn).toEqual([]);
  });
});
