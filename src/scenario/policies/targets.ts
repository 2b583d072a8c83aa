import { destinationCountry } from '../../network/borderCrossings.js';
import type { CompiledNetwork } from '../../network/compiledNetwork.js';
import { MODES } from '../../network/modes.js';
import type { PolicyContext } from './policyType.js';

/**
 * Shared pieces of policy types: schema fragments for lists of places and links, their checks,
 * and the arithmetic that combines several policies on one link.
 */

export const probability = { type: 'number', minimum: 0, maximum: 1 };
export const factor = { type: 'number', minimum: 0 };
export const placeList = { type: 'array', items: { type: 'string' }, description: 'place ids of the network' };
export const linkList = { type: 'array', items: { type: 'string' }, description: 'link ids of the network' };
export const modeList = { type: 'array', items: { enum: [...MODES] } };

/** Independent chances of interception combine as 1 - (1 - a)(1 - b). */
export function combine(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

export function checkIds(list: unknown, index: ReadonlyMap<string, number>, what: 'place' | 'link', field: string, report: (field: string, message: string) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((id, k) => {
    if (typeof id === 'string' && !index.has(id)) report(`${field}[${k}]`, `no ${what} with id ${JSON.stringify(id)} in the network`);
  });
}

export function indicesOf(list: unknown, index: ReadonlyMap<string, number>): number[] {
  return Array.isArray(list) ? list.map((id) => index.get(id as string)!) : [];
}

/** Links touching any of `places`, whose mode is in `modes` (all modes when null). */
export function linksAt(ctx: PolicyContext, places: readonly number[], modes: readonly string[] | null): number[] {
  const { net } = ctx;
  const at = new Set(places);
  const allowed = modes === null ? null : new Set(modes.map((m) => MODES.indexOf(m as (typeof MODES)[number])));
  const out: number[] = [];
  for (let l = 0; l < net.linkCount; l++) {
    if (!at.has(net.linkFrom[l]) && !at.has(net.linkTo[l])) continue;
    if (allowed !== null && !allowed.has(net.linkMode[l])) continue;
    out.push(l);
  }
  return out;
}

/**
 * The main links of the given modes inside the destination country: not remote, both ends in
 * that country. Highway inspections act on them; the smuggler market's enforcement index
 * averages over them.
 */
export function mainLinksInCountry(net: CompiledNetwork, modes: readonly string[]): number[] {
  const country = destinationCountry(net);
  const wanted = new Set(modes.map((m) => MODES.indexOf(m as (typeof MODES)[number])));
  const out: number[] = [];
  for (let l = 0; l < net.linkCount; l++) {
    if (net.linkRemote[l] || !wanted.has(net.linkMode[l])) continue;
    if (net.placeCountry[net.linkFrom[l]] !== country || net.placeCountry[net.linkTo[l]] !== country) continue;
    out.push(l);
  }
  return out;
}

/** Links of the given modes. */
export function linksOfModes(ctx: PolicyContext, modes: readonly string[]): number[] {
  const wanted = new Set(modes.map((m) => MODES.indexOf(m as (typeof MODES)[number])));
  const out: number[] = [];
  for (let l = 0; l < ctx.net.linkCount; l++) if (wanted.has(ctx.net.linkMode[l])) out.push(l);
  return out;
}
