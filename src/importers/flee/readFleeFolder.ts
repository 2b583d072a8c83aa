import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isIsoDate } from '../../core/dates.js';
import { CliError, ProblemList } from '../../core/errors.js';
import { readFleeCsv, type FleeTable } from './readFleeCsv.js';

export interface FleeLocation {
  readonly line: number;
  readonly name: string;
  readonly region: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly type: string;
  readonly extra: Readonly<Record<string, string>>;
}

export interface FleeRoute {
  readonly line: number;
  readonly name1: string;
  readonly name2: string;
  readonly distance: number;
  readonly extra: Readonly<Record<string, string>>;
}

export interface FleeClosure {
  readonly line: number;
  readonly type: 'link' | 'location' | 'country';
  readonly name1: string;
  readonly name2: string;
  readonly start: number;
  /** Day the closure ends; -1 means it never does. */
  readonly end: number;
}

/** A Flee input folder, parsed and checked: names resolve, numbers are numbers. */
export interface FleeFolder {
  readonly dir: string;
  readonly locations: readonly FleeLocation[];
  readonly routes: readonly FleeRoute[];
  readonly closures: readonly FleeClosure[];
  readonly startDate: string;
  readonly lengthDays: number;
}

const LOCATION_COLUMNS = {
  name: ['location', 'location_name'],
  region: ['province', 'state'],
  country: [],
  lat: ['latitude'],
  lon: ['long', 'lng', 'longitude'],
  location_type: ['type', 'location type'],
};
const ROUTE_COLUMNS = { name1: ['from'], name2: ['to'], distance: ['distance_km', 'distance[km]', 'length'] };
const CLOSURE_COLUMNS = { closure_type: ['type'], name1: [], name2: [], closure_start: ['start'], closure_end: ['end'] };

/**
 * Reads locations.csv, routes.csv, and (when present) closures.csv and sim_period.csv from a
 * Flee folder, reporting every problem across the files in one go.
 */
