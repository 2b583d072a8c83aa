import { relative } from 'node:path';
import { daysBetween } from '../../core/dates.js';
import { loadScenario } from '../../scenario/loadScenario.js';
import type { Command } from '../command.js';
import { OVERRIDE_HELP, OVERRIDE_OPTIONS, overridesFrom } from '../overrideOptions.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a scenario file and the network it names',
  help: `Usage: corredor validate SCENARIO [--enable ID] [--disable ID] [--set PATH=VALUE]

Checks a scenario (format: docs/scenarios.md) with its "extends" chain and its network, and
prints what it would run: period, demand, policies and their dates. Every problem is listed
at once with file, field path (e.g. policies[2].from) and line and column.

Options:
${OVERRIDE_HELP}

Exit status: 0 only when the scenario is valid.
`,
  options: { ...OVERRIDE_OPTIONS },
  positionals: [1, 1],
  run(args, effects) {
    const loaded = loadScenario(args.positionals[0], overridesFrom(args), effects.readText);
    const s = loaded.scenario;
    const days = daysBetween(s.period.start, s.period.end) + 1;
    const lines = [
      `${s.name}: valid (${loaded.file})`,
      `  ${s.description}`,
      `  network   ${relative(process.cwd(), loaded.merged.network as string)} (${loaded.network.places.length} places, ${loaded.network.links.length} links)`,
      `  period    ${s.period.start} to ${s.period.end} (${days} days); seed ${s.seed}`,
      `  demand    ${s.demand.perYear} a year${s.demand.byYear ? ` (by year: ${Object.entries(s.demand.byYear).map(([y, v]) => `${y} ${v}`).join(', ')})` : ''} from ${s.demand.origins.length} origins; ${s.demand.caravans.length} caravans`,
      `  policies  ${s.policies.length === 0 ? 'none' : ''}`,
      ...s.policies.map((p) => `    ${p.enabled ? '+' : '-'} ${p.id} (${p.type}) ${p.from} to ${p.to}${p.enabled ? '' : ', disabled'}`),
      `  hash      ${loaded.hash}`,
    ];
    effects.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
