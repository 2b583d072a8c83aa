import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCalibrationSpec, type CalibrationSpec } from '../../calibration/calibrationSpec.js';
import { drawParameters, evaluate, rejectionAbc } from '../../calibration/rejectionAbc.js';
import { CliError } from '../../core/errors.js';
import { corredorVersion } from '../../batch/manifest.js';
import { readReplicatesFile } from '../../batch/runBatch.js';
import { summarizeValues } from '../../metrics/statistics.js';
import { summarizeReplicates } from '../../metrics/summarizeReplicates.js';
import { readInput } from '../../network/loadNetwork.js';
import { loadScenario, type LoadedScenario } from '../../scenario/loadScenario.js';
import { csvCell } from '../../report/writeRunOutputs.js';
import { batchFlags } from '../batchOptions.js';
import { dropCheckpoint, runScenarioBatch } from '../batchRunner.js';
import type { Command } from '../command.js';
import type { Effects } from '../effects.js';

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'fit parameters to observed figures by rejection ABC, reproducibly from a seed',
  help: `Usage: corredor calibrate SPEC.yaml [--workers W] [--out DIR] [--resume]
       corredor calibrate SPEC.yaml --check DIR

Runs the calibration a SPEC file describes (docs/VALIDATION.md explains the shipped one):
parameters with priors and the scenario paths they set, targets (observed figures with a
tolerance and a source, each a metric, link flow, sum or ratio of the scenarios' outputs),
the number of samples and replicates, and the seed.

Rejection ABC: every sample draws a parameter vector from the priors (a stream keyed by seed
and sample), runs every scenario with the same replicates (common random numbers), and
scores the distance sqrt(sum(((model - observed) / sd)^2)) over the targets (log scale where
a target says log: true). The accept share closest to the observations is the posterior.
The same SPEC and seed give the same files, byte for byte, on any number of workers.

Writes, in DIR (default out/calibrate-<name>):
  posterior.json  priors, the accepted parameters' mean, median and 90% interval, the best
                  sample, every target's observed value and the accepted model values,
                  the threshold, the seed and the SPEC's hash
  samples.csv     every sample: parameter values, each target's model value, the distance
                  and whether it was accepted

With --check DIR, runs nothing: it evaluates every target on the replicates of a finished
"corredor compare" folder of the SPEC's scenarios (e.g. at full demand, after the calibrated
values went into the scenario files) and prints each target's model value with its 95% CI
(replicate by replicate, paired across scenarios), the observed value, and the gap in
tolerances.

Options:
  --check DIR   evaluate the targets on a compare folder instead of calibrating
  --workers W   worker threads (default: the available cores)
  --out DIR     folder for the results
  --resume      finish a calibration that was stopped, from DIR/checkpoint.jsonl
`,
  options: { workers: { type: 'string' }, out: { type: 'string' }, resume: { type: 'boolean' }, check: { type: 'string' } },
  positionals: [1, 1],
  async run(args, effects) {
    const file = args.positionals[0];
    const text = readInput(file, effects.readText);
    const spec = parseCalibrationSpec(text, file);
    if (typeof args.values.check === 'string') return checkTargets(spec, file, args.values.check, effects);
    const flags = { ...batchFlags(args, 'calibrate'), runs: spec.replicates, seed: spec.seed, streams: 'common' as const, shard: null };
    const out = flags.out ?? join('out', `calibrate-${spec.name}`);
    const values = drawParameters(spec);
    const jobs = scenarioJobs(spec, file, values, effects.readText);
    effects.stderr(`${spec.name}: ${spec.samples} samples x ${Object.keys(spec.scenarios).length} scenarios x ${spec.replicates} replicates\n`);
    const started = process.hrtime.bigint();
    const { results } = await runScenarioBatch(jobs, flags, out, effects, 'calibrate');
    const names = Object.keys(spec.scenarios);
    const linkIndex = new Map(jobs[0].scenario.compiled.meta.linkIds.map((id, l) => [id, l]));
    const modelValues = values.map((_, i) => {
      const summaries = new Map(names.map((n) => [n, summarizeReplicates(results.get(label(i, n))!)]));
      return spec.targets.map((t) =>
        t.times *
        evaluate(t.model, {
          metric: (s, m) => {
            const x = summaries.get(s)!.metrics[m];
            if (x === undefined) throw new CliError(`${file}: target ${t.name}: scenario ${s} has no metric ${JSON.stringify(m)}; see docs/ODD.md, "Outputs", for the names`);
            return x.mean;
          },
          linkFlow: (s, id) => {
            const l = linkIndex.get(id);
            if (l === undefined) throw new CliError(`${file}: target ${t.name}: the network has no link ${JSON.stringify(id)}`);
            return summaries.get(s)!.links.flow[l].mean;
          },
        }),
      );
    });
    const result = rejectionAbc(spec, values, modelValues);
    const accepted = new Set(result.accepted);
    const header = ['sample', ...spec.parameters.map((p) => p.name), ...spec.targets.map((t) => t.name), 'distance', 'accepted'];
    const rows = values.map((v, i) => [i, ...v, ...modelValues[i], result.distances[i], accepted.has(i) ? 1 : 0].join(','));
    effects.writeFileAtomic(join(out, 'samples.csv'), [header.map(csvCell).join(','), ...rows].join('\n') + '\n');
    const posterior = {
      calibration: spec.name,
      description: spec.description,
      file,
      sha256: createHash('sha256').update(text).digest('hex'),
      corredor: corredorVersion(),
      method: 'rejection ABC, quantile threshold',
      seed: spec.seed,
      samples: spec.samples,
      replicates: spec.replicates,
      accept: spec.accept,
      acceptedCount: result.accepted.length,
      epsilon: result.epsilon,
      best: { sample: result.accepted[0] ?? null, distance: result.accepted.length > 0 ? result.distances[result.accepted[0]] : null },
      parameters: result.parameters,
      targets: result.targets,
    };
    effects.writeFileAtomic(join(out, 'posterior.json'), JSON.stringify(posterior, null, 2) + '\n');
    dropCheckpoint(out);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const lines = [
      `${spec.name}: accepted ${result.accepted.length} of ${spec.samples} samples (distance <= ${result.epsilon.toPrecision(3)}), seed ${spec.seed}, ${seconds.toFixed(0)} s`,
      'parameter                    median     [5%, 95%] of accepted        best',
      ...spec.parameters.map((p) => {
        const x = result.parameters[p.name];
        return `${p.name.padEnd(28)} ${fmt(x.median).padStart(8)}  [${fmt(x.q05)}, ${fmt(x.q95)}]`.padEnd(62) + fmt(x.best);
      }),
      'target                       observed   best sample   accepted median [5%, 95%]',
      ...spec.targets.map((t) => {
        const x = result.targets[t.name];
        return `${t.name.padEnd(28)} ${fmt(x.observed).padStart(8)}   ${fmt(x.best).padStart(11)}   ${fmt(x.median)} [${fmt(x.q05)}, ${fmt(x.q95)}]`;
      }),
    ];
    effects.stdout(lines.join('\n') + '\n');
    effects.stderr(`wrote ${out}/posterior.json and ${out}/samples.csv\n`);
    return 0;
  },
};

