import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT_USAGE } from '../core/errors.js';
import type { Effects } from './effects.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One CLI command: its help text, its flags, and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines and flag descriptions, printed by `corredor <name> --help`. */
  readonly help: string;
  readonly options: Options;
  /** How many positional arguments it takes: [min, max]. */
  readonly positionals: readonly [number, number];
  run(args: ParsedArgs, effects: Effects): Promise<number> | number;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: readonly string[];
}

/** Parses a command's arguments strictly; every mistake becomes a usage error with a hint. */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new CliError(`corredor ${command.name}: ${message}\nRun "corredor ${command.name} --help" for usage.`, EXIT_USAGE);
  }
  if (parsed.values.help) return 'help';
  const [min, max] = command.positionals;
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new CliError(
      `corredor ${command.name}: expected ${expected} argument${max === 1 ? '' : 's'}, got ${n}` +
        (n > 0 ? ` (${parsed.positionals.join(' ')})` : '') +
        `\nRun "corredor ${command.name} --help" for usage.`,
      EXIT_USAGE,
    );
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}
