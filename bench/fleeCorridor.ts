/**
 * Flee-format benchmark: loads a Flee input folder through the importer, creates N agents at
 * the origins on day 0, runs D days, and prints one JSON line with agentSteps, seconds and
 * agentStepsPerSecond, so other simulators can be timed side by side on the same graph.
 *
 *   npm run bench -- flee-corridor --agents N --days D [--scenario baseline|checkpoints|border] [--dir DIR]
 *
 * DIR defaults to the project's copy of the shared benchmark graph (tests/fixtures/flee-corridor).
 */
import { join } from 'node:path';
import { cpus } from 'node:os';
import { addDays } from '../src/core/dates.js';
import { streamKeys } from '../src/batch/runReplicate.js';
import { createStream } from '../src/core/rng.js';
import { createEngine } from '../src/engine/createEngine.js';
import { fleeToCorredor } from '../src/importers/flee/fleeToCorredor.js';
import { readFleeFolder } from '../src/importers/flee/readFleeFolder.js';
import { compileNetwork } from '../src/network/compileNetwork.js';
import { PLACE_KINDS } from '../src/network/modes.js';
import { parseNetwork } from '../src/network/parseNetwork.js';
import { Population } from '../src/population/population.js';
import { sampleDistribution } from '../src/population/sampleDistribution.js';
import { compileTimeline } from '../src/scenario/compileTimeline.js';
import { DEFAULT_BEHAVIOUR, DEFAULT_POPULATION, FLAT_SEASONALITY } from '../src/scenario/defaults.js';
import type { PolicySpec } from '../src/scenario/policies/policyType.js';
import type { Scenario } from '../src/scenario/scenario.js';
import { benchArgs, wholeNumber } from './benchArgs.js';

export function runFleeBenchmark(options: { dir: string; agents: number; days: number; seed?: number }) {
  const t0 = process.hrtime.bigint();
  const flee = readFleeFolder(options.dir);
  const imported = fleeToCorredor(flee);
  const net = compileNetwork(parseNetwork(JSON.stringify(imported.network), join(options.dir, 'network.geojson')));
  const start = flee.startDate;
  const end = addDays(start, options.days - 1);
  const policies = (imported.scenario.policies as Record<string, unknown>[]).map((p) => ({ ...p, to: p.to ?? end }) as PolicySpec);
  const origins = net.meta.placeIds.filter((_, p) => net.placeKind[p] === PLACE_KINDS.indexOf('origin'));
  const scenario: Scenario = {
    name: 'flee-benchmark',
    description: '',
    period: { start, end },
    demand: { perYear: 0, origins: origins.map((place) => ({ place, share: 1 })), seasonality: FLAT_SEASONALITY, caravans: [] },
    population: DEFAULT_POPULATION,
    behaviour: DEFAULT_BEHAVIOUR,
    seed: options.seed ?? 1,
    policies,
    headline: [],
  };
  const timeline = compileTimeline(policies, net, start, options.days, `${scenario.seed}:0`);
  // N agents at the origins on day 0, as the Flee benchmark prescribes (round-robin origins).
  const N = options.agents;
  const stream = createStream(`${scenario.seed}:0:population`);
  const originIndex = origins.map((id) => net.meta.placeIds.indexOf(id));
  const pop = new Population(N);
  for (let i = 0; i < N; i++) {
    pop.origin[i] = originIndex[i % originIndex.length];
    pop.leader[i] = i;
  }
  for (let i = 0; i < N; i++) pop.smuggler[i] = stream.double() < DEFAULT_POPULATION.smugglerAccess ? 1 : 0;
  for (let i = 0; i < N; i++) pop.budgetUsd[i] = sampleDistribution(DEFAULT_POPULATION.budgetUsd.withoutSmuggler, stream.double(), stream.double());
  for (let i = 0; i < N; i++) pop.riskAversion[i] = sampleDistribution(DEFAULT_POPULATION.riskAversion, stream.double(), stream.double());
  for (let i = 0; i < N; i++) pop.valueOfTimeUsdPerDay[i] = sampleDistribution(DEFAULT_POPULATION.valueOfTimeUsdPerDay, stream.double(), stream.double());
  pop.documentDraw.fill(1);
  const engine = createEngine(net, scenario, timeline, pop, streamKeys({ scenario, seed: scenario.seed, replicate: 0 }));
  const t1 = process.hrtime.bigint();
  while (engine.step());
  const t2 = process.hrtime.bigint();
  const seconds = Number(t2 - t1) / 1e9;
  const agentSteps = engine.tally.agentSteps.value;
  return {
    benchmark: 'flee-corridor',
    dir: options.dir,
    agents: N,
    days: options.days,
    agentSteps,
    setupSeconds: Number(t1 - t0) / 1e9,
    seconds,
    agentStepsPerSecond: Math.round(agentSteps / seconds),
    checksum: engine.tally.linkAgentKm.reduce((s, x) => s + x, 0),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const values = benchArgs('flee-corridor', {
    agents: { type: 'string', default: '100000' },
    days: { type: 'string', default: '300' },
    scenario: { type: 'string', default: 'baseline' },
    dir: { type: 'string' },
  });
  if (!['baseline', 'checkpoints', 'border'].includes(values.scenario!)) {
    console.error(`npm run bench -- flee-corridor: --scenario expects baseline, checkpoints or border; got ${values.scenario}`);
    process.exit(2);
  }
  const agents = wholeNumber('agents', values.agents);
  const days = wholeNumber('days', values.days);
  const dir = values.dir ?? join('tests', 'fixtures', 'flee-corridor', values.scenario!);
  console.log(JSON.stringify({ scenario: values.scenario, ...runFleeBenchmark({ dir, agents, days }) }));
}
