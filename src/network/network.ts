import type { Mode, PlaceKind } from './modes.js';

/**
 * A validated, frozen network: the authoring form of the route graph. Places and links are in
 * canonical order (sorted by id), so every index derived from them is stable across machines
 * and across edits that do not touch ids.
 */
export interface Network {
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly places: readonly Place[];
  readonly links: readonly Link[];
  readonly speedsKmPerDay: Readonly<Record<Mode, number>>;
  /** Place id -> index into `places`. */
  readonly placeIndex: ReadonlyMap<string, number>;
  /** Link id -> index into `links`. */
  readonly linkIndex: ReadonlyMap<string, number>;
}

export interface Place {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly kind: PlaceKind;
  /** Country code as written in the file (ISO 3166-1 alpha-3 in the shipped networks). */
  readonly country: string;
  /** State, department or district; '' when the file gives none. */
  readonly state: string;
  readonly lon: number;
  readonly lat: number;
  readonly source: string;
}

export interface Link {
  readonly index: number;
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly fromIndex: number;
  readonly toIndex: number;
  readonly mode: Mode;
  readonly lengthKm: number;
  readonly costUsd: number;
  /** Per-traversal probabilities. */
  readonly robbery: number;
  readonly injury: number;
  readonly death: number;
  readonly remote: boolean;
  readonly oneway: boolean;
  readonly source: string;
  readonly coordinates: readonly (readonly number[])[];
}

/** The id a link gets when its feature has none: unique unless two links share ends and mode. */
export function defaultLinkId(from: string, to: string, mode: string): string {
  return `${from}--${to}--${mode}`;
}
