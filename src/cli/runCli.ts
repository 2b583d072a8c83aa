import { CliError, EXIT_BUG, EXIT_USAGE } from '../core/errors.js';
import { packageInfo } from '../core/packageInfo.js';
import { parseCommandArgs, type Command } from './command.js';
import type { Effects } from './effects.js';

/** Commands load lazily, so `corredor --help` does not pay for the simulator's imports. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  network: {
    summary: 'validate a network file and summarise it',
    load: async () => (await import('./commands/network.js')).networkCommand,
  },
  validate: {
    summary: 'check a scenario file and the network it names',
    load: async () => (await import('./commands/validate.js')).validateCommand,
  },
  run: {
    summary: 'run replicates of a scenario on worker threads and summarise them',
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  compare: {
    summary: 'paired comparison of scenarios against the first, with common random numbers',
    load: async () => (await import('./commands/compare.js')).compareCommand,
  },
  sweep: {
    summary: 'run a scenario over a grid of one or two parameters',
    load: async () => (await import('./commands/sweep.js')).sweepCommand,
  },
  merge: {
    summary: 'combine the outputs of shards (run --shard k/N) into one result',
    load: async () => (await import('./commands/merge.js')).mergeCommand,
  },
  explain: {
    summary: 'why travellers choose the routes they do: each candidate route’s cost, component by component',
    load: async () => (await import('./commands/explain.js')).explainCommand,
  },
  calibrate: {
    summary: 'fit parameters to observed figures by rejection ABC, reproducibly from a seed',
    load: async () => (await import('./commands/calibrate.js')).calibrateCommand,
  },
  report: {
    summary: 'one self-contained HTML report (map and charts) of a run, compare or sweep folder',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  'import-flee': {
    summary: 'convert a Flee input folder into a corredor network and scenario',
    load: async () => (await import('./commands/importFlee.js')).importFleeCommand,
  },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'corredor: agent-based migration route simulator for the southern border corridor of Mexico',
    '',
    'Usage: corredor <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    '  -h, --help   show the command\'s help',
    '  --debug      show stack traces of internal errors',
    '',
    'Run "corredor <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

/**
 * Runs one command line and returns the exit code. User errors (CliError) print their message;
 * anything else is a bug in corredor and prints one line, with the stack only under --debug.
 */
export async function runCli(argv: readonly string[], effects: Effects): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      if (name === 'help' && rest[0] && COMMANDS[rest[0]]) return await runCli([rest[0], '--help'], effects);
      effects.stdout(mainHelp());
      return name === undefined ? EXIT_USAGE : 0;
    }
    if (name === '--version') {
      effects.stdout(`${packageInfo().version}\n`);
      return 0;
    }
    const entry = COMMANDS[name];
    if (!entry) {
      throw new CliError(`corredor: unknown command ${JSON.stringify(name)}; expected one of ${Object.keys(COMMANDS).join(', ')}.\nRun "corredor --help" for usage.`, EXIT_USAGE);
    }
    const command = await entry.load();
    const args = parseCommandArgs(command, rest);
    if (args === 'help') {
      effects.stdout(command.help);
      return 0;
    }
    return await command.run(args, effects);
  } catch (error) {
    if (error instanceof CliError) {
      effects.stderr(`${error.message}\n`);
      if (debug && error.stack) effects.stderr(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    effects.stderr(`corredor: internal error: ${message}\n`);
    effects.stderr(debug && error instanceof Error ? `${error.stack}\n` : 'This is a bug in corredor. Run again with --debug for the stack trace and report it.\n');
    return EXIT_BUG;
  }
}
