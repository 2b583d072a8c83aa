import type { CompiledNetwork } from './compiledNetwork.js';
import { PLACE_KINDS } from './modes.js';

/**
 * The country agents are crossing into: that of the destinations (Mexico in the shipped
 * network). Border entries and crossing shares are counted into it. -1 without destinations.
 */
export function destinationCountry(net: CompiledNetwork): number {
  const destination = PLACE_KINDS.indexOf('destination');
  for (let p = 0; p < net.placeCount; p++) if (net.placeKind[p] === destination) return net.placeCountry[p];
  return -1;
}

/** Places of the destination country that a link joins to a place abroad: the crossings. */
export function borderCrossings(net: CompiledNetwork): number[] {
  const country = destinationCountry(net);
  const crossing = new Uint8Array(net.placeCount);
  for (let l = 0; l < net.linkCount; l++) {
    const a = net.linkFrom[l];
    const b = net.linkTo[l];
    if (net.placeCountry[a] === country && net.placeCountry[b] !== country) crossing[a] = 1;
    if (net.placeCountry[b] === country && net.placeCountry[a] !== country) crossing[b] = 1;
  }
  const out: number[] = [];
  for (let p = 0; p < net.placeCount; p++) if (crossing[p]) out.push(p);
  return out;
}
