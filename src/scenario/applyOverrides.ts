import { parse as parseYaml } from 'yaml';
import { CliError, EXIT_USAGE } from '../core/errors.js';
import { POLICY_TYPES } from './policies/policyTypes.js';
import { SCENARIO_SCHEMA } from './scenarioSchema.js';

type Json = Record<string, unknown>;

/** Changes asked for on the command line, applied after `extends` and before validation. */
export interface Overrides {
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
  /** "path=value": a dotted path in file spelling; policies are addressed by id. */
  readonly set?: readonly string[];
}

/** A field an override wrote: its path in the merged scenario (policies by index) and the flag as typed. */
export interface OverrideOrigin {
  readonly path: readonly (string | number)[];
  readonly flag: string;
}

/**
 * Applies --enable, --disable and --set to a merged scenario, returning a new object and the
 * fields each flag wrote, so that a problem with a value given on the command line names the
 * flag rather than the line of the file it replaced. An unknown policy id or field path is a
 * usage error naming what exists, so a typo never silently runs the unchanged scenario.
 * Values are read as YAML, so numbers, booleans, dates and lists are written as in a scenario
 * file.
 */
export function applyOverrides(merged: Json, overrides: Overrides, file: string): { merged: Json; origins: OverrideOrigin[] } {
  const out = structuredClone(merged);
  const policies = (Array.isArray(out.policies) ? out.policies : []) as Json[];
  const ids = policies.map((p) => p.id);
  const origins: OverrideOrigin[] = [];
  const policyIndex = (id: string, flag: string): number => {
    const k = policies.findIndex((q) => q.id === id);
    if (k < 0) throw new CliError(`${flag} ${id}: no policy with id ${JSON.stringify(id)} in ${file}; its policies are ${ids.join(', ') || 'none'}`, EXIT_USAGE);
    return k;
  };
  for (const [flag, ids, enabled] of [['--enable', overrides.enable, true], ['--disable', overrides.disable, false]] as const) {
    for (const id of ids ?? []) {
      const k = policyIndex(id, flag);
      policies[k].enabled = enabled;
      origins.push({ path: ['policies', k, 'enabled'], flag: `${flag} ${id}` });
    }
  }

  for (const assignment of overrides.set ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new CliError(`--set ${assignment}: expected path=value, e.g. --set behaviour.detention_days=5`, EXIT_USAGE);
    const path = assignment.slice(0, eq).split('.');
    let value: unknown;
    try {
      value = parseYaml(assignment.slice(eq + 1));
    } catch (error) {
      throw new CliError(`--set ${assignment}: the value is not readable (${(error as Error).message.split('\n')[0]})`, EXIT_USAGE);
    }
    let target: Json;
    let schema: Json | undefined;
    let rest: string[];
    let at: (string | number)[];
    if (path[0] === 'policies') {
      if (path.length < 3) throw new CliError(`--set ${assignment}: address a policy field as policies.<id>.<field>`, EXIT_USAGE);
      const k = policyIndex(path[1], '--set');
      target = policies[k];
      at = ['policies', k];
      const type = POLICY_TYPES[String(target.type)];
      const common = (SCENARIO_SCHEMA.properties.policies.items.properties as Json) ?? {};
      schema = { properties: { ...common, ...(type?.properties ?? {}) } };
      rest = path.slice(2);
    } else {
      target = out;
      schema = SCENARIO_SCHEMA as unknown as Json;
      rest = path;
      at = [];
    }
    origins.push({ path: [...at, ...rest], flag: `--set ${assignment}` });
    for (let k = 0; k < rest.length; k++) {
      const key = rest[k];
      const sub = childSchema(schema, key);
      if (sub === undefined) {
        const known = Object.keys((schema?.properties as Json) ?? {});
        throw new CliError(
          `--set ${assignment}: unknown field ${JSON.stringify(key)}${k > 0 || path[0] === 'policies' ? ` in ${path.slice(0, path.length - rest.length + k).join('.')}` : ''}` +
            (known.length > 0 ? `; expected one of ${known.join(', ')}` : ''),
          EXIT_USAGE,
        );
      }
      if (k === rest.length - 1) target[key] = value;
      else {
        if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {};
        target = target[key] as Json;
      }
      schema = sub;
    }
  }
  return { merged: out, origins };
}

/** The schema of field `key` inside `schema`, or undefined when the schema has no such field. */
function childSchema(schema: Json | undefined, key: string): Json | undefined {
  if (!schema) return undefined;
  const props = schema.properties as Json | undefined;
  if (props && key in props) return (props[key] as Json) ?? {};
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties as Json;
  // Fields that depend on another (a distribution's median exists when dist is lognormal) sit
  // in if/then branches; any branch's field is addressable, and validation then checks the mix.
  for (const branch of (schema.allOf as Json[] | undefined) ?? []) {
    const then = branch.then as Json | undefined;
    const sub = then ? childSchema({ properties: then.properties }, key) : undefined;
    if (sub !== undefined) return sub;
  }
  return undefined;
}
