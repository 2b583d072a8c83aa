/**
 * User-facing errors. Anything thrown that is not a CliError is a bug in corredor and is
 * reported as one line plus the stack under `--debug` (see cli/main.ts).
 */

/** One thing wrong with one input, located as precisely as the parser allows. */
export interface Problem {
  /** The file the problem is in, as the user named it. */
  readonly file: string;
  /** Where in the file: a feature, a field path, a CSV row, a line:column. */
  readonly where: string;
  /** What was expected and what was found, ideally with how to fix it. */
  readonly message: string;
}

/** Exit codes: 1 for bad input data, 2 for a bad command line (the usual Unix split). */
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
/** A bug in corredor, not in what it was given: EX_SOFTWARE from sysexits.h. */
export const EXIT_BUG = 70;

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_INPUT) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Every problem found in one input, reported in one go so users fix them in one pass. */
const MAX_SHOWN = 50;

export class InputError extends CliError {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], headline?: string) {
    const count = problems.length;
    const head = headline ?? `${count} problem${count === 1 ? '' : 's'} found`;
    // A badly broken file can yield thousands of problems; the first ones say what is wrong.
    const shown = problems.slice(0, MAX_SHOWN).map(formatProblem);
    if (count > MAX_SHOWN) shown.push(`  ... and ${count - MAX_SHOWN} more`);
    super([head + ':', ...shown].join('\n'), EXIT_INPUT);
    this.name = 'InputError';
    this.problems = problems;
  }
}

export function formatProblem(p: Problem): string {
  return `  ${p.file}: ${p.where}: ${p.message}`;
}

/** Collects problems while a validator walks an input, then throws them all at once. */
export class ProblemList {
  readonly items: Problem[] = [];
  constructor(readonly file: string) {}
  add(where: string, message: string): void {
    this.items.push({ file: this.file, where, message });
  }
  get size(): number {
    return this.items.length;
  }
  throwIfAny(headline?: string): void {
    if (this.items.length > 0) throw new InputError(this.items, headline);
  }
}

/** Shows a value in an error message without dumping megabytes of it. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
