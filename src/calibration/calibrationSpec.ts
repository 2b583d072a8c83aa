import { compileValidator } from '../core/compileValidator.js';
import { InputError } from '../core/errors.js';
import { schemaProblems } from '../core/schemaProblems.js';
import { readScenarioFile } from '../scenario/readScenarioFile.js';

/**
 * A calibration: which parameters to vary (with priors), which observed figures to match
 * (with tolerances and sources), on which scenarios, and how many samples. One YAML file holds
 * it all, so a calibration is a reviewable document that reruns with one command.
 */
export interface CalibrationSpec {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** Parameter vectors drawn from the priors. */
  readonly samples: number;
  /** Replicates of every scenario at every sample (common random numbers across samples). */
  readonly replicates: number;
  /** Share of the samples kept: the rejection threshold is that quantile of the distances. */
  readonly accept: number;
  /** Scenario files by the short name targets use, relative to the calibration file. */
  readonly scenarios: Readonly<Record<string, string>>;
  /** `--set` overrides applied to every scenario first (e.g. a reduced demand). */
  readonly set: readonly string[];
  readonly parameters: readonly CalibrationParameter[];
  readonly targets: readonly CalibrationTarget[];
}

export interface CalibrationParameter {
  readonly name: string;
  /** One of: uniform on [low, high], log-uniform on [low, high], or uniform on the integers low..high (for counts such as attempts). */
  readonly prior: { readonly uniform?: readonly [number, number]; readonly loguniform?: readonly [number, number]; readonly integer?: readonly [number, number] };
  /** Scenario paths (`--set` spelling) that take the value, in every scenario that has them. */
  readonly paths: readonly string[];
  readonly source: string;
}

/** A model quantity: a metric of a scenario, a link's flow, or a sum or ratio of them. */
export type TargetExpr =
  | { readonly scenario: string; readonly metric: string }
  | { readonly scenario: string; readonly link_flow: string }
  | { readonly sum: readonly TargetExpr[] }
  | { readonly ratio: readonly [TargetExpr, TargetExpr] };

export interface CalibrationTarget {
  readonly name: string;
  readonly observed: number;
  /** Tolerance: observation error plus model discrepancy, in the target's units (or on the log scale with `log`). */
  readonly sd: number;
  /** Compare on the log scale (for ratios and counts spanning orders of magnitude). */
  readonly log: boolean;
  /** Multiplies the model quantity (e.g. 1000 for "per 1,000"). */
  readonly times: number;
  readonly model: TargetExpr;
  readonly source: string;
}

const expr = {
  oneOf: [
    { type: 'object', required: ['scenario', 'metric'], additionalProperties: false, properties: { scenario: { type: 'string' }, metric: { type: 'string' } } },
    { type: 'object', required: ['scenario', 'link_flow'], additionalProperties: false, properties: { scenario: { type: 'string' }, link_flow: { type: 'string' } } },
    { type: 'object', required: ['sum'], additionalProperties: false, properties: { sum: { type: 'array', minItems: 1, items: { $ref: '#/$defs/expr' } } } },
    { type: 'object', required: ['ratio'], additionalProperties: false, properties: { ratio: { type: 'array', minItems: 2, maxItems: 2, items: { $ref: '#/$defs/expr' } } } },
  ],
};
const range = { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } };

export const CALIBRATION_SCHEMA = {
  $defs: { expr },
  type: 'object',
  additionalProperties: false,
  required: ['name', 'seed', 'samples', 'replicates', 'accept', 'scenarios', 'parameters', 'targets'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    seed: { type: 'integer', minimum: 0 },
    samples: { type: 'integer', minimum: 2, maximum: 100000 },
    replicates: { type: 'integer', minimum: 1, maximum: 1000 },
    accept: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    scenarios: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
    set: { type: 'array', items: { type: 'string', pattern: '^[^=]+=.+$' } },
    parameters: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'prior', 'paths', 'source'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          prior: { type: 'object', additionalProperties: false, minProperties: 1, maxProperties: 1, properties: { uniform: range, loguniform: range, integer: { ...range, items: { type: 'integer' } } } },
          paths: { type: 'array', minItems: 1, items: { type: 'string' } },
          source: { type: 'string' },
        },
      },
    },
    targets: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'observed', 'sd', 'model', 'source'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          observed: { type: 'number' },
          sd: { type: 'number', exclusiveMinimum: 0 },
          log: { type: 'boolean' },
          times: { type: 'number' },
          model: { $ref: '#/$defs/expr' },
          source: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Reads and checks a calibration file; every problem is reported with its field and line. */
export function parseCalibrationSpec(text: string, file: string): CalibrationSpec {
  const parsed = readScenarioFile(text, file);
  const validate = compileValidator(CALIBRATION_SCHEMA);
  const data = parsed.data as Record<string, unknown>;
  const where = (path: readonly (string | number)[]) => {
    const name = path.length === 0 ? 'whole file' : path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? p : `.${p}`)).join('');
    const at = parsed.locate(path);
    return at ? `${name} (${at})` : name;
  };
  if (!validate(data)) {
    const problems = schemaProblems(validate.errors, data, (pointer) => JSON.stringify(pointer)).map((e) => {
      const path = (JSON.parse(e.where) as string[]).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      return { file, where: where(path), message: e.message };
    });
    throw new InputError(problems);
  }
  const problems: { file: string; where: string; message: string }[] = [];
  const spec = data as unknown as Omit<CalibrationSpec, 'set' | 'description' | 'targets'> & { set?: string[]; description?: string; targets: (Omit<CalibrationTarget, 'log' | 'times'> & { log?: boolean; times?: number })[] };
  spec.parameters.forEach((p, k) => {
    const [lo, hi] = p.prior.uniform ?? p.prior.loguniform ?? p.prior.integer ?? [0, 0];
    if (!(lo < hi)) problems.push({ file, where: where(['parameters', k, 'prior']), message: `expected [low, high] with low < high; got [${lo}, ${hi}]` });
    if (p.prior.loguniform && lo <= 0) problems.push({ file, where: where(['parameters', k, 'prior', 'loguniform']), message: 'a log-uniform prior needs a positive lower bound' });
  });
  const names = new Set(Object.keys(spec.scenarios));
  const checkExpr = (e: TargetExpr, path: (string | number)[]) => {
    if ('sum' in e) e.sum.forEach((x, k) => checkExpr(x, [...path, 'sum', k]));
    else if ('ratio' in e) e.ratio.forEach((x, k) => checkExpr(x, [...path, 'ratio', k]));
    else if (!names.has(e.scenario)) problems.push({ file, where: where([...path, 'scenario']), message: `no scenario named ${JSON.stringify(e.scenario)}; the scenarios are ${[...names].join(', ')}` });
  };
  spec.targets.forEach((t, k) => {
    checkExpr(t.model, ['targets', k, 'model']);
    if (t.log && t.observed <= 0) problems.push({ file, where: where(['targets', k, 'observed']), message: 'a target compared on the log scale needs a positive observed value' });
  });
  for (const [field, list] of [['parameters', spec.parameters], ['targets', spec.targets]] as const) {
    const seen = new Set<string>();
    list.forEach((x: { name: string }, k: number) => {
      if (seen.has(x.name)) problems.push({ file, where: where([field, k, 'name']), message: `duplicate name ${JSON.stringify(x.name)}` });
      seen.add(x.name);
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return {
    ...spec,
    description: spec.description ?? '',
    set: spec.set ?? [],
    targets: spec.targets.map((t) => ({ ...t, log: t.log ?? false, times: t.times ?? 1 })),
  };
}
