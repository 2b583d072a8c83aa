import { epochDay } from '../core/dates.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Bytes per agent a replicate holds: population attributes and engine state (struct-of-arrays)
 * peak at 130-161 bytes, and reached 217 once when the last replicate's arrays were not yet
 * freed, as in a worker running replicates back to back (bench/RESULTS.md, session 13; the
 * 88-121 bytes measured before read low). Rounded up from the largest.
 */
export const BYTES_PER_AGENT = 220;
/**
 * What a worker holds besides its agents: code, the network views, candidate routes, and an
 * engine of no agents kept between replicates with the last one's policy timeline (2-5 MB on the
 * shipped scenarios; `keeper` in engine/createEngine.ts).
 */
export const BYTES_PER_WORKER = 80 * 1024 * 1024;

/** Agents a scenario creates: its demand over its period, plus caravans within it. */
export function expectedAgents(s: Scenario): number {
  let agents = 0;
  const startYear = Number(s.period.start.slice(0, 4));
  const endYear = Number(s.period.end.slice(0, 4));
  for (let y = startYear; y <= endYear; y++) {
    const from = Math.max(epochDay(s.period.start), epochDay(`${y}-01-01`));
    const to = Math.min(epochDay(s.period.end), epochDay(`${y}-12-31`));
    const volume = s.demand.byYear?.[String(y)] ?? s.demand.perYear;
    agents += (volume * (to - from + 1)) / 365;
  }
  for (const c of s.demand.caravans) if (c.date >= s.period.start && c.date <= s.period.end) agents += c.size;
  return Math.ceil(agents);
}

export function estimateReplicateBytes(s: Scenario): number {
  return expectedAgents(s) * BYTES_PER_AGENT + BYTES_PER_WORKER;
}