const label = (sample: number, scenario: string) => `${sample}/${scenario}`;

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}

/**
 * One batch job per (sample, scenario): the scenario with the calibration's overrides and the
 * sample's parameter values. A parameter path naming a policy applies to the scenarios that
 * have that policy; any other path applies to every scenario. All jobs share one compiled
 * network, so the workers receive it once.
 */
function scenarioJobs(spec: CalibrationSpec, file: string, values: number[][], readText: (f: string) => string): { label: string; scenario: LoadedScenario }[] {
  const folder = dirname(file);
  const names = Object.keys(spec.scenarios);
  const paths = new Map(names.map((n) => [n, resolve(folder, spec.scenarios[n])]));
  const base = new Map(names.map((n) => [n, loadScenario(paths.get(n)!, { set: [...spec.set] }, readText)]));
  const network = base.get(names[0])!;
  const applies = (scenario: string, path: string): boolean => {
    const m = /^policies\.([^.]+)\./.exec(path);
    return m === null || base.get(scenario)!.scenario.policies.some((p) => p.id === m[1]);
  };
  spec.parameters.forEach((p) => {
    for (const path of p.paths) {
      if (!names.some((n) => applies(n, path))) throw new CliError(`${file}: parameter ${p.name}: no scenario has ${path}; check the policy id`);
    }
  });
  for (const n of names) {
    if (resolve(base.get(n)!.network.file) !== resolve(network.network.file)) throw new CliError(`${file}: scenario ${n} uses another network (${base.get(n)!.network.file}); a calibration runs its scenarios on one network`);
  }
  const jobs: { label: string; scenario: LoadedScenario }[] = [];
  values.forEach((v, i) => {
    for (const n of names) {
      const set = [...spec.set];
      spec.parameters.forEach((p, k) => {
        for (const path of p.paths) if (applies(n, path)) set.push(`${path}=${v[k]}`);
      });
      jobs.push({ label: label(i, n), scenario: { ...loadScenario(paths.get(n)!, { set }, readText), compiled: network.compiled } });
    }
  });
  return jobs;
}

