import { LineCounter, parseDocument, type Document } from 'yaml';
import { InputError } from '../core/errors.js';
import { MAX_DEPTH, nestingDepth } from '../core/parseJsonText.js';

/** A scenario file's content, with a way back from a field path to its line and column. */
export interface ScenarioText {
  readonly file: string;
  readonly data: unknown;
  /** "line L, column C" of the value at `path`, or undefined when the file does not hold it. */
  locate(path: readonly (string | number)[]): string | undefined;
}

/**
 * Parses a scenario file, YAML or JSON (JSON is YAML). Safe by construction: plain data only.
 * Custom tags are refused rather than resolved, aliases are capped (so an alias "bomb" fails
 * fast instead of expanding), duplicate keys are errors, and nothing in a file can name code
 * to load.
 */
export function readScenarioFile(text: string, file: string): ScenarioText {
  const lineCounter = new LineCounter();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const depth = nestingDepth(body, true);
  if (depth > MAX_DEPTH) {
    throw new InputError([{ file, where: 'whole file', message: `nested ${depth} levels deep; expected at most ${MAX_DEPTH} (a scenario needs fewer than 10)` }]);
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(body, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true, schema: 'core' });
  } catch (error) {
    throw new InputError([{ file, where: 'whole file', message: `not readable as YAML (${(error as Error).message})` }]);
  }
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const problems = [
    ...doc.errors.map((e) => ({ file, where: where(e.pos[0]), message: `YAML syntax error: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` })),
    ...doc.warnings
      .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
      .map((w) => ({ file, where: where(w.pos[0]), message: 'custom YAML tags are not allowed in scenario files; write plain values' })),
  ];
  if (problems.length > 0) throw new InputError(problems);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError([{ file, where: 'whole file', message: `${(error as Error).message}; scenario files may not expand aliases that much` }]);
  }
  if (data === null || data === undefined) throw new InputError([{ file, where: 'line 1', message: 'the file is empty; expected a scenario (name, network, period, seed, demand, ...)' }]);
  return {
    file,
    data,
    locate(path) {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return node?.range ? where(node.range[0]) : undefined;
    },
  };
}
