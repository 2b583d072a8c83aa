import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { borderCrossings, destinationCountry } from '../network/borderCrossings.js';
import { MODES } from '../network/modes.js';
import { APPREHENSION, ARRIVED, DEAD, DEATH, DEPORTATION, DETAINED, GAVE_UP, INJURY, IN_TRANSIT, ROBBERY } from '../engine/agentStates.js';
import type { Tally } from '../engine/tally.js';

/**
 * Named metrics of one replicate. The names are part of corredor's interface (reports, CSV
 * columns, users' scripts): see docs/ODD.md, "Outputs". Keys are the same for every replicate
 * of a scenario on a network, zeros included, so tables line up; they come out sorted.
 */
export function replicateMetrics(tally: Tally, net: CompiledNetwork): Record<string, number> {
  const m: Record<string, number> = {};
  const created = tally.created.value;
  const arrived = tally.stateCount[ARRIVED];
  const sumEvents = (event: number) => {
    let s = 0;
    for (let y = 0; y < tally.years.length; y++) s += tally.eventsByYear[event * tally.years.length + y];
    return s;
  };
  m.created = created;
  m.arrived = arrived;
  m.died = tally.stateCount[DEAD];
  m.gave_up = tally.stateCount[GAVE_UP];
  m.detained = tally.stateCount[DETAINED];
  m.in_transit = tally.stateCount[IN_TRANSIT];
  m.apprehensions = sumEvents(APPREHENSION);
  m.apprehended_share = created > 0 ? tally.peopleApprehended.value / created : 0;
  m.deportations = sumEvents(DEPORTATION);
  m.robberies = sumEvents(ROBBERY);
  m.injuries = sumEvents(INJURY);
  m.deaths_per_1000 = created > 0 ? (1000 * tally.stateCount[DEAD]) / created : 0;
  m.robberies_per_agent = created > 0 ? m.robberies / created : 0;
  m.mean_transit_days = arrived > 0 ? tally.arrivedTransitDays.value / arrived : 0;
  m.mean_cost_usd = arrived > 0 ? tally.arrivedCostUsd.value / arrived : 0;

  const totalKm = tally.agentKmByYear.reduce((s, x) => s + x, 0);
  const remoteKm = tally.remoteKmByYear.reduce((s, x) => s + x, 0);
  m.remote_share = share(remoteKm, totalKm);
  // Deaths against the distance travelled: how deadly the routes were, apart from how many
  // people travelled how far (deaths_per_1000 mixes the two, and enforcement moves both).
  m.deaths_per_million_km = share(1e6 * tally.stateCount[DEAD], totalKm);
  for (const [k, mode] of MODES.entries()) {
    let km = 0;
    for (let y = 0; y < tally.years.length; y++) km += tally.modeKmByYear[y * MODES.length + k];
    m[`mode_share.${mode}`] = share(km, totalKm);
  }

  const country = destinationCountry(net);
  let entries = 0;
  for (let p = 0; p < net.placeCount; p++) entries += tally.entriesByPlace[p];
  for (const p of borderCrossings(net)) m[`crossing_share.${net.meta.placeIds[p]}`] = share(tally.entriesByPlace[p], entries);
  const states = new Set<number>();
  for (let p = 0; p < net.placeCount; p++) if (net.placeCountry[p] === country) states.add(net.placeState[p]);
  const S = net.meta.states.length;
  for (const s of states) {
    const name = net.meta.states[s];
    if (name !== '') m[`apprehensions.state.${name}`] = tally.eventsByState[APPREHENSION * S + s];
  }
  tally.years.forEach((year, y) => {
    const Y = tally.years.length;
    m[`apprehensions.year.${year}`] = tally.eventsByYear[APPREHENSION * Y + y];
    m[`deportations.year.${year}`] = tally.eventsByYear[DEPORTATION * Y + y];
    m[`deaths.year.${year}`] = tally.eventsByYear[DEATH * Y + y];
    m[`remote_share.year.${year}`] = share(tally.remoteKmByYear[y], tally.agentKmByYear[y]);
    for (const [k, mode] of MODES.entries()) m[`mode_share.${mode}.year.${year}`] = share(tally.modeKmByYear[y * MODES.length + k], tally.agentKmByYear[y]);
  });
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
}

/**
 * The values a metric can take: every metric is a count, a rate, a mean or a share of things
 * that cannot be negative, and shares (the names holding "share") are at most 1. Intervals of
 * their means are cut to this range (summarizeReplicates).
 */
export function metricRange(name: string): readonly [number, number] {
  return name.includes('share') ? SHARE : NON_NEGATIVE;
}

const SHARE = [0, 1] as const;
/** Also the range of every per-link series (counts, km and days). */
export const NON_NEGATIVE = [0, Infinity] as const;

/** A share, 0 when there is nothing to share (so metrics stay finite numbers in JSON). */
function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
