import { parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.js';

/** One data row of a Flee CSV: cells by normalised column name, plus the line it came from. */
export interface FleeRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface FleeTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly FleeRow[];
}

/**
 * Reads a Flee input CSV, accepting the variants real Flee folders use: a header line that
 * starts with `#` (quoted or not), spaces after commas, a byte-order mark, CRLF endings,
 * comment lines, and rows with more or fewer cells than the header.
 *
 * `aliases` maps each canonical column name to the spellings seen in the wild, e.g.
 * lat/latitude; other columns keep their own (lower-cased) name.
 */
export function readFleeCsv(text: string, file: string, aliases: Record<string, readonly string[]> = {}): FleeTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new InputError([{ file, where: e.lines ? `line ${e.lines}` : 'CSV', message: `not readable as CSV (${e.message})` }]);
  }
  const rows = records.filter((r) => r.record.some((c) => c !== ''));
  if (rows.length === 0) return { file, columns: [], rows: [] };

  const canonical = new Map<string, string>();
  for (const [name, spellings] of Object.entries(aliases)) {
    canonical.set(name, name);
    for (const s of spellings) canonical.set(s, name);
  }
  const columns = rows[0].record.map((cell) => {
    const raw = cell.replace(/^#\s*/, '').trim().toLowerCase();
    return canonical.get(raw) ?? raw;
  });

  const out: FleeRow[] = [];
  for (const { record, info } of rows.slice(1)) {
    if (record[0].startsWith('#')) continue; // a comment line
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c !== '' && record[i] !== undefined) cells[c] = record[i];
    });
    out.push({ line: info.lines, cells });
  }
  return { file, columns, rows: out };
}
