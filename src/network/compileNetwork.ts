import { CliError } from '../core/errors.js';
import { MODES, PLACE_KINDS } from './modes.js';
import type { Network } from './network.js';
import { allocateCompiled, openCompiledNetwork, type CompiledNetwork } from './compiledNetwork.js';

/**
 * Flattens a validated network into the CSR typed-array form the engine runs on. String ids
 * become the dense indices of the network's canonical order, so the same file always compiles
 * to the same bytes.
 */
export function compileNetwork(network: Network): CompiledNetwork {
  const P = network.places.length;
  const L = network.links.length;
  let A = 0;
  for (const link of network.links) A += link.oneway ? 1 : 2;

  const countries = [...new Set(network.places.map((p) => p.country))].sort();
  const states = [...new Set(network.places.map((p) => p.state))].sort();
  if (countries.length > 0xff) throw new CliError(`${network.file}: more than 255 countries cannot be compiled`);
  if (states.length > 0xffff) throw new CliError(`${network.file}: more than 65535 states cannot be compiled`);
  const countryIndex = new Map(countries.map((c, i) => [c, i]));
  const stateIndex = new Map(states.map((s, i) => [s, i]));

  const meta = Object.freeze({
    placeIds: Object.freeze(network.places.map((p) => p.id)),
    linkIds: Object.freeze(network.links.map((l) => l.id)),
    countries: Object.freeze(countries),
    states: Object.freeze(states),
  });
  const net = openCompiledNetwork(allocateCompiled({ placeCount: P, linkCount: L, arcCount: A }), meta);

  for (const p of network.places) {
    net.placeKind[p.index] = PLACE_KINDS.indexOf(p.kind);
    net.placeCountry[p.index] = countryIndex.get(p.country)!;
    net.placeState[p.index] = stateIndex.get(p.state)!;
    net.placeLon[p.index] = p.lon;
    net.placeLat[p.index] = p.lat;
  }
  for (const l of network.links) {
    net.linkFrom[l.index] = l.fromIndex;
    net.linkTo[l.index] = l.toIndex;
    net.linkMode[l.index] = MODES.indexOf(l.mode);
    net.linkRemote[l.index] = l.remote ? 1 : 0;
    net.linkOneway[l.index] = l.oneway ? 1 : 0;
    net.linkKm[l.index] = l.lengthKm;
    net.linkCost[l.index] = l.costUsd;
    net.linkRobbery[l.index] = l.robbery;
    net.linkInjury[l.index] = l.injury;
    net.linkDeath[l.index] = l.death;
  }
  MODES.forEach((m, i) => (net.modeSpeed[i] = network.speedsKmPerDay[m]));

  // CSR by counting sort: degree per place, prefix sums, then place arcs in link order
  // (forward before reverse), which keeps the layout canonical.
  const degree = new Uint32Array(P + 1);
  for (const l of network.links) {
    degree[l.fromIndex]++;
    if (!l.oneway) degree[l.toIndex]++;
  }
  net.arcStart[0] = 0;
  for (let p = 0; p < P; p++) net.arcStart[p + 1] = net.arcStart[p] + degree[p];
  const next = Uint32Array.from(net.arcStart.subarray(0, P));
  const place = (from: number, to: number, link: number, reverse: number) => {
    const a = next[from]++;
    net.arcTarget[a] = to;
    net.arcLink[a] = link;
    net.arcReverse[a] = reverse;
  };
  for (const l of network.links) {
    place(l.fromIndex, l.toIndex, l.index, 0);
    if (!l.oneway) place(l.toIndex, l.fromIndex, l.index, 1);
  }
  return net;
}
