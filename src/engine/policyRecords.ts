import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { PLACE_KINDS, WATCHED_BY_MODE } from '../network/modes.js';
import type { PolicyState } from '../scenario/policyTimeline.js';

/**
 * What the day loop reads of a link and of an arc's head in one policy state, as one record per
 * link and per arc in a flat array: link entry and travel read one row where they read eleven
 * arrays, five of them the state's, each reached through its object with a bounds check of its
 * own (bench/RESULTS.md, "Session 21"). The engine writes them over at each change of state;
 * the per-person floor benchmark (bench/perPersonFloor.ts) reads the same records.
 */

/**
 * The offsets of a link's record, FIELDS numbers a link. Modules that index records in hot code
 * take these into constants of their own (`const { COST: LINK_COST, ... } = LINK_RECORD`):
 * constants imported one by one and read at every use cost the engine's year 4-5%
 * (bench/RESULTS.md, "Session 23").
 */
export const LINK_RECORD = {
  COST: 0,
  INTERCEPTION: 1,
  DOCUMENTED_INTERCEPTION: 2,
  DEATH: 3,
  INJURY: 4,
  ROBBERY: 5,
  SPEED: 6,
  KM: 7,
  FIELDS: 8,
} as const;
/** The offsets of an arc's record, FIELDS numbers an arc (taken into constants as LINK_RECORD's are). */
export const ARC_RECORD = {
  INTERCEPTION: 0,
  DOCUMENTED_INTERCEPTION: 1,
  INFORMS: 2,
  ENTERS_COUNTRY: 3,
  TO_DESTINATION: 4,
  FIELDS: 5,
} as const;

const DESTINATION = PLACE_KINDS.indexOf('destination');

/**
 * Per link, in state `s`, into `out` (LINK_RECORD's layout): its money cost, the
 * interception met by others and by card holders, the chances of death, injury and robbery,
 * km a day (its mode's speed in `modeSpeed` times the state's factor) and its length, each
 * computed as travel computed it at every entry before the records, so every number is the same.
 */
export function writeLinkRecords(net: CompiledNetwork, modeSpeed: Float64Array, s: PolicyState, out: Float64Array): void {
  for (let l = 0; l < net.linkCount; l++) {
    const at = l * LINK_RECORD.FIELDS;
    out[at + LINK_RECORD.COST] = Math.max(0, net.linkCost[l] + s.extraCostUsd[l]);
    out[at + LINK_RECORD.INTERCEPTION] = s.linkInterception[l];
    out[at + LINK_RECORD.DOCUMENTED_INTERCEPTION] = s.documentedLinkInterception[l];
    out[at + LINK_RECORD.DEATH] = Math.min(1, net.linkDeath[l] * s.deathFactor[l]);
    out[at + LINK_RECORD.INJURY] = Math.min(1, net.linkInjury[l] * s.injuryFactor[l]);
    out[at + LINK_RECORD.ROBBERY] = Math.min(1, net.linkRobbery[l] * s.robberyFactor[l]);
    out[at + LINK_RECORD.SPEED] = modeSpeed[net.linkMode[l]] * s.speedFactor[l];
    out[at + LINK_RECORD.KM] = net.linkKm[l];
  }
}

/**
 * Per arc, in state `s`, into `out` (ARC_RECORD's layout): the interception met on
 * arriving at its head by others and by card holders (0 where the arc's mode is not watched at
 * places), whether the head informs (a shelter), and what the network says of the arc: whether
 * it enters `entryCountry` (destinationCountry) and whether its head is a destination.
 */
export function writeArcRecords(net: CompiledNetwork, entryCountry: number, s: PolicyState, out: Float64Array): void {
  // By place, the arcs out of it (the network is compressed sparse rows): the arc's source.
  for (let from = 0; from < net.placeCount; from++) {
    for (let a = net.arcStart[from]; a < net.arcStart[from + 1]; a++) {
      const at = a * ARC_RECORD.FIELDS;
      const p = net.arcTarget[a];
      const watched = WATCHED_BY_MODE[net.linkMode[net.arcLink[a]]] === 1;
      out[at + ARC_RECORD.INTERCEPTION] = watched ? s.placeInterception[p] : 0;
      out[at + ARC_RECORD.DOCUMENTED_INTERCEPTION] = watched ? s.documentedPlaceInterception[p] : 0;
      out[at + ARC_RECORD.INFORMS] = s.informs[p];
      out[at + ARC_RECORD.ENTERS_COUNTRY] = net.placeCountry[from] !== entryCountry && net.placeCountry[p] === entryCountry ? 1 : 0;
      out[at + ARC_RECORD.TO_DESTINATION] = net.placeKind[p] === DESTINATION ? 1 : 0;
    }
  }
}
