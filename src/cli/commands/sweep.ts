import { join } from 'node:path';
import { CliError, EXIT_USAGE } from '../../core/errors.js';
import { metricNames, summarizeReplicates } from '../../metrics/summarizeReplicates.js';
import { csvCell } from '../../report/writeRunOutputs.js';
import { loadScenario } from '../../scenario/loadScenario.js';
import { BATCH_HELP, BATCH_OPTIONS, batchFlags } from '../batchOptions.js';
import { dropCheckpoint, runScenarioBatch } from '../batchRunner.js';
import type { Command } from '../command.js';
import { OVERRIDE_HELP, OVERRIDE_OPTIONS } from '../overrideOptions.js';

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'run a scenario over a grid of one or two parameters',
  help: `Usage: corredor sweep SCENARIO --set PATH=V1,V2,... [--set PATH2=W1,W2,...] [--runs N] [--out DIR]

Runs the scenario at every point of a grid of one or two parameters (each --set with a list
of values is a dimension; --set with one value, --enable and --disable apply everywhere).
PATH may join paths with "+" to move them together, e.g.
  --set policies.a.interception+policies.b.interception=0.05,0.1,0.2
Replicates go out round-robin across points, so a sweep stopped early is still a balanced
sample, and replicate r of every point shares its random numbers. Writes DIR/sweep.csv with
one row per point: the parameter values, then every metric's mean and 95% CI.

Options:
${BATCH_HELP}
${OVERRIDE_HELP}
`,
  options: { ...BATCH_OPTIONS, ...OVERRIDE_OPTIONS },
  positionals: [1, 1],
  async run(args, effects) {
    const flags = batchFlags(args, 'sweep');
    const sets = (args.values.set as string[] | undefined) ?? [];
    const dims: { path: string; values: string[] }[] = [];
    const fixed: string[] = [];
    for (const s of sets) {
      const eq = s.indexOf('=');
      const values = eq > 0 ? splitTopLevel(s.slice(eq + 1)) : [];
      if (values.length > 1) dims.push({ path: s.slice(0, eq), values });
      else fixed.push(s);
    }
    if (dims.length === 0 || dims.length > 2) {
      throw new CliError(`corredor sweep: expected one or two --set PATH=V1,V2,... with several values; got ${dims.length}`, EXIT_USAGE);
    }
    const points: string[][] = dims.length === 1 ? dims[0].values.map((v) => [v]) : dims[0].values.flatMap((v) => dims[1].values.map((w) => [v, w]));
    const file = args.positionals[0];
    const base = { enable: (args.values.enable as string[] | undefined) ?? [], disable: (args.values.disable as string[] | undefined) ?? [] };
    const loaded = points.map((values) => {
      const label = values.map((v, d) => `${dims[d].path}=${v}`).join(',');
      // PATH may join several paths with "+": they move together (e.g. every site of a program).
      const set = [...fixed, ...values.flatMap((v, d) => dims[d].path.split('+').map((path) => `${path}=${v}`))];
      return { label, scenario: loadScenario(file, { ...base, set }, effects.readText), values };
    });
    const out = flags.out ?? join('out', `sweep-${loaded[0].scenario.scenario.name}`);
    const { results } = await runScenarioBatch(loaded, flags, out, effects, 'sweep');
    const all = [...results.values()].flat();
    const names = metricNames(all);
    const header = [...dims.map((d) => csvCell(d.path)), 'n', ...names.flatMap((n) => [`${n}.mean`, `${n}.ci_lo`, `${n}.ci_hi`].map(csvCell))];
    const summaries = loaded.map((p) => summarizeReplicates(results.get(p.label)!).metrics);
    const rows = loaded.map((p, k) => {
      const s = summaries[k];
      const n = s[names[0]]?.n ?? 0;
      return [...p.values.map(csvCell), n, ...names.flatMap((name) => [s[name].mean, s[name].ci95[0], s[name].ci95[1]])].join(',');
    });
    effects.writeFileAtomic(join(out, 'sweep.csv'), [header.join(','), ...rows].join('\n') + '\n');
    dropCheckpoint(out);
    const headline = loaded[0].scenario.scenario.headline.filter((h) => names.includes(h)).slice(0, 4);
    const table = loaded.map((p, k) => {
      const s = summaries[k];
      return `${p.label}  ${headline.map((h) => `${h} ${s[h].mean.toPrecision(3)} [${s[h].ci95[0].toPrecision(3)}, ${s[h].ci95[1].toPrecision(3)}]`).join('  ')}`;
    });
    effects.stdout(table.join('\n') + '\n');
    effects.stderr(`wrote ${out}/sweep.csv (${points.length} points x ${flags.runs} replicates)\n`);
    return 0;
  },
};

/** Splits "a,b,[c,d]" at commas outside brackets and braces. */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
