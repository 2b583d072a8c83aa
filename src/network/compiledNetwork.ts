import { CliError } from '../core/errors.js';
import { MODES } from './modes.js';

/**
 * The compiled network: the route graph as flat typed arrays in one SharedArrayBuffer, laid out
 * like kdbush (a versioned header, then fixed sections). Worker threads receive the buffer once
 * and see it without copying; the small string tables travel beside it as `meta`.
 *
 * Arcs are the directed form of links in CSR order: the arcs leaving place p are
 * arcStart[p] .. arcStart[p+1]-1. A two-way link has two arcs, a one-way link one.
 */
export interface CompiledNetwork {
  readonly buffer: SharedArrayBuffer;
  readonly meta: CompiledMeta;
  readonly placeCount: number;
  readonly linkCount: number;
  readonly arcCount: number;

  readonly placeKind: Uint8Array;
  readonly placeCountry: Uint8Array;
  readonly placeState: Uint16Array;
  readonly placeLon: Float64Array;
  readonly placeLat: Float64Array;

  readonly arcStart: IndexArray;
  readonly arcTarget: IndexArray;
  readonly arcLink: IndexArray;
  readonly arcReverse: Uint8Array;

  readonly linkFrom: IndexArray;
  readonly linkTo: IndexArray;
  readonly linkMode: Uint8Array;
  readonly linkRemote: Uint8Array;
  readonly linkOneway: Uint8Array;
  readonly linkKm: Float64Array;
  readonly linkCost: Float64Array;
  readonly linkRobbery: Float64Array;
  readonly linkInjury: Float64Array;
  readonly linkDeath: Float64Array;
  /** km per day, indexed by mode (see MODES). */
  readonly modeSpeed: Float64Array;
}

/** String tables: ids in canonical order, and the country and state names places index into. */
export interface CompiledMeta {
  readonly placeIds: readonly string[];
  readonly linkIds: readonly string[];
  readonly countries: readonly string[];
  readonly states: readonly string[];
}

export type IndexArray = Uint8Array | Uint16Array | Uint32Array;

export const COMPILED_MAGIC = 0x4e445243; // "CRDN" read as little-endian bytes
export const COMPILED_VERSION = 1;
const HEADER_WORDS = 16;

/** Bytes per index for values up to `max`: the smallest unsigned type that holds them. */
export function indexBytesFor(max: number): 1 | 2 | 4 {
  return max <= 0xff ? 1 : max <= 0xffff ? 2 : 4;
}

interface Counts {
  placeCount: number;
  linkCount: number;
  arcCount: number;
  modeCount: number;
  placeBytes: number;
  linkBytes: number;
  arcBytes: number;
}

type Section = [name: string, bytesPerItem: number, items: number];

function sections(c: Counts): Section[] {
  const P = c.placeCount;
  const L = c.linkCount;
  const A = c.arcCount;
  return [
    ['placeKind', 1, P],
    ['placeCountry', 1, P],
    ['placeState', 2, P],
    ['placeLon', 8, P],
    ['placeLat', 8, P],
    ['arcStart', c.arcBytes, P + 1],
    ['arcTarget', c.placeBytes, A],
    ['arcLink', c.linkBytes, A],
    ['arcReverse', 1, A],
    ['linkFrom', c.placeBytes, L],
    ['linkTo', c.placeBytes, L],
    ['linkMode', 1, L],
    ['linkRemote', 1, L],
    ['linkOneway', 1, L],
    ['linkKm', 8, L],
    ['linkCost', 8, L],
    ['linkRobbery', 8, L],
    ['linkInjury', 8, L],
    ['linkDeath', 8, L],
    ['modeSpeed', 8, c.modeCount],
  ];
}

/** Byte offset of every section, each aligned to 8 so Float64Array views are legal. */
function layout(c: Counts): { offsets: Map<string, number>; byteLength: number } {
  const offsets = new Map<string, number>();
  let at = HEADER_WORDS * 4;
  for (const [name, size, items] of sections(c)) {
    at = Math.ceil(at / 8) * 8;
    offsets.set(name, at);
    at += size * items;
  }
  return { offsets, byteLength: Math.ceil(at / 8) * 8 };
}

