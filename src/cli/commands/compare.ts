import { join } from 'node:path';
import { pairedDifferences } from '../../metrics/summarizeReplicates.js';
import { loadScenario } from '../../scenario/loadScenario.js';
import { differenceTable } from '../../report/formatTables.js';
import { writeRunOutputs } from '../../report/writeRunOutputs.js';
import { CliError, EXIT_USAGE } from '../../core/errors.js';
import { BATCH_HELP, BATCH_OPTIONS, batchFlags } from '../batchOptions.js';
import { dropCheckpoint, runScenarioBatch } from '../batchRunner.js';
import type { Command } from '../command.js';
import { OVERRIDE_HELP, OVERRIDE_OPTIONS, overridesFrom } from '../overrideOptions.js';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'paired comparison of scenarios against the first, with common random numbers',
  help: `Usage: corredor compare A B [C ...] [--runs N] [--workers W] [--seed S] [--out DIR] [overrides]

Runs the same N replicates of every scenario and reports, for each of B, C, ... the paired
difference from A, replicate by replicate. With common random numbers (the default) replicate
r of every scenario has the same people and the same luck, so the difference measures the
policies, not sampling noise. Prints the headline metrics first, e.g.
  remote_share  +7.4 pp  [6.1, 8.6]
and writes DIR/compare.json (every metric's difference as { mean, ci95, n }, and each
scenario's summary) and each scenario's results in DIR/<scenario name>/.
Overrides (--set, --enable, --disable) apply to every scenario.

Options:
${BATCH_HELP}
${OVERRIDE_HELP}
`,
  options: { ...BATCH_OPTIONS, ...OVERRIDE_OPTIONS },
  positionals: [2, 64],
  async run(args, effects) {
    const flags = batchFlags(args, 'compare');
    const loaded = args.positionals.map((file) => loadScenario(file, overridesFrom(args), effects.readText));
    const labels = loaded.map((l) => l.scenario.name);
    const dup = labels.find((l, i) => labels.indexOf(l) !== i);
    if (dup) throw new CliError(`corredor compare: two scenarios are named ${JSON.stringify(dup)}; give them distinct names`, EXIT_USAGE);
    const out = flags.out ?? join('out', `compare-${labels.join('-vs-')}`);
    const { results, manifests, seed } = await runScenarioBatch(
      loaded.map((l) => ({ label: l.scenario.name, scenario: l })),
      flags,
      out,
      effects,
      'compare',
    );
    const base = results.get(labels[0])!;
    const headline = loaded[0].scenario.headline;
    const differences: Record<string, unknown> = {};
    const lines: string[] = [];
    const summaries = new Map<string, Record<string, unknown>>();
    for (const [k, label] of labels.entries()) {
      summaries.set(label, writeRunOutputs(join(out, label), manifests.get(label)!, label, results.get(label)!, loaded[k], effects.writeFileAtomic).metrics);
      if (k === 0) continue;
      const diff = pairedDifferences(base, results.get(label)!);
      differences[label] = diff;
      lines.push(`${label} - ${labels[0]}: paired differences over ${base.length} replicates (seed ${seed}), 95% CI`, differenceTable(diff, headline), '');
    }
    const compare = {
      baseline: labels[0],
      seed,
      runs: flags.runs,
      streams: flags.streams,
      differences,
      scenarios: Object.fromEntries(labels.map((label) => [label, { manifest: manifests.get(label), metrics: summaries.get(label) }])),
    };
    effects.writeFileAtomic(join(out, 'compare.json'), JSON.stringify(compare, null, 2) + '\n');
    dropCheckpoint(out);
    effects.stdout(lines.join('\n'));
    effects.stderr(`wrote ${out}/compare.json and ${labels.map((l) => `${out}/${l}/`).join(', ')}\n`);
    return 0;
  },
};
