/**
 * The travel modes and place kinds of a corredor network. Their order is part of the compiled
 * format (a mode is stored as its index), so new entries go at the end.
 */

export const MODES = ['road', 'smuggler', 'rail', 'trail', 'river', 'sea'] as const;
export type Mode = (typeof MODES)[number];

/**
 * The watched ways: the modes a post at a place stands on (highway checkpoints, stations,
 * vehicle inspections). People arriving on foot along a trail, by river or by sea go around a
 * town's post, which is what the bypass trails in the network are (La Arrocera around Huixtla,
 * the foot bypasses of the Ciudad Hidalgo-Tapachula checkpoints, corridor-research.md (b)).
 * Cordons watch the same modes by default. Enforcement on a footpath or a river is set on its
 * link (river patrols, a checkpoint's `links`, a deployment's remote factor).
 */
export const WATCHED_MODES: readonly Mode[] = Object.freeze(['road', 'rail', 'smuggler']);
/** By mode index: 1 for a watched mode, for the day loop. */
export const WATCHED_BY_MODE: Uint8Array = Uint8Array.from(MODES, (m) => (WATCHED_MODES.includes(m) ? 1 : 0));

export const PLACE_KINDS = [
  'origin',
  'border_crossing',
  'town',
  'shelter',
  'rail_yard',
  'port',
  'destination',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/**
 * Default speeds in km per day of travel, used when a network file is written by an importer
 * and as the corridor network's values. All are assumptions (calibration parameters, see
 * docs/sources.md#speeds) bracketed by the ranges in the corridor research notes:
 * - road mixes walking along the highway (25-40 km/day) with combis and buses (several hundred
 *   km/day); shelter surveys (REDODEM 2017) put walking at 34% and bus/combi at 35% of users,
 *   so a mixed 80 km/day;
 * - smuggler vehicles drive long stages but wait for loads and hide at safe houses: 400;
 * - the freight train runs at 100-300 km/day when it runs, and riders wait days for one: 150;
 * - off-road trails: 20-35 km/day on foot, 25;
 * - river legs are short crossings or boat stages with waiting time: 60;
 * - sea legs: the Pacific lancha routes took 5-6 days longer than the land route (El Universal,
 *   14 Jun 2015), most of it waiting at the landing; 150.
 */
export const DEFAULT_SPEEDS_KM_PER_DAY: Readonly<Record<Mode, number>> = Object.freeze({
  road: 80,
  smuggler: 400,
  rail: 150,
  trail: 25,
  river: 60,
  sea: 150,
});

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
