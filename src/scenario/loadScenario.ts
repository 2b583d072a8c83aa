import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { compileValidator } from '../core/compileValidator.js';
import { epochDay, isIsoDate } from '../core/dates.js';
import { CliError, InputError, type Problem } from '../core/errors.js';
import { schemaProblems } from '../core/schemaProblems.js';
import { compileNetwork } from '../network/compileNetwork.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { loadNetwork, readInput } from '../network/loadNetwork.js';
import type { Mode } from '../network/modes.js';
import type { Network } from '../network/network.js';
import { applyOverrides, type Overrides } from './applyOverrides.js';
import { DEFAULT_BEHAVIOUR, DEFAULT_POPULATION, FLAT_SEASONALITY } from './defaults.js';
import { policyContext, type PolicySpec } from './policies/policyType.js';
import { POLICY_TYPES } from './policies/policyTypes.js';
import { resolveExtends } from './resolveExtends.js';
import type { Behaviour, Distribution, PopulationSpec, Scenario } from './scenario.js';
import { SCENARIO_SCHEMA } from './scenarioSchema.js';

/** A scenario ready to run, with its network, and what identifies it in a run manifest. */
export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
  readonly network: Network;
  readonly compiled: CompiledNetwork;
  /** The merged scenario as written (file spelling), after extends and overrides. */
  readonly merged: Readonly<Record<string, unknown>>;
  /** sha256 of the merged scenario and the network file's text. */
  readonly hash: string;
}

export const DEFAULT_HEADLINE = ['remote_share', 'deaths_per_1000', 'robberies_per_agent', 'apprehensions', 'arrived', 'mean_transit_days', 'mean_cost_usd'];

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  validator ??= compileValidator(SCENARIO_SCHEMA, { date: isIsoDate });
  return validator;
}

type Json = Record<string, unknown>;

/**
 * Reads a scenario file with its `extends` chain, applies command-line overrides, validates it
 * against the schema and against its network, and returns it ready to run. Every problem is
 * reported in one go, each with file, field path (e.g. `policies[2].from`) and, where the
 * parser knows it, line and column.
 */
export function loadScenario(file: string, overrides: Overrides = {}, readText?: (file: string) => string): LoadedScenario {
  const chain = resolveExtends(file, readText);
  const { merged, origins } = applyOverrides(chain.merged, overrides, file);
  // Where a field of the merged scenario was written: by the last flag that wrote it or a field
  // around it, or else the first file of the chain (child first) that holds it. Policies merge
  // by id, so their index differs from file to file.
  const at = (path: (string | number)[]): { file: string; where: string } => {
    const name = fieldName(path);
    const flag = origins.findLast((o) => o.path.every((part, k) => path[k] === part));
    if (flag !== undefined) return { file, where: `${name} (given by ${flag.flag})` };
    const id = path[0] === 'policies' && typeof path[1] === 'number' ? ((merged.policies as Json[] | undefined)?.[path[1]]?.id as unknown) : undefined;
    for (const t of chain.texts) {
      let local = path;
      if (id !== undefined) {
        const own = (t.data as Json).policies;
        const k = Array.isArray(own) ? own.findIndex((q) => (q as Json)?.id === id) : -1;
        if (k < 0) continue;
        local = ['policies', k, ...path.slice(2)];
      }
      const pos = t.locate(local);
      if (pos) return { file: shown(t.file), where: `${name} (${pos})` };
    }
    return { file, where: name };
  };
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ ...at(path), message });

  const validate = schemaValidator();
  if (!validate(merged)) {
    for (const e of schemaProblems(validate.errors, merged, (pointer) => JSON.stringify(pointer))) {
      const pointer = JSON.parse(e.where) as string[];
      add(pointer.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), e.message.replace(/^must match format "date"; got/, 'expected a date as YYYY-MM-DD; got'));
    }
    throw new InputError(problems);
  }

  const networkFile = merged.network as string;
  const shownNetwork = relative(process.cwd(), networkFile) || networkFile;
  let network: Network;
  try {
    readInput(networkFile, readText);
    network = loadNetwork(networkFile, { readText });
  } catch (error) {
    if (error instanceof CliError && !(error instanceof InputError)) {
      add(['network'], `cannot read the network ${shownNetwork}: ${error.message.replace(`${networkFile}: `, '')}. Paths are relative to the scenario file that names them`);
      throw new InputError(problems);
    }
    throw error;
  }
  const compiled = compileNetwork(network);
  checkAgainstNetwork(merged, compiled, add);
  if (problems.length > 0) throw new InputError(problems);

  const scenario = toScenario(merged);
  const hash = createHash('sha256')
    .update(canonicalJson({ ...merged, network: undefined }))
    .update('\0')
    .update(readInput(networkFile, readText))
    .digest('hex');
  return { file, scenario, network, compiled, merged, hash };
}

