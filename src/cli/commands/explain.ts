import { CliError, EXIT_USAGE } from '../../core/errors.js';
import { isIsoDate } from '../../core/dates.js';
import { explainRoutes, type ExplainedRoute } from '../../engine/explainRoutes.js';
import { medianOf } from '../../population/sampleDistribution.js';
import { loadScenario } from '../../scenario/loadScenario.js';
import type { Command } from '../command.js';
import { OVERRIDE_HELP, OVERRIDE_OPTIONS, overridesFrom } from '../overrideOptions.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'why travellers choose the routes they do: each candidate route’s cost, component by component',
  help: `Usage: corredor explain SCENARIO [SCENARIO2] --from PLACE [--day YYYY-MM-DD] [--smuggler] [--json]

Lists the candidate routes from PLACE to the destinations, as the engine generates them, and
for each its generalised cost in USD, component by component (money, time, robbery, injury,
death, interception), for the median traveller of the scenario who knows that day's
enforcement, with the logit probability of choosing it. With SCENARIO2 the same routes are
costed under both, with the change of each component: that is why flows shift.

Options:
  --from PLACE   place id where the traveller stands (e.g. tapachula)
  --day DATE     the day whose policies apply (default: the last day of the period)
  --smuggler     a traveller who can pay a smuggler (median budget of those who can)
  --json         print JSON instead of a table
${OVERRIDE_HELP}
`,
  options: { from: { type: 'string' }, day: { type: 'string' }, smuggler: { type: 'boolean' }, json: { type: 'boolean' }, ...OVERRIDE_OPTIONS },
  positionals: [1, 2],
  run(args, effects) {
    const from = args.values.from;
    if (typeof from !== 'string') throw new CliError('corredor explain: missing --from PLACE, the place id where the traveller stands (e.g. --from tapachula)', EXIT_USAGE);
    const day = args.values.day as string | undefined;
    if (day !== undefined && !isIsoDate(day)) throw new CliError(`corredor explain: --day expects a date as YYYY-MM-DD; got ${JSON.stringify(day)}`, EXIT_USAGE);
    const loaded = args.positionals.map((f) => loadScenario(f, overridesFrom(args), effects.readText));
    const place = loaded[0].compiled.meta.placeIds.indexOf(from);
    if (place < 0) throw new CliError(`corredor explain: --from ${from}: no place with that id in ${loaded[0].network.file}; "corredor network FILE --json" lists them`, EXIT_USAGE);
    const smuggler = args.values.smuggler === true;
    const pop = loaded[0].scenario.population;
    const who = {
      budgetUsd: medianOf(smuggler ? pop.budgetUsd.withSmuggler : pop.budgetUsd.withoutSmuggler),
      riskAversion: medianOf(pop.riskAversion),
      valueOfTimeUsdPerDay: medianOf(pop.valueOfTimeUsdPerDay),
    };
    const explained = loaded.map((l) => explainRoutes(l.compiled, l.scenario, place, day ?? l.scenario.period.end, who, smuggler));
    // Same network and place: the same candidate generator, but closures can change the set;
    // routes are matched by the places they pass.
    const key = (r: ExplainedRoute) => r.places.join('>');
    const second = new Map((explained[1] ?? []).map((r) => [key(r), r]));
    if (args.values.json === true) {
      effects.stdout(JSON.stringify({ from, day: day ?? null, traveller: who, scenarios: loaded.map((l, k) => ({ name: l.scenario.name, routes: explained[k] })) }, null, 2) + '\n');
      return 0;
    }
    const names = loaded.map((l) => l.scenario.name);
    const lines = [
      `Routes from ${from}${day ? ` on ${day}` : ' on the last day of the period'}: a traveller with US$${who.budgetUsd} (${smuggler ? 'can pay' : 'cannot pay'} a smuggler), risk aversion ${who.riskAversion}, time worth US$${who.valueOfTimeUsdPerDay}/day, who knows the day's enforcement.`,
      `Costs in USD: money, time, robbery, injury, death, interception = total; P = choice probability.${names[1] ? ` Second line: ${names[1]}, with the change from ${names[0]}.` : ''}`,
      '',
    ];
    const components = ['moneyUsd', 'timeUsd', 'robberyUsd', 'injuryUsd', 'deathUsd', 'interceptionUsd', 'totalUsd'] as const;
    const row = (r: ExplainedRoute, base?: ExplainedRoute) =>
      components.map((c) => `${Math.round(r.cost[c])}${base ? `(${signed(r.cost[c] - base.cost[c])})` : ''}`).join(' ') + `  P=${(100 * r.choiceProbability).toFixed(1)}%${base ? `(${signed(100 * (r.choiceProbability - base.choiceProbability), 1)})` : ''}`;
    explained[0].forEach((r, k) => {
      const modes = Object.entries(r.kmByMode).map(([m, km]) => `${m} ${Math.round(km)} km`).join(', ');
      lines.push(`${k + 1}. ${r.places.join(' > ')}${r.usesSmuggler ? ' [smuggler]' : ''}`, `   ${modes}`, `   ${names[0]}: ${row(r)}`);
      const other = second.get(key(r));
      if (names[1]) lines.push(other ? `   ${names[1]}: ${row(other, r)}` : `   ${names[1]}: not a candidate (closed or displaced by other routes)`);
    });
    effects.stdout(lines.join('\n') + '\n');
    return 0;
  },
};

function signed(x: number, digits = 0): string {
  const t = x.toFixed(digits);
  return x > 0 ? `+${t}` : t;
}