/** `--check DIR`: the targets evaluated on each replicate of a compare folder, with 95% CIs. */
function checkTargets(spec: CalibrationSpec, file: string, dir: string, effects: Effects): number {
  const folder = dirname(file);
  const names = Object.keys(spec.scenarios);
  // The compare folder holds each scenario under its name (the `name` field of its file).
  const loaded = new Map(names.map((n) => [n, loadScenario(resolve(folder, spec.scenarios[n]), {}, effects.readText)]));
  const runs = new Map(
    names.map((n) => {
      const jsonl = join(dir, loaded.get(n)!.scenario.name, 'replicates.jsonl');
      if (!existsSync(jsonl)) throw new CliError(`--check ${dir}: ${jsonl} is missing; expected a "corredor compare" folder of ${names.map((x) => loaded.get(x)!.scenario.name).join(', ')}`);
      const list = readReplicatesFile(jsonl).map((x) => x.result);
      return [n, new Map(list.map((r) => [r.replicate, r]))];
    }),
  );
  const reps = [...runs.get(names[0])!.keys()].filter((r) => names.every((n) => runs.get(n)!.has(r))).sort((a, b) => a - b);
  if (reps.length === 0) throw new CliError(`--check ${dir}: no replicate is in every scenario's folder`);
  const linkIndex = new Map(loaded.get(names[0])!.compiled.meta.linkIds.map((id, l) => [id, l]));
  const lines = [`${spec.name}: targets on ${dir}, ${reps.length} paired replicates, 95% CIs`, 'target                        model [95% CI]                      observed    gap / sd'];
  const rows: Record<string, unknown>[] = [];
  for (const t of spec.targets) {
    const values = reps.map((r) =>
      t.times *
      evaluate(t.model, {
        metric: (s, m) => runs.get(s)!.get(r)!.metrics[m] ?? NaN,
        linkFlow: (s, id) => runs.get(s)!.get(r)!.links.flow[linkIndex.get(id) ?? -1] ?? NaN,
      }),
    );
    const s = summarizeValues(values);
    const gap = (t.log ? Math.log(s.mean) - Math.log(t.observed) : s.mean - t.observed) / t.sd;
    rows.push({ target: t.name, mean: s.mean, ci95: s.ci95, n: s.n, observed: t.observed, sd: t.sd, log: t.log, gapInSd: gap, source: t.source });
    lines.push(`${t.name.padEnd(29)} ${`${fmt(s.mean)} [${fmt(s.ci95[0])}, ${fmt(s.ci95[1])}]`.padEnd(35)} ${fmt(t.observed).padStart(8)}   ${gap >= 0 ? '+' : ''}${gap.toFixed(2)}`);
  }
  effects.stdout(lines.join('\n') + '\n');
  effects.writeFileAtomic(join(dir, `targets-${spec.name}.json`), JSON.stringify({ calibration: spec.name, file, replicates: reps.length, targets: rows }, null, 2) + '\n');
  effects.stderr(`wrote ${join(dir, `targets-${spec.name}.json`)}\n`);
  return 0;
}