function view(buffer: SharedArrayBuffer, offset: number, bytes: number, items: number) {
  switch (bytes) {
    case 1:
      return new Uint8Array(buffer, offset, items);
    case 2:
      return new Uint16Array(buffer, offset, items);
    case 4:
      return new Uint32Array(buffer, offset, items);
    default:
      return new Float64Array(buffer, offset, items);
  }
}

/** Allocates an empty buffer with its header written, for compileNetwork to fill. */
export function allocateCompiled(counts: Omit<Counts, 'placeBytes' | 'linkBytes' | 'arcBytes' | 'modeCount'>): SharedArrayBuffer {
  const c: Counts = {
    ...counts,
    modeCount: MODES.length,
    placeBytes: indexBytesFor(counts.placeCount),
    linkBytes: indexBytesFor(counts.linkCount),
    arcBytes: indexBytesFor(counts.arcCount),
  };
  const { byteLength } = layout(c);
  const buffer = new SharedArrayBuffer(byteLength);
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  header.set([COMPILED_MAGIC, COMPILED_VERSION, c.placeCount, c.linkCount, c.arcCount, c.modeCount, c.placeBytes, c.linkBytes, c.arcBytes, byteLength]);
  return buffer;
}

/**
 * Views a compiled buffer, checking its header first. This is how workers attach to the buffer
 * they were sent, so a stale or foreign buffer fails with a specific message, not garbage.
 */
export function openCompiledNetwork(buffer: SharedArrayBuffer, meta: CompiledMeta): CompiledNetwork {
  if (buffer.byteLength < HEADER_WORDS * 4) throw new CliError('compiled network: buffer too small to hold a header');
  const h = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (h[0] !== COMPILED_MAGIC) throw new CliError('compiled network: wrong magic number; this buffer is not a corredor network');
  if (h[1] !== COMPILED_VERSION) {
    throw new CliError(`compiled network: format version ${h[1]}, this corredor reads version ${COMPILED_VERSION}; recompile the network`);
  }
  const c: Counts = { placeCount: h[2], linkCount: h[3], arcCount: h[4], modeCount: h[5], placeBytes: h[6], linkBytes: h[7], arcBytes: h[8] };
  const { offsets, byteLength } = layout(c);
  if (h[9] !== byteLength || buffer.byteLength !== byteLength) throw new CliError('compiled network: header sizes disagree with the buffer; it is corrupt');
  if (c.modeCount !== MODES.length) throw new CliError(`compiled network: built for ${c.modeCount} modes, this corredor has ${MODES.length}`);
  if (meta.placeIds.length !== c.placeCount || meta.linkIds.length !== c.linkCount) {
    throw new CliError('compiled network: the id tables do not match the buffer; send both from the same compileNetwork call');
  }
  const views: Record<string, unknown> = {};
  for (const [name, size, items] of sections(c)) views[name] = view(buffer, offsets.get(name)!, size, items);
  return Object.freeze({
    buffer,
    meta,
    placeCount: c.placeCount,
    linkCount: c.linkCount,
    arcCount: c.arcCount,
    ...views,
  } as unknown as CompiledNetwork);
}

/**
 * Whether two compiled networks are one network: the same bytes and the same string tables.
 * Each scenario of a batch loads and compiles its own; variants of one network then run on one
 * copy, sent to the workers once, and can share their populations (batch/runReplicateGroup.ts).
 */
export function sameCompiledNetwork(a: CompiledNetwork, b: CompiledNetwork): boolean {
  if (a === b) return true;
  if (a.buffer.byteLength !== b.buffer.byteLength || JSON.stringify(a.meta) !== JSON.stringify(b.meta)) return false;
  return Buffer.compare(new Uint8Array(a.buffer), new Uint8Array(b.buffer)) === 0;
}
