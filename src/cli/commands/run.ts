import { join } from 'node:path';
import { loadScenario } from '../../scenario/loadScenario.js';
import { summaryTable } from '../../report/formatTables.js';
import { writeRunOutputs } from '../../report/writeRunOutputs.js';
import { BATCH_HELP, BATCH_OPTIONS, batchFlags } from '../batchOptions.js';
import { dropCheckpoint, runScenarioBatch } from '../batchRunner.js';
import type { Command } from '../command.js';
import { OVERRIDE_HELP, OVERRIDE_OPTIONS, overridesFrom } from '../overrideOptions.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run replicates of a scenario on worker threads and summarise them',
  help: `Usage: corredor run SCENARIO [--runs N] [--workers W] [--seed S] [--out DIR] [overrides]

Runs N seeded replicates of a scenario on a pool of worker threads. Replicate r draws from
streams keyed by (seed, r, purpose), so the results are byte-identical for any number of
workers, any order of completion, and any split into shards. Writes, in DIR (default
out/<scenario name>):
  summary.json      manifest and every metric as { mean, sd, ci95: [lo, hi], n }
  replicates.csv    one row per replicate with every metric
  links.csv         per link: flow, agent-km, agent-days and events, with 95% CIs
  replicates.jsonl  every replicate in full precision (what merge combines)
  map.geojson       the network as run, each place and link naming the policies on it
and prints the metrics with their 95% confidence intervals.

Options:
${BATCH_HELP}
${OVERRIDE_HELP}
`,
  options: { ...BATCH_OPTIONS, ...OVERRIDE_OPTIONS },
  positionals: [1, 1],
  async run(args, effects) {
    const flags = batchFlags(args, 'run');
    const loaded = loadScenario(args.positionals[0], overridesFrom(args), effects.readText);
    const out = flags.out ?? join('out', loaded.scenario.name);
    const label = loaded.scenario.name;
    const { results, manifests } = await runScenarioBatch([{ label, scenario: loaded }], flags, out, effects, 'run');
    const list = results.get(label)!;
    const summary = writeRunOutputs(out, manifests.get(label)!, label, list, loaded, effects.writeFileAtomic);
    dropCheckpoint(out);
    effects.stdout(`${label}: ${list.length} replicates, 95% confidence intervals\n${summaryTable(summary.metrics, loaded.scenario.headline)}\n`);
    effects.stderr(`wrote ${out}/summary.json, replicates.csv, links.csv, replicates.jsonl, map.geojson\n`);
    return 0;
  },
};