export function readFleeFolder(dir: string, readText: (file: string) => string = (f) => readFileSync(f, 'utf8')): FleeFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CliError(`${dir}: not a folder; expected a Flee input folder holding locations.csv and routes.csv`);
  }
  const read = (name: string, required: boolean): string | undefined => {
    const file = join(dir, name);
    if (!existsSync(file)) {
      if (required) throw new CliError(`${file}: missing; a Flee input folder needs locations.csv and routes.csv`);
      return undefined;
    }
    return readText(file);
  };

  const locFile = join(dir, 'locations.csv');
  const routeFile = join(dir, 'routes.csv');
  const closureFile = join(dir, 'closures.csv');
  const periodFile = join(dir, 'sim_period.csv');
  const locTable = readFleeCsv(read('locations.csv', true)!, locFile, LOCATION_COLUMNS);
  const routeTable = readFleeCsv(read('routes.csv', true)!, routeFile, ROUTE_COLUMNS);
  const closureText = read('closures.csv', false);
  const closureTable = closureText === undefined ? undefined : readFleeCsv(closureText, closureFile, CLOSURE_COLUMNS);
  const periodText = read('sim_period.csv', false);

  const problems = new ProblemList(locFile);
  const add = (file: string, where: string, message: string) => problems.items.push({ file, where, message });
  requireColumns(locTable, ['name', 'country', 'lat', 'lon', 'location_type'], add);
  requireColumns(routeTable, ['name1', 'name2', 'distance'], add);
  if (closureTable && closureTable.rows.length > 0) requireColumns(closureTable, ['closure_type', 'name1', 'name2', 'closure_start', 'closure_end'], add);
  problems.throwIfAny();

  const locations: FleeLocation[] = [];
  const byName = new Map<string, FleeLocation>();
  for (const row of locTable.rows) {
    const c = row.cells;
    const where = `line ${row.line}`;
    const lat = number(c.lat, (m) => add(locFile, `${where} lat`, m));
    const lon = number(c.lon, (m) => add(locFile, `${where} lon`, m));
    if (lat !== undefined && Math.abs(lat) > 90) add(locFile, `${where} lat`, `expected a latitude in [-90, 90]; got ${c.lat}`);
    if (lon !== undefined && Math.abs(lon) > 180) add(locFile, `${where} lon`, `expected a longitude in [-180, 180]; got ${c.lon}`);
    if (!c.name) add(locFile, `${where} name`, 'missing; every location needs a name');
    if (!c.country) add(locFile, `${where} country`, 'missing; every location needs a country');
    if (c.name && byName.has(c.name)) add(locFile, `${where} name`, `duplicate location ${JSON.stringify(c.name)}; line ${byName.get(c.name)!.line} has it already`);
    if (lat === undefined || lon === undefined || !c.name || !c.country || byName.has(c.name)) continue;
    const extra = omit(c, ['name', 'region', 'country', 'lat', 'lon', 'location_type']);
    const loc = { line: row.line, name: c.name, region: c.region ?? '', country: c.country, lat, lon, type: (c.location_type ?? '').toLowerCase(), extra };
    locations.push(loc);
    byName.set(loc.name, loc);
  }

  const routes: FleeRoute[] = [];
  for (const row of routeTable.rows) {
    const c = row.cells;
    const where = `line ${row.line}`;
    for (const end of ['name1', 'name2'] as const) {
      if (!byName.has(c[end] ?? '')) add(routeFile, `${where} ${end}`, `no location named ${JSON.stringify(c[end] ?? '')} in locations.csv (names must match exactly)`);
    }
    const distance = number(c.distance, (m) => add(routeFile, `${where} distance`, m));
    if (distance !== undefined && distance < 0) add(routeFile, `${where} distance`, `expected a distance >= 0; got ${c.distance}`);
    if (distance === undefined || distance < 0 || !byName.has(c.name1) || !byName.has(c.name2)) continue;
    if (c.name1 === c.name2) {
      add(routeFile, `${where} name2`, 'a route must join two different locations');
      continue;
    }
    routes.push({ line: row.line, name1: c.name1, name2: c.name2, distance, extra: omit(c, ['name1', 'name2', 'distance']) });
  }

  const closures: FleeClosure[] = [];
  const countries = new Set(locations.map((l) => l.country));
  for (const row of closureTable?.rows ?? []) {
    const c = row.cells;
    const where = `line ${row.line}`;
    const type = (c.closure_type ?? '').toLowerCase();
    if (type !== 'link' && type !== 'location' && type !== 'country') {
      add(closureFile, `${where} closure_type`, `expected one of link, location, country; got ${JSON.stringify(c.closure_type ?? '')}`);
      continue;
    }
    const start = integer(c.closure_start, (m) => add(closureFile, `${where} closure_start`, m));
    const end = integer(c.closure_end, (m) => add(closureFile, `${where} closure_end`, m));
    const names = type === 'location' ? [c.name1] : [c.name1, c.name2];
    let ok = start !== undefined && end !== undefined;
    for (const [i, n] of names.entries()) {
      const known = type === 'country' ? countries.has(n ?? '') : byName.has(n ?? '');
      if (!known) {
        ok = false;
        add(closureFile, `${where} name${i + 1}`, `no ${type === 'country' ? 'country' : 'location'} named ${JSON.stringify(n ?? '')} in locations.csv`);
      }
    }
    if (ok && start! < 0) add(closureFile, `${where} closure_start`, `expected a day >= 0; got ${start}`);
    if (ok && end! !== -1 && end! < start!) add(closureFile, `${where} closure_end`, `expected -1 (never reopens) or a day >= closure_start; got ${end}`);
    if (ok && start! >= 0 && (end === -1 || end! >= start!)) {
      closures.push({ line: row.line, type, name1: c.name1, name2: type === 'location' ? '' : c.name2, start: start!, end: end! });
    }
  }

  let startDate = '2000-01-01';
  let lengthDays = 0;
  if (periodText !== undefined) {
    const period = readPeriod(periodText, periodFile, add);
    startDate = period.startDate ?? startDate;
    lengthDays = period.length ?? lengthDays;
  }
  if (periodText === undefined || lengthDays === 0) {
    add(periodFile, 'Length', 'expected a sim_period.csv with StartDate and Length rows (e.g. "StartDate,2019-01-01" and "Length,300")');
  }
  problems.throwIfAny();
  return { dir, locations, routes, closures, startDate, lengthDays };
}

function readPeriod(text: string, file: string, add: (file: string, where: string, message: string) => void): { startDate?: string; length?: number } {
  const table = readFleeCsv('key,value\n' + text, file);
  const out: { startDate?: string; length?: number } = {};
  for (const row of table.rows) {
    const key = (row.cells.key ?? '').replace(/^#\s*/, '').toLowerCase();
    const value = row.cells.value ?? '';
    if (key === 'startdate') {
      if (!isIsoDate(value)) {
        add(file, `line ${row.line - 1} StartDate`, `expected a date as YYYY-MM-DD; got ${JSON.stringify(value)}`);
      } else out.startDate = value;
    } else if (key === 'length') {
      out.length = integer(value, (m) => add(file, `line ${row.line - 1} Length`, m));
      if (out.length !== undefined && out.length <= 0) add(file, `line ${row.line - 1} Length`, `expected a positive number of days; got ${value}`);
    }
  }
  return out;
}

function requireColumns(table: FleeTable, names: string[], add: (file: string, where: string, message: string) => void): void {
  for (const n of names) {
    if (!table.columns.includes(n)) add(table.file, 'header', `missing column "${n}"; the header has ${table.columns.join(', ') || 'no columns'}`);
  }
}

function number(text: string | undefined, fail: (message: string) => void): number | undefined {
  const v = text === undefined || text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(v)) {
    fail(`expected a number; got ${JSON.stringify(text ?? '')}`);
    return undefined;
  }
  return v;
}

function integer(text: string | undefined, fail: (message: string) => void): number | undefined {
  const v = number(text, fail);
  if (v !== undefined && !Number.isInteger(v)) {
    fail(`expected a whole number of days; got ${text}`);
    return undefined;
  }
  return v;
}

function omit(cells: Readonly<Record<string, string>>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) if (!keys.includes(k)) out[k] = v;
  return out;
}
