import { daysBetween, epochDay, yearMonthOf } from '../core/dates.js';
import { createStream } from '../core/rng.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import type { Scenario } from '../scenario/scenario.js';
import { Population } from './population.js';
import { sampleDistribution } from './sampleDistribution.js';

/**
 * Draws the population of one replicate from the scenario's demand. Arrival counts are
 * deterministic (the expected arrivals, rounded on the running total so no fraction of a person
 * is lost); origins and attributes are drawn from the stream keyed `key` (seed, replicate and
 * "population"), in agent order, with a fixed number of draws per agent.
 */
export function createPopulation(scenario: Scenario, net: CompiledNetwork, key: string): Population {
  const days = daysBetween(scenario.period.start, scenario.period.end) + 1;
  const { demand, population } = scenario;
  const placeIndex = new Map(net.meta.placeIds.map((id, i) => [id, i]));
  // Typed arrays, whose hidden class is always the same: an array made by `map` got one kind
  // of elements from the builtin and another from the optimised code that inlines it, and the
  // draw loop's code was thrown away when it met the other ("wrong map").
  const originPlaces = Uint32Array.from(demand.origins, (o) => placeIndex.get(o.place)!);
  const shareTotal = demand.origins.reduce((s, o) => s + o.share, 0);
  const cumulativeShare = Float64Array.from(demand.origins, (_, k) => demand.origins.slice(0, k + 1).reduce((s, o) => s + o.share, 0) / shareTotal);
  const seasonMean = demand.seasonality.reduce((s, w) => s + w, 0) / 12;

  // Arrivals per day, then caravans appended to their day.
  const perDay = new Uint32Array(days);
  let expected = 0;
  let placed = 0;
  for (let d = 0; d < days; d++) {
    const { year, month } = yearMonthOf(scenario.period.start, d);
    const volume = demand.byYear?.[String(year)] ?? demand.perYear;
    const daysInYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
    expected += (volume / daysInYear) * (demand.seasonality[month] / seasonMean);
    const target = Math.round(expected);
    perDay[d] = target - placed;
    placed = target;
  }
  const caravanDay = demand.caravans.map((c) => epochDay(c.date) - epochDay(scenario.period.start));
  let count = placed;
  demand.caravans.forEach((c, k) => {
    if (caravanDay[k] >= 0 && caravanDay[k] < days) count += c.size;
  });

  const pop = new Population(count);
  const stream = createStream(key);
  const u = new Float64Array(DRAWS_PER_AGENT);
  let i = 0;
  for (let d = 0; d < days; d++) {
    for (let n = 0; n < perDay[d]; n++, i++) {
      stream.fill(u, DRAWS_PER_AGENT);
      pop.arrivalDay[i] = d;
      let k = 0;
      while (k < cumulativeShare.length - 1 && u[0] >= cumulativeShare[k]) k++;
      pop.origin[i] = originPlaces[k];
      pop.leader[i] = i;
      drawAttributes(pop, i, population, u);
    }
    demand.caravans.forEach((c, k) => {
      if (caravanDay[k] !== d) return;
      const first = i;
      for (let n = 0; n < c.size; n++, i++) {
        // u[0], the origin draw every agent takes, is unused: caravans have theirs.
        stream.fill(u, DRAWS_PER_AGENT);
        pop.arrivalDay[i] = d;
        pop.origin[i] = placeIndex.get(c.origin)!;
        pop.leader[i] = first;
        drawAttributes(pop, i, population, u);
      }
    });
  }
  return pop;
}

/**
 * The uniforms an agent takes, in order: its origin, its access to smugglers, two for each of
 * its four distributions (both budgets, risk aversion, value of time) and its card draw. Drawn
 * as one block (`Stream.fill`), the same numbers as drawing them one by one.
 */
const DRAWS_PER_AGENT = 11;

/**
 * Agent i's attributes, from its block of uniforms `u`. A function of the module, not a
 * closure made in each createPopulation: V8 compiled a new closure's code again in every
 * replicate.
 */
function drawAttributes(pop: Population, i: number, population: Scenario['population'], u: Float64Array): void {
  pop.smuggler[i] = u[1] < population.smugglerAccess ? 1 : 0;
  // Both budgets' uniforms are drawn, so an agent's later draws do not depend on its access
  // to smugglers; only the budget it has is computed.
  pop.budgetUsd[i] = pop.smuggler[i]
    ? sampleDistribution(population.budgetUsd.withSmuggler, u[2], u[3])
    : sampleDistribution(population.budgetUsd.withoutSmuggler, u[4], u[5]);
  pop.riskAversion[i] = sampleDistribution(population.riskAversion, u[6], u[7]);
  pop.valueOfTimeUsdPerDay[i] = sampleDistribution(population.valueOfTimeUsdPerDay, u[8], u[9]);
  pop.documentDraw[i] = u[10];
}
