import type { ErrorObject } from 'ajv';
import { show } from './errors.js';

/**
 * Turns Ajv's errors into sentences a user can act on: the field that is wrong, what was
 * expected, and what was found. `locate` maps a JSON pointer (e.g. /features/3/properties/mode)
 * to a human location (e.g. `features[3] (link "a--b--road") properties.mode`).
 */
export function schemaProblems(
  errors: readonly ErrorObject[] | null | undefined,
  data: unknown,
  locate: (pointer: string[]) => string,
): { where: string; message: string }[] {
  const out: { where: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // `if` only says "must match then schema"; the errors inside `then` say what is wrong.
    if (e.keyword === 'if') continue;
    const pointer = e.instancePath.split('/').slice(1).map(unescapePointer);
    let field = pointer;
    if (e.keyword === 'required') field = [...pointer, String(e.params.missingProperty)];
    if (e.keyword === 'additionalProperties') field = [...pointer, String(e.params.additionalProperty)];
    const value = valueAt(data, pointer);
    const message = describe(e, value);
    const where = locate(field);
    const key = where + '\u0000' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ where, message });
  }
  return out;
}

function describe(e: ErrorObject, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'missing; this field is required';
    case 'additionalProperties':
      return 'unknown field; check its spelling against the documentation';
    case 'enum':
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}; got ${show(value)}`;
    case 'const':
      return `expected ${show(p.allowedValue)}; got ${show(value)}`;
    case 'type':
      return `expected ${article(String(p.type))}; got ${show(value)}`;
    case 'minimum':
      return `expected a number >= ${p.limit}; got ${show(value)}`;
    case 'maximum':
      return `expected a number <= ${p.limit}; got ${show(value)}`;
    case 'exclusiveMinimum':
      return `expected a number > ${p.limit}; got ${show(value)}`;
    case 'exclusiveMaximum':
      return `expected a number < ${p.limit}; got ${show(value)}`;
    case 'minItems':
      return `expected at least ${p.limit} items; got ${Array.isArray(value) ? value.length : show(value)}`;
    case 'maxItems':
      return `expected at most ${p.limit} items; got ${Array.isArray(value) ? value.length : show(value)}`;
    case 'minLength':
      return p.limit === 1 ? 'expected a non-empty string' : `expected at least ${p.limit} characters`;
    case 'maxLength':
      return `expected at most ${p.limit} characters; got ${typeof value === 'string' ? value.length : '?'}`;
    case 'pattern':
      return `expected a value matching ${p.pattern}; got ${show(value)}`;
    default:
      return `${e.message ?? 'is invalid'}; got ${show(value)}`;
  }
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'integer' || t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`));
  return words.join(' or ');
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function valueAt(data: unknown, pointer: readonly string[]): unknown {
  let v: unknown = data;
  for (const part of pointer) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
