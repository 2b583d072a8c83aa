import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Manifest } from '../batch/manifest.js';
import { readReplicatesFile } from '../batch/runBatch.js';
import { CliError } from '../core/errors.js';
import { isJsonObject } from '../core/parseJsonText.js';
import type { Summary } from '../metrics/statistics.js';
import { pairedDifferences, welchDifference, type Difference } from '../metrics/summarizeReplicates.js';
import type { MapGeoJson } from './mapGeoJson.js';

/** One scenario's results, read from a `run` folder (or one scenario folder of a `compare`). */
export interface RunFolder {
  readonly dir: string;
  readonly label: string;
  readonly manifest: Manifest;
  readonly metrics: Readonly<Record<string, Summary>>;
  /** Mean flow per link id, with its 95% CI, from links.csv. */
  readonly flows: ReadonlyMap<string, { mean: number; lo: number; hi: number }>;
  readonly map: MapGeoJson;
}

/** The paired (or, failing that, Welch) difference of one scenario from the first. */
export interface Comparison {
  readonly label: string;
  readonly base: string;
  readonly paired: boolean;
  readonly differences: Readonly<Record<string, Difference>>;
}

export type ReportInput =
  | { readonly kind: 'runs'; readonly runs: readonly RunFolder[]; readonly comparisons: readonly Comparison[] }
  | { readonly kind: 'sweep'; readonly dir: string; readonly params: readonly string[]; readonly rows: readonly Record<string, string>[] };

const WHAT = 'expected the output folder of "corredor run" (summary.json), "corredor compare" (compare.json) or "corredor sweep" (sweep.csv)';

/**
 * Reads what a report draws from DIR: a run, a compare or a sweep folder, recognised by the file
 * the command writes last. With `compareDir`, DIR and compareDir are two runs: their difference
 * is paired replicate by replicate when they share seed, replicate count and common streams
 * (like `compare`), and Welch's unpaired difference otherwise.
 */
export function readReportInput(dir: string, compareDir?: string): ReportInput {
  const kind = folderKind(dir);
  if (compareDir !== undefined) {
    const other = folderKind(compareDir);
    if (kind !== 'run' || other !== 'run') throw new CliError(`--compare: both folders must be "corredor run" outputs (with summary.json); ${kind !== 'run' ? dir : compareDir} is a ${kind !== 'run' ? kind : other} folder`);
    const runs = [readRunFolder(dir), readRunFolder(compareDir)];
    return { kind: 'runs', runs, comparisons: [compareRuns(runs[0], runs[1])] };
  }
  if (kind === 'run') return { kind: 'runs', runs: [readRunFolder(dir)], comparisons: [] };
  if (kind === 'sweep') return readSweep(dir);
  const file = join(dir, 'compare.json');
  const compare = readJson(file) as { baseline?: unknown; differences?: unknown; scenarios?: unknown };
  if (typeof compare.baseline !== 'string' || !isJsonObject(compare.scenarios) || !isJsonObject(compare.differences)) {
    throw new CliError(`${file}: expected the fields baseline (a scenario name), scenarios and differences, as "corredor compare" writes them; rerun the comparison`);
  }
  const labels = Object.keys(compare.scenarios);
  const runs = labels.map((label) => readRunFolder(join(dir, label)));
  const comparisons = labels
    .filter((l) => l !== compare.baseline)
    .map((label) => {
      const differences = (compare.differences as Record<string, unknown>)[label];
      if (!isJsonObject(differences)) throw new CliError(`${file}: differences.${label} is missing; expected the paired differences of ${label} from ${compare.baseline}`);
      return { label, base: compare.baseline as string, paired: true, differences: differences as Record<string, Difference> };
    });
  return { kind: 'runs', runs, comparisons };
}

function folderKind(dir: string): 'run' | 'compare' | 'sweep' {
  if (!existsSync(dir)) throw new CliError(`${dir}: no such folder; ${WHAT}`);
  if (!statSync(dir).isDirectory()) throw new CliError(`${dir}: not a folder; ${WHAT}`);
  if (existsSync(join(dir, 'compare.json'))) return 'compare';
  if (existsSync(join(dir, 'sweep.csv'))) return 'sweep';
  if (existsSync(join(dir, 'summary.json'))) return 'run';
  const resumable = existsSync(join(dir, 'checkpoint.jsonl')) ? ' It holds a checkpoint: the batch was interrupted; finish it with --resume first.' : '';
  throw new CliError(`${dir}: not a corredor output folder; ${WHAT}.${resumable}`);
}

