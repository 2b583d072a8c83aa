/**
 * Replicates per second of every shipped scenario, as users run them: `corredor run` on the
 * worker pool, the batch's wall time from its manifest (loading, workers and outputs included).
 *
 *   npm run bench -- scenarios [--runs 4] [--workers 2] [--scenarios a.yaml,b.yaml]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const SHIPPED = ['baseline', 'frontera-sur-2014', 'guardia-nacional-2019', 'timeline-2013-2019'].map((n) => `scenarios/${n}.yaml`);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '4' }, workers: { type: 'string', default: '2' }, scenarios: { type: 'string' }, set: { type: 'string', multiple: true } } });
const files = values.scenarios ? values.scenarios.split(',') : SHIPPED;
for (const file of files) {
  const out = mkdtempSync(join(tmpdir(), 'corredor-bench-'));
  try {
    const args = ['dist/src/cli/main.js', 'run', file, '--runs', values.runs!, '--workers', values.workers!, '--out', out, ...(values.set ?? []).flatMap((s) => ['--set', s])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(r.status ?? 1);
    }
    const { manifest, metrics } = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    console.log(
      JSON.stringify({
        scenario: manifest.scenarios[0].label,
        agents: metrics.created.mean,
        replicates: manifest.runs,
        workers: manifest.workers,
        wallSeconds: manifest.wallSeconds,
        replicatesPerSecond: Number((manifest.runs / manifest.wallSeconds).toFixed(4)),
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
      }),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
