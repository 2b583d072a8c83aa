import { InputError } from './errors.js';

/**
 * JSON.parse with an error that names the file and the line and column, and that accepts the
 * UTF-8 byte-order mark some Windows GIS tools write.
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new InputError([{ file, where: 'line 1', message: 'the file is empty; expected a JSON document' }]);
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(detail);
    const where = match ? lineAndColumn(body, Number(match[1])) : 'somewhere';
    throw new InputError([
      { file, where, message: `not valid JSON (${detail.replace(/\s*in JSON at position \d+.*$/, '')})` },
    ]);
  }
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
