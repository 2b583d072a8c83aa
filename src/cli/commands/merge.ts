import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../../batch/manifest.js';
import { readReplicatesFile } from '../../batch/runBatch.js';
import { CliError, EXIT_USAGE } from '../../core/errors.js';
import { parseJsonText } from '../../core/parseJsonText.js';
import type { ReplicateResult } from '../../metrics/replicateResult.js';
import { loadScenario } from '../../scenario/loadScenario.js';
import { writeRunOutputs } from '../../report/writeRunOutputs.js';
import type { Command } from '../command.js';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine the outputs of shards (run --shard k/N) into one result',
  help: `Usage: corredor merge DIR [DIR ...] --out DIR [--scenario FILE]

Combines folders written by "corredor run ... --shard k/N" into exactly what one machine
running every replicate would have written: the same summary metrics, replicates.csv,
links.csv and replicates.jsonl, byte for byte. The shards must come from the same scenario
(same content hash), seed, replicate count and streams, and together hold every replicate.

Options:
  --out DIR         folder for the merged results
  --scenario FILE   the scenario file, when it is not where the shards' manifest says
`,
  options: { out: { type: 'string' }, scenario: { type: 'string' } },
  positionals: [1, 100000],
  run(args, effects) {
    const out = args.values.out;
    if (typeof out !== 'string') throw new CliError('corredor merge: missing --out DIR, the folder for the merged results', EXIT_USAGE);
    const shards = args.positionals.map((dir) => {
      const summary = join(dir, 'summary.json');
      const lines = join(dir, 'replicates.jsonl');
      if (!existsSync(summary) || !existsSync(lines)) throw new CliError(`${dir}: not a finished run (expected summary.json and replicates.jsonl)`);
      const manifest = (parseJsonText(readFileSync(summary, 'utf8'), summary) as { manifest: Manifest }).manifest;
      const parsed = readReplicatesFile(lines);
      return { dir, manifest, parsed };
    });
    const first = shards[0].manifest;
    const key = (m: Manifest) => JSON.stringify([m.scenarios.map((s) => s.hash), m.seed, m.runs, m.streams]);
    for (const s of shards) {
      if (key(s.manifest) !== key(first)) throw new CliError(`${s.dir}: comes from a different batch than ${shards[0].dir} (scenario hash, seed, runs or streams differ)`);
    }
    const byReplicate = new Map<number, ReplicateResult>();
    for (const s of shards) {
      for (const { result } of s.parsed) {
        if (byReplicate.has(result.replicate)) throw new CliError(`${s.dir}: replicate ${result.replicate} is also in another folder; merge each shard once`);
        byReplicate.set(result.replicate, result);
      }
    }
    const missing = Array.from({ length: first.runs }, (_, r) => r).filter((r) => !byReplicate.has(r));
    if (missing.length > 0) throw new CliError(`corredor merge: replicates ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} of ${first.runs} are in none of the folders`);
    const file = typeof args.values.scenario === 'string' ? args.values.scenario : first.scenarios[0].file;
    const loaded = loadScenario(file, {}, effects.readText);
    if (loaded.hash !== first.scenarios[0].hash) {
      throw new CliError(`${file}: its content hash differs from the one the shards ran (${first.scenarios[0].hash.slice(0, 12)}...); pass the scenario they ran with --scenario`);
    }
    const label = first.scenarios[0].label;
    const cpu = shards.map((s) => s.manifest.cpuSeconds);
    const manifest: Manifest = {
      ...first,
      replicates: { first: 0, count: first.runs, shard: null },
      workers: Math.max(...shards.map((s) => s.manifest.workers)),
      wallSeconds: shards.reduce((t, s) => t + s.manifest.wallSeconds, 0),
      // Shards written before CPU time was recorded leave it unknown, not short.
      cpuSeconds: cpu.every((c): c is number => typeof c === 'number') ? Math.round(cpu.reduce((t, c) => t + c, 0) * 1000) / 1000 : null,
    };
    writeRunOutputs(out, manifest, label, [...byReplicate.values()], loaded, effects.writeFileAtomic);
    effects.stderr(`merged ${shards.length} folders, ${first.runs} replicates, into ${out}\n`);
    return 0;
  },
};
