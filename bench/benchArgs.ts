/**
 * A benchmark's command line, read as strictly as the CLI reads its flags. An unknown option,
 * or a count that is not a whole number, stops the benchmark with a message naming the option
 * and what it expects (exit code 2), and a bad input file with the loader's own message (exit
 * code 1), never a stack trace or a run on NaN. Anything else is a bug in the benchmark and
 * keeps its stack (exit code 70, as the CLI's bugs).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT_BUG, EXIT_USAGE } from '../src/core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options of benchmark `bench` (its name after `npm run bench --`). */
export function benchArgs<O extends Options>(bench: string, options: O) {
  process.on('uncaughtException', (error) => {
    if (error instanceof CliError) {
      process.stderr.write(`npm run bench -- ${bench}: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`npm run bench -- ${bench}: internal error (a bug in the benchmark):\n${error.stack ?? String(error)}\n`);
    process.exit(EXIT_BUG);
  });
  try {
    return parseArgs({ options, strict: true }).values;
  } catch (error) {
    // node:util's messages name the option ("Unknown option '--dayz'"); the list says what it could be.
    const known = Object.keys(options).map((o) => `--${o}`).join(', ');
    throw new CliError(`${(error as Error).message}\nIts options: ${known}.`, EXIT_USAGE);
  }
}

/** Option `name`'s value as a whole number of at least `min`. */
export function wholeNumber(name: string, text: string | undefined, min = 1): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new CliError(`--${name} expects a whole number >= ${min}; got ${JSON.stringify(text ?? '')}`, EXIT_USAGE);
  }
  return n;
}

/** Option `name`'s value as a comma-separated list of whole numbers of at least `min`. */
export function wholeNumbers(name: string, text: string | undefined, min = 1): number[] {
  const parts = (text ?? '').split(',');
  if (parts.some((p) => !Number.isInteger(Number(p)) || p.trim() === '' || Number(p) < min)) {
    throw new CliError(`--${name} expects whole numbers >= ${min} separated by commas, e.g. 1,2; got ${JSON.stringify(text ?? '')}`, EXIT_USAGE);
  }
  return parts.map(Number);
}
