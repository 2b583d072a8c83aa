import { dirname, relative, resolve } from 'node:path';
import { CliError, InputError } from '../core/errors.js';
import { isJsonObject } from '../core/parseJsonText.js';
import { readInput } from '../network/loadNetwork.js';
import { readScenarioFile, type ScenarioText } from './readScenarioFile.js';

type Json = Record<string, unknown>;

export interface ScenarioChain {
  /** The merged content, child over parents; `network` is an absolute path. */
  readonly merged: Json;
  /** The files read, the named scenario first, then its parents. */
  readonly texts: readonly ScenarioText[];
}

/**
 * Reads a scenario and the chain of scenarios it `extends`, and deep-merges them: objects merge
 * key by key, lists are replaced, except `policies`, which merge by `id` (a child's policy with
 * a parent's id changes only the fields it names). Paths are relative to the file that names
 * them: `extends` and `network` are resolved against their own file's folder.
 */
export function resolveExtends(file: string, readText?: (file: string) => string): ScenarioChain {
  const texts: ScenarioText[] = [];
  const visit = (path: string, stack: string[]): Json => {
    const absolute = resolve(path);
    if (stack.includes(absolute)) {
      const cycle = [...stack.slice(stack.indexOf(absolute)), absolute].map((f) => relative(process.cwd(), f) || f);
      throw new CliError(`${cycle[0]}: circular "extends": ${cycle.join(' -> ')}; a scenario cannot extend itself through its parents`);
    }
    const text = readScenarioFile(readInput(path, readText), path);
    texts.push(text);
    if (typeof text.data !== 'object' || text.data === null || Array.isArray(text.data)) {
      throw new InputError([{ file: path, where: 'top level', message: 'expected a mapping of scenario fields (name, network, period, ...)' }]);
    }
    const own = { ...(text.data as Json) };
    if (typeof own.network === 'string') own.network = resolve(dirname(absolute), own.network);
    const parentName = own.extends;
    delete own.extends;
    if (typeof parentName !== 'string') return own;
    const parent = visit(resolve(dirname(absolute), parentName), [...stack, absolute]);
    return mergeScenario(parent, own);
  };
  const merged = visit(file, []);
  return { merged, texts };
}

export function mergeScenario(parent: Json, child: Json): Json {
  const out: Json = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    if (key === 'policies' && Array.isArray(value) && Array.isArray(parent.policies)) out.policies = mergePolicies(parent.policies, value);
    else out[key] = isJsonObject(value) && isJsonObject(parent[key]) ? mergeScenario(parent[key] as Json, value) : value;
  }
  return out;
}

function mergePolicies(parent: unknown[], child: unknown[]): unknown[] {
  const out = [...parent];
  for (const p of child) {
    const id = isJsonObject(p) ? p.id : undefined;
    const at = out.findIndex((q) => isJsonObject(q) && id !== undefined && q.id === id);
    if (at >= 0 && isJsonObject(p)) out[at] = mergeScenario(out[at] as Json, p);
    else out.push(p);
  }
  return out;
}

