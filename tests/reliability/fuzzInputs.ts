import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/runCli.js';
import type { Effects } from '../../src/cli/effects.js';

/**
 * Input fuzzing: malformed networks, scenarios and Flee folders, made by mutating valid files.
 * Every case must end in a clean CliError (exit 1 or 2, a message, no stack, no "internal
 * error") or a valid run, within a time bound.
 */

const NETWORK = readFileSync('scenarios/fixtures/tiny-network.geojson', 'utf8');
const SCENARIO = readFileSync('scenarios/fixtures/tiny.yaml', 'utf8');
const CALIBRATION = `name: fuzz
seed: 1
samples: 4
replicates: 1
accept: 0.5
scenarios: { tiny: scenario.yaml }
set: [demand.per_year=100]
parameters:
  - { name: interception, prior: { uniform: [0, 0.5] }, paths: [policies.fixed-checkpoints.interception], source: fuzz }
targets:
  - { name: caught, observed: 0.3, sd: 0.1, model: { ratio: [{ scenario: tiny, metric: apprehensions }, { scenario: tiny, metric: created }] }, source: fuzz }
`;
const FLEE = Object.fromEntries(['locations.csv', 'routes.csv', 'closures.csv', 'sim_period.csv'].map((f) => [f, readFileSync(join('tests/fixtures/flee-corridor/checkpoints', f), 'utf8')]));

const SPECIAL = ['NaN', 'Infinity', '-Infinity', '"NaN"', '"Infinity"', '1e309', '-1', '-0', '1.5', '2014-13-01', 'null', 'true', '[]', '{}', '"', "'", '{', '[', ':', '- ', '&a [1]', '*a', '!!js/function x', '!custom x', '\u0000', '\ufeff', '\r\n', '#', ',', '9'.repeat(400)];

/** One mutation of a text: byte-level edits, special tokens, or whole-file pathologies. */
export function arbMutation(text: string): fc.Arbitrary<string> {
  const pos = fc.nat(text.length);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(pos, fc.nat(40)).map(([p, n]) => text.slice(0, p) + text.slice(p + n)) },
    { weight: 4, arbitrary: fc.tuple(pos, fc.constantFrom(...SPECIAL)).map(([p, s]) => text.slice(0, p) + s + text.slice(p)) },
    { weight: 4, arbitrary: fc.tuple(pos, fc.nat(20), fc.constantFrom(...SPECIAL)).map(([p, n, s]) => text.slice(0, p) + s + text.slice(p + n)) },
    { weight: 2, arbitrary: fc.tuple(pos, fc.string({ maxLength: 30 })).map(([p, s]) => text.slice(0, p) + s + text.slice(p)) },
    { weight: 2, arbitrary: fc.tuple(pos, pos).map(([a, b]) => text.slice(0, Math.max(a, b)) + text.slice(Math.min(a, b))) },
    { weight: 1, arbitrary: fc.constant(text.replace(/\n/g, '\r\n')) },
    { weight: 1, arbitrary: fc.constant('\ufeff' + text) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant('   \n\t\n') },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => 'a:\n' + '  - '.repeat(1) + '['.repeat(n)) },
    { weight: 1, arbitrary: fc.constant(aliasBomb()) },
    { weight: 1, arbitrary: fc.tuple(pos, fc.integer({ min: 100_000, max: 1_100_000 })).map(([p, n]) => text.slice(0, p) + 'x'.repeat(n) + text.slice(p)) },
    { weight: 2, arbitrary: fc.tuple(pos, fc.nat(text.length)).map(([a, b]) => text.slice(0, a) + text.slice(b, b + 200) + text.slice(a)) },
  );
}

function aliasBomb(): string {
  const lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\nname: *a11\n';
}

export interface Outcome {
  code: number;
  stderr: string;
  ms: number;
}

/** Runs one corredor command in this process with in-memory files; nothing touches the disk. */
export async function runInMemory(argv: string[], files: Record<string, string>): Promise<Outcome> {
  const byPath = new Map(Object.entries(files).map(([f, t]) => [resolve(f), t]));
  let stderr = '';
  const effects: Effects = {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
    readText: (file) => {
      const text = byPath.get(resolve(file));
      if (text === undefined) {
        const error = new Error(`ENOENT: ${file}`) as NodeJS.ErrnoException;
        error.code = 'ENOENT';
        throw error;
      }
      return text;
    },
    writeFileAtomic: () => undefined,
    stderrIsTTY: false,
  };
  const t0 = performance.now();
  const code = await runCli(argv, effects);
  return { code, stderr, ms: performance.now() - t0 };
}

/** A clean outcome: success, or a user error with a message and neither a stack nor a bug report. */
export function isClean(o: Outcome): boolean {
  if (o.code === 0) return true;
  return (o.code === 1 || o.code === 2) && o.stderr.trim() !== '' && !/^\s+at /m.test(o.stderr) && !o.stderr.includes('internal error');
}

export const fuzzTargets = {
  network: (mutated: string) => runInMemory(['network', 'fuzz/network.geojson', '--json'], { 'fuzz/network.geojson': mutated }),
  scenario: (mutated: string) => runInMemory(['validate', 'fuzz/scenario.yaml'], { 'fuzz/scenario.yaml': mutated, 'fuzz/tiny-network.geojson': NETWORK }),
  scenarioNetwork: (mutated: string) => runInMemory(['validate', 'fuzz/scenario.yaml'], { 'fuzz/scenario.yaml': SCENARIO, 'fuzz/tiny-network.geojson': mutated }),
  // --check on a folder that does not exist: a valid file is read, its scenarios loaded, and
  // the command ends with a clean error about the folder, so no batch runs.
  calibration: (mutated: string) =>
    runInMemory(['calibrate', 'fuzz/calibration.yaml', '--check', 'fuzz/no-such-folder'], { 'fuzz/calibration.yaml': mutated, 'fuzz/scenario.yaml': SCENARIO, 'fuzz/tiny-network.geojson': NETWORK }),
};

/** Flee folders live on disk (the importer reads a folder): one temporary folder per case. */
export async function fuzzFlee(file: string, mutated: string): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'corredor-fuzz-flee-'));
  try {
    for (const [name, text] of Object.entries(FLEE)) writeFileSync(join(dir, name), name === file ? mutated : text);
    mkdirSync(join(dir, 'out'));
    let stderr = '';
    const t0 = performance.now();
    const code = await runCli(['import-flee', dir, '--out', join(dir, 'out')], {
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
      readText: (f) => readFileSync(f, 'utf8'),
      writeFileAtomic: () => undefined,
      stderrIsTTY: false,
    });
    return { code, stderr, ms: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const SOURCES = { NETWORK, SCENARIO, FLEE, CALIBRATION };