function readRunFolder(dir: string): RunFolder {
  const summaryFile = join(dir, 'summary.json');
  const summary = readJson(summaryFile) as { manifest?: Manifest; metrics?: Record<string, Summary> };
  if (!isJsonObject(summary.manifest) || !Array.isArray(summary.manifest.scenarios) || !isJsonObject(summary.metrics)) {
    throw new CliError(`${summaryFile}: expected the fields manifest and metrics, as "corredor run" writes them`);
  }
  for (const [name, m] of Object.entries(summary.metrics)) {
    if (!isJsonObject(m) || typeof m.mean !== 'number' || !Array.isArray(m.ci95) || m.ci95.length !== 2) {
      throw new CliError(`${summaryFile}: metrics.${name}: expected { mean, sd, ci95: [lo, hi], n }`);
    }
  }
  const mapFile = join(dir, 'map.geojson');
  if (!existsSync(mapFile)) throw new CliError(`${mapFile} is missing: the folder was written by an older corredor; run the scenario again to get it`);
  const map = readJson(mapFile) as unknown as MapGeoJson;
  if (map.type !== 'FeatureCollection' || !Array.isArray(map.features) || !Array.isArray(map.policies)) {
    throw new CliError(`${mapFile}: expected a GeoJSON FeatureCollection with policies, as "corredor run" writes it`);
  }
  return { dir, label: summary.manifest.scenarios[0]?.label ?? dir, manifest: summary.manifest, metrics: summary.metrics, flows: readFlows(join(dir, 'links.csv')), map };
}

function readFlows(file: string): Map<string, { mean: number; lo: number; hi: number }> {
  const rows = readCsv(file);
  const flows = new Map<string, { mean: number; lo: number; hi: number }>();
  rows.forEach((row, k) => {
    const [mean, lo, hi] = [row.flow_mean, row.flow_ci_lo, row.flow_ci_hi].map(Number);
    if (row.link === undefined || ![mean, lo, hi].every(Number.isFinite)) {
      throw new CliError(`${file}: row ${k + 2}: expected a link id and numeric flow_mean, flow_ci_lo, flow_ci_hi`);
    }
    flows.set(row.link, { mean, lo, hi });
  });
  return flows;
}

function readSweep(dir: string): ReportInput {
  const file = join(dir, 'sweep.csv');
  const rows = readCsv(file);
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  const n = columns.indexOf('n');
  if (rows.length === 0 || n < 1) throw new CliError(`${file}: expected a header with the swept parameters, n and the metrics, and one row per point, as "corredor sweep" writes it`);
  return { kind: 'sweep', dir, params: columns.slice(0, n), rows };
}

function compareRuns(a: RunFolder, b: RunFolder): Comparison {
  const pairable = a.manifest.seed === b.manifest.seed && a.manifest.runs === b.manifest.runs && a.manifest.streams === 'common' && b.manifest.streams === 'common';
  if (pairable) {
    const ra = readReplicates(a.dir);
    const rb = readReplicates(b.dir);
    return { label: b.label, base: a.label, paired: true, differences: pairedDifferences(ra, rb) };
  }
  const names = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort();
  const zero: Summary = { mean: 0, sd: 0, ci95: [0, 0], n: 0 };
  return { label: b.label, base: a.label, paired: false, differences: Object.fromEntries(names.map((m) => [m, welchDifference(a.metrics[m] ?? zero, b.metrics[m] ?? zero)])) };
}

function readReplicates(dir: string) {
  const file = join(dir, 'replicates.jsonl');
  if (!existsSync(file)) throw new CliError(`${file} is missing; the paired comparison needs every replicate (run writes it)`);
  return readReplicatesFile(file).map((r) => r.result);
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new CliError(`${file} is missing; ${WHAT}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message}); the file is damaged, so rerun the batch that wrote it`);
  }
  if (!isJsonObject(data)) throw new CliError(`${file}: expected a JSON object`);
  return data;
}

function readCsv(file: string): Record<string, string>[] {
  if (!existsSync(file)) throw new CliError(`${file} is missing; ${WHAT}`);
  try {
    return parseCsv(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    throw new CliError(`${file}: not a valid CSV file (${(error as Error).message}); rerun the batch that wrote it`);
  }
}