function checkAgainstNetwork(m: Json, net: CompiledNetwork, add: (path: (string | number)[], message: string) => void): void {
  const ctx = policyContext(net);
  const period = m.period as { start: string; end: string };
  if (epochDay(period.end) < epochDay(period.start)) add(['period', 'end'], `expected a date on or after period.start (${period.start}); got ${period.end}`);
  const demand = m.demand as Json;
  (demand.origins as { place: string }[]).forEach((o, k) => {
    if (!ctx.placeIndex.has(o.place)) add(['demand', 'origins', k, 'place'], `no place with id ${JSON.stringify(o.place)} in the network`);
  });
  if ((demand.origins as { share: number }[]).every((o) => o.share === 0)) add(['demand', 'origins'], 'expected at least one origin with a share above 0');
  ((demand.caravans as { origin: string }[] | undefined) ?? []).forEach((c, k) => {
    if (!ctx.placeIndex.has(c.origin)) add(['demand', 'caravans', k, 'origin'], `no place with id ${JSON.stringify(c.origin)} in the network`);
  });
  const deportation = (m.behaviour as Json | undefined)?.deportation as { default: string; by_country?: Record<string, string> } | undefined;
  if (deportation) {
    const places: [string[], string][] = [[['behaviour', 'deportation', 'default'], deportation.default]] as never;
    for (const [country, place] of Object.entries(deportation.by_country ?? {})) places.push([['behaviour', 'deportation', 'by_country', country], place] as never);
    for (const [path, place] of places) if (place !== 'origin' && !ctx.placeIndex.has(place)) add(path, `expected "origin" or a place id of the network; got ${JSON.stringify(place)}`);
  }
  const seen = new Map<string, number>();
  ((m.policies as Json[] | undefined) ?? []).forEach((p, k) => {
    const id = String(p.id);
    if (seen.has(id)) add(['policies', k, 'id'], `duplicate policy id; policies[${seen.get(id)}] already uses it`);
    seen.set(id, k);
    if (typeof p.from === 'string' && typeof p.to === 'string' && epochDay(p.to) < epochDay(p.from)) add(['policies', k, 'to'], `expected a date on or after from (${p.from}); got ${p.to}`);
    POLICY_TYPES[String(p.type)].check(p as PolicySpec, ctx, (field, message) => {
      const parts = field.split(/[.[\]]+/).filter((x) => x !== '').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
      add(['policies', k, ...parts], message);
    });
  });
}

/** File spelling (snake_case, defaults implicit) -> the engine's Scenario (camelCase, explicit). */
function toScenario(m: Json): Scenario {
  const period = m.period as { start: string; end: string };
  const demand = m.demand as Json;
  const pop = (m.population ?? {}) as Json;
  const budget = (pop.budget_usd ?? {}) as Json;
  const population: PopulationSpec = {
    smugglerAccess: (pop.smuggler_access as number | undefined) ?? DEFAULT_POPULATION.smugglerAccess,
    budgetUsd: {
      withSmuggler: (budget.with_smuggler as Distribution | undefined) ?? DEFAULT_POPULATION.budgetUsd.withSmuggler,
      withoutSmuggler: (budget.without_smuggler as Distribution | undefined) ?? DEFAULT_POPULATION.budgetUsd.withoutSmuggler,
    },
    riskAversion: (pop.risk_aversion as Distribution | undefined) ?? DEFAULT_POPULATION.riskAversion,
    valueOfTimeUsdPerDay: (pop.value_of_time_usd_per_day as Distribution | undefined) ?? DEFAULT_POPULATION.valueOfTimeUsdPerDay,
  };
  const behaviour: Record<string, unknown> = { ...DEFAULT_BEHAVIOUR };
  for (const [key, value] of Object.entries((m.behaviour ?? {}) as Json)) {
    if (key === 'deportation') {
      const d = value as { default: string; by_country?: Record<string, string> };
      behaviour.deportation = { default: d.default, byCountry: d.by_country };
    } else behaviour[camel(key)] = value;
  }
  const policies = ((m.policies ?? []) as Json[]).map(
    (p) => Object.freeze({ ...p, enabled: p.enabled !== false, from: (p.from as string | undefined) ?? period.start, to: (p.to as string | undefined) ?? period.end }) as PolicySpec,
  );
  return {
    name: m.name as string,
    description: (m.description as string | undefined) ?? '',
    period: { start: period.start, end: period.end },
    demand: {
      perYear: demand.per_year as number,
      byYear: demand.by_year as Record<string, number> | undefined,
      origins: demand.origins as { place: string; share: number }[],
      seasonality: (demand.seasonality as number[] | undefined) ?? FLAT_SEASONALITY,
      caravans: (demand.caravans as { date: string; origin: string; size: number }[] | undefined) ?? [],
    },
    population,
    behaviour: behaviour as unknown as Behaviour,
    speedsKmPerDay: m.speeds_km_per_day as Partial<Record<Mode, number>> | undefined,
    seed: m.seed as number,
    policies,
    headline: ((m.metrics as Json | undefined)?.headline as string[] | undefined) ?? DEFAULT_HEADLINE,
  };
}

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A path as the user would type it: relative to the working folder when that is shorter. */
function shown(path: string): string {
  const r = relative(process.cwd(), path);
  return r !== '' && r.length < path.length ? r : path;
}

/** `policies[2].from` from ['policies', 2, 'from']. */
export function fieldName(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || 'top level';
}

/** JSON with sorted keys, so equal content hashes equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
