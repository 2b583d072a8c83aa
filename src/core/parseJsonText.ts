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
