import type { NetworkGraph } from './buildGraph.js';
import { findUnreachableOrigins } from './findUnreachableOrigins.js';
import { MODES, PLACE_KINDS, type Mode, type PlaceKind } from './modes.js';
import type { Network } from './network.js';

/** What `corredor network --json` prints. Key names are part of the CLI's interface. */
export interface NetworkSummary {
  readonly name: string;
  readonly file: string;
  readonly places: number;
  readonly links: number;
  readonly placesByKind: Record<PlaceKind, number>;
  readonly linksByMode: Record<Mode, number>;
  readonly kmByMode: Record<Mode, number>;
  readonly totalKm: number;
  /** Share of network km on links marked remote. */
  readonly remoteKmShare: number;
  readonly linksWithoutSource: number;
  readonly linksOnAssumption: number;
  readonly placesWithoutSource: number;
  readonly origins: string[];
  readonly destinations: string[];
  readonly unreachableOrigins: number;
  readonly unreachableOriginIds: string[];
  readonly speedsKmPerDay: Record<Mode, number>;
}

export function summarizeNetwork(network: Network, graph: NetworkGraph): NetworkSummary {
  const placesByKind = Object.fromEntries(PLACE_KINDS.map((k) => [k, 0])) as Record<PlaceKind, number>;
  const linksByMode = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
  const kmByMode = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>;
  for (const p of network.places) placesByKind[p.kind]++;
  let totalKm = 0;
  let remoteKm = 0;
  for (const l of network.links) {
    linksByMode[l.mode]++;
    kmByMode[l.mode] += l.lengthKm;
    totalKm += l.lengthKm;
    if (l.remote) remoteKm += l.lengthKm;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  for (const m of MODES) kmByMode[m] = round(kmByMode[m]);
  const unreachable = findUnreachableOrigins(network, graph);
  return {
    name: network.name,
    file: network.file,
    places: network.places.length,
    links: network.links.length,
    placesByKind,
    linksByMode,
    kmByMode,
    totalKm: round(totalKm),
    remoteKmShare: totalKm > 0 ? Math.round((remoteKm / totalKm) * 1e4) / 1e4 : 0,
    linksWithoutSource: network.links.filter((l) => l.source.trim() === '').length,
    linksOnAssumption: network.links.filter((l) => /^assumption:/i.test(l.source.trim())).length,
    placesWithoutSource: network.places.filter((p) => p.source.trim() === '').length,
    origins: network.places.filter((p) => p.kind === 'origin').map((p) => p.id),
    destinations: network.places.filter((p) => p.kind === 'destination').map((p) => p.id),
    unreachableOrigins: unreachable.length,
    unreachableOriginIds: unreachable,
    speedsKmPerDay: { ...network.speedsKmPerDay },
  };
}
