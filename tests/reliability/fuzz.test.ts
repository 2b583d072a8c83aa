import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbMutation, fuzzFlee, fuzzTargets, isClean, SOURCES } from './fuzzInputs.js';

/**
 * Fuzzing in the normal test command: a few hundred cases per input kind. The dedicated run of
 * 10,000+ cases is `npm run fuzz` (FUZZ_CASES=3800: 11,401 cases), recorded in
 * docs/RELIABILITY.md. Every case ends in a clean error or a valid result, within 10 s.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 150);
const LIMIT_MS = 10_000;
// numRuns must be a whole number: fast-check counts it down and stops only when it reaches
// exactly -1, so a fractional count never ends; an early 10,000-case run hung on 3800 / 3.
const THIRD = Math.ceil(CASES / 3);

function check(o: { code: number; stderr: string; ms: number }) {
  expect(isClean(o), `exit ${o.code}: ${o.stderr.slice(0, 400)}`).toBe(true);
  expect(o.ms).toBeLessThan(LIMIT_MS);
}

describe('input fuzzing', () => {
  it('should survive malformed networks', async () => {
    await fc.assert(fc.asyncProperty(arbMutation(SOURCES.NETWORK), async (text) => check(await fuzzTargets.network(text))), { numRuns: CASES });
  });
  it('should survive malformed scenarios', async () => {
    await fc.assert(fc.asyncProperty(arbMutation(SOURCES.SCENARIO), async (text) => check(await fuzzTargets.scenario(text))), { numRuns: CASES });
  });
  it('should survive malformed networks named by a scenario', async () => {
    await fc.assert(fc.asyncProperty(arbMutation(SOURCES.NETWORK), async (text) => check(await fuzzTargets.scenarioNetwork(text))), { numRuns: THIRD });
  });
  it('should survive malformed calibration files', async () => {
    await fc.assert(fc.asyncProperty(arbMutation(SOURCES.CALIBRATION), async (text) => check(await fuzzTargets.calibration(text))), { numRuns: THIRD });
  });
  it('should survive malformed Flee folders', async () => {
    const files = Object.keys(SOURCES.FLEE);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files).chain((f) => arbMutation(SOURCES.FLEE[f]).map((t) => [f, t] as const)), async ([f, t]) => check(await fuzzFlee(f, t))),
      { numRuns: THIRD },
    );
  });
});
