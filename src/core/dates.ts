/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC, so no time zone or daylight-saving
 * rule ever shifts a day. Simulation days are counted from the scenario's start date.
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date, or NaN when it is not a real calendar date. */
export function epochDay(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return NaN;
  const t = Date.parse(iso + 'T00:00:00Z');
  if (Number.isNaN(t)) return NaN;
  // Date.parse accepts 2014-02-30 as March 2; a round trip catches it.
  return new Date(t).toISOString().slice(0, 10) === iso ? t / DAY_MS : NaN;
}

export function isIsoDate(text: unknown): text is string {
  return typeof text === 'string' && !Number.isNaN(epochDay(text));
}

export function addDays(iso: string, days: number): string {
  return new Date((epochDay(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** Calendar year and month (0-11) of the day `offset` days after `startIso`. */
export function yearMonthOf(startIso: string, offset: number): { year: number; month: number } {
  const d = new Date((epochDay(startIso) + offset) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
}
