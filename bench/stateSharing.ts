/**
 * How many agents on their way share their state with others: the measure of how much work a
 * day loop that moved groups instead of people would save (bench/RESULTS.md, "What would reach
 * them"). At the end of each day the agents in transit are counted, and counted again as
 * distinct positions (place, route, position on it, distance into the link) and as distinct
 * states (the position, and an injury, a visitor card, the attempt and the version of the
 * beliefs their route was chosen under). Money, which every agent has its own of, and what a
 * shelter told them are left out. Prints one JSON line; a benchmark of the model, not of speed.
 *
 *   npm run bench -- state-sharing [--scenario scenarios/guardia-nacional-2019.yaml] [--replicate 0] [--per-year N] [--days D]
 */
import { IN_TRANSIT } from '../src/engine/agentStates.js';
import { benchArgs, wholeNumber } from './benchArgs.js';
import { createBenchEngine, loadBenchScenario } from './benchScenario.js';

const values = benchArgs('state-sharing', {
  scenario: { type: 'string', default: 'scenarios/guardia-nacional-2019.yaml' },
  replicate: { type: 'string', default: '0' },
  'per-year': { type: 'string' },
  days: { type: 'string' },
});
const replicate = wholeNumber('replicate', values.replicate, 0);
const bench = loadBenchScenario(values.scenario!, values['per-year'], values.days);
const { pop, engine } = createBenchEngine(bench, replicate);
const a = engine.agents;
let agentDays = 0;
let positions = 0;
let states = 0;
let largestGroup = 0;
while (engine.step()) {
  const day = engine.day - 1;
  const byPosition = new Set<string>();
  const byState = new Map<string, number>();
  for (let i = 0; i < pop.count; i++) {
    if (a.state[i] !== IN_TRANSIT) continue;
    agentDays++;
    const position = `${a.place[i]},${a.route[i]},${a.routePos[i]},${a.progressKm[i]}`;
    byPosition.add(position);
    const key = `${position},${a.injuredUntil[i] > day ? 1 : 0},${a.documented[i]},${a.attempts[i]},${a.planVersion[i]}`;
    const n = (byState.get(key) ?? 0) + 1;
    byState.set(key, n);
    if (n > largestGroup) largestGroup = n;
  }
  positions += byPosition.size;
  states += byState.size;
}
console.log(
  JSON.stringify({
    scenario: bench.scenario.name,
    replicate,
    agents: pop.count,
    days: bench.days,
    agentDaysInTransit: agentDays,
    distinctPositions: positions,
    distinctStates: states,
    agentsPerPosition: Number((agentDays / positions).toFixed(2)),
    agentsPerState: Number((agentDays / states).toFixed(2)),
    largestGroup,
  }),
);
