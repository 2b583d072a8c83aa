import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from './errors.js';

/**
 * JSON.parse with an error that names the file, line and column, and that accepts the UTF-8
 * byte-order mark some Windows GIS tools write. V8's own message carries no position for many
 * errors, so on failure the text is re-read by jsonc-parser (VS Code's scanner), which reports
 * every syntax error with its offset.
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new InputError([{ file, where: 'line 1', message: 'the file is empty; expected a JSON document' }]);
  }
  const depth = nestingDepth(body);
  if (depth > MAX_DEPTH) {
    throw new InputError([{ file, where: 'whole file', message: `nested ${depth} levels deep; expected at most ${MAX_DEPTH} (a network or scenario needs fewer than 10)` }]);
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(body, errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length === 0) {
      // jsonc-parser accepted what V8 rejected (e.g. a lone surrogate): report V8's words.
      throw new InputError([{ file, where: 'somewhere', message: `not valid JSON (${(error as Error).message})` }]);
    }
    // Only the first syntax error: the ones after it are usually its echoes.
    const e = errors[0];
    const found = body.slice(e.offset, e.offset + Math.max(1, Math.min(e.length, 20)));
    throw new InputError([
      {
        file,
        where: lineAndColumn(body, e.offset),
        message: `not valid JSON: ${describeJsonError(printParseErrorCode(e.error))}, found ${found === '' ? 'the end of the file' : JSON.stringify(found)}`,
      },
    ]);
  }
}

/**
 * Files nested deeper than this are refused before parsing: validators and parsers recurse,
 * and a few hundred thousand brackets would overflow the stack instead of giving a message.
 */
export const MAX_DEPTH = 1000;

/**
 * Deepest nesting of [ and { outside quoted strings, in one pass. With `yaml`, single quotes
 * also quote and # starts a comment; an apostrophe in plain text can only hide brackets, so
 * the count errs low, never refusing a reasonable file.
 */
export function nestingDepth(text: string, yaml = false): number {
  let depth = 0;
  let deepest = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 && quote === 34) i++; // backslash in "...": skip the escaped character
      else if (c === quote) quote = 0;
    } else if (c === 34 || (yaml && c === 39)) quote = c;
    else if (yaml && c === 35) while (i < text.length && text.charCodeAt(i) !== 10) i++;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

function describeJsonError(code: string): string {
  // "CloseBraceExpected" -> "close brace expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** A JSON object (not an array, not null): what a parsed document's records must be. */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
