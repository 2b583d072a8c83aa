import { describe, expect, it } from 'vitest';
import { runReplicate, streamKeys, type RunSpec } from '../../src/batch/runReplicate.js';
import { CandidatePool, createCandidateRoutes } from '../../src/engine/candidateRoutes.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { explainRouteCost } from '../../src/engine/routeCost.js';
import { compileNetwork } from '../../src/network/compileNetwork.js';
import { createRouter } from '../../src/network/createRouter.js';
import { parseNetwork } from '../../src/network/parseNetwork.js';
import { createPopulation } from '../../src/population/createPopulation.js';
import { constantTimeline, neutralPolicyState, type PolicyState, type PolicyTimeline } from '../../src/scenario/policyTimeline.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { collection, link, place } from '../arbitraries/networks.js';
import { scenarioFor } from '../arbitraries/scenarios.js';

/** Hand-built graphs where the right answer is known. */

type P = [string, number, number];

function compile(features: Record<string, unknown>[]) {
  return compileNetwork(parseNetwork(JSON.stringify(collection(features)), 'tiny.geojson'));
}

const linkIndex = (net: ReturnType<typeof compile>, id: string) => net.meta.linkIds.indexOf(id);

/**
 * Origin o at (-92.0, 15.0), town m and destination d at the given coordinates, and the links
 * `links` draws between them (ids as `link` names them: from--to--mode).
 */
function chain(mAt: [number, number], dAt: [number, number], links: (o: P, m: P, d: P) => Record<string, unknown>[]) {
  const O: P = ['o', -92.0, 15.0];
  const M: P = ['m', ...mAt];
  const D: P = ['d', ...dAt];
  return compile([place('o', O[1], O[2], 'origin'), place('m', M[1], M[2]), place('d', D[1], D[2], 'destination'), ...links(O, M, D)]);
}

/** Mean and 95% CI half-width (normal approximation) of paired differences b - a. */
function pairedDifference(a: number[], b: number[]): { mean: number; lo: number; hi: number } {
  const d = a.map((x, i) => b[i] - x);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
  const half = (2.045 * sd) / Math.sqrt(d.length); // t(0.975, 29)
  return { mean, lo: mean - half, hi: mean + half };
}

describe('two routes: a cheap patrolled road and a remote dangerous trail', () => {
  // O -> M -> D by road (cheap, safe, patrolled on M -> D); O -> D on a remote trail with a
  // guide's fee, more robbery and more deaths.
  const net = chain([-92.3, 15.3], [-92.6, 15.6], (O, M, D) => [
    link(O, M, { cost_usd: 5, robbery: 0.01, injury: 0, death: 0 }),
    link(M, D, { cost_usd: 5, robbery: 0.01, injury: 0, death: 0 }),
    link(O, D, { mode: 'trail', remote: true, cost_usd: 100, robbery: 0.15, injury: 0.02, death: 0.002 }),
  ]);
  const road = linkIndex(net, 'm--d--road');
  const patrol = (q: number): PolicyState => {
    const s = neutralPolicyState(net);
    s.linkInterception[road] = q;
    return s;
  };
  // Caught agents are sent back to the origin and try again, as the default behaviour has it.
  const scenario: Scenario = scenarioFor(net, { perYear: 6000, days: 60, behaviour: { learning: false } });
  const run = (q: number, replicate: number) => runReplicate({ scenario, timeline: constantTimeline(patrol(q)), seed: 11, replicate }, net).metrics;

  it('should move choices to the remote route, with higher cost and hazard, when the patrol rises', () => {
    // Arrange: 30 paired replicates of about 1,000 agents, common random numbers.
    const R = 30;
    const low = Array.from({ length: R }, (_, r) => run(0.05, r));
    const high = Array.from({ length: R }, (_, r) => run(0.6, r));
    const diff = (k: string) => pairedDifference(low.map((m) => m[k]), high.map((m) => m[k]));
    // Act
    const remote = diff('remote_share');
    const cost = diff('mean_cost_usd');
    const robberies = diff('robberies_per_agent');
    const deaths = diff('deaths_per_1000');
    const deathsPerKm = diff('deaths_per_million_km');
    // Assert: every difference is positive and its 95% CI excludes zero.
    for (const [name, d] of Object.entries({ remote, cost, robberies, deaths, deathsPerKm })) {
      expect(d.lo, `${name}: ${JSON.stringify(d)}`).toBeGreaterThan(0);
    }
  });

  it('should explain the shift through the interception component of the road route', () => {
    const router = createRouter(net);
    const w = Float64Array.from(net.linkKm);
    w[linkIndex(net, 'o--d--trail')] = Infinity;
    const roadRoute = router.find(0 + net.meta.placeIds.indexOf('o'), net.meta.placeIds.indexOf('d'), w)!.arcs;
    const who = { budgetUsd: 500, riskAversion: 1, valueOfTimeUsdPerDay: 15 };
    const beliefsFor = (q: number) => ({
      interception: Float64Array.from({ length: net.arcCount }, (_, a) => (net.arcLink[a] === road ? q : 0)),
      robbery: Float64Array.from(net.linkRobbery),
      injury: Float64Array.from(net.linkInjury),
      death: Float64Array.from(net.linkDeath),
    });
    const before = explainRouteCost(net, roadRoute, who, patrol(0.05), beliefsFor(0.05), scenario.behaviour, net.modeSpeed);
    const after = explainRouteCost(net, roadRoute, who, patrol(0.6), beliefsFor(0.6), scenario.behaviour, net.modeSpeed);
    expect(after.interceptionUsd).toBeGreaterThan(before.interceptionUsd * 10);
    expect(after.moneyUsd).toBe(before.moneyUsd);
    expect(after.timeUsd).toBe(before.timeUsd);
    expect(after.totalUsd - before.totalUsd).toBeCloseTo(after.interceptionUsd - before.interceptionUsd, 9);
    expect(before.totals.interception).toBeCloseTo(0.05, 12);
  });
});

describe('deportation', () => {
  // g (Guatemala, origin) -> b (Guatemalan border town) -> x (Mexico) -> d (destination).
  const G: P = ['g', -91.0, 14.6];
  const B: P = ['b', -92.1, 14.7];
  const X: P = ['x', -92.3, 14.9];
  const Dd: P = ['d', -93.0, 15.5];
  const net = compileNetwork(
    parseNetwork(
      JSON.stringify(
        collection([
          place('g', G[1], G[2], 'origin', { country: 'GTM' }),
          place('b', B[1], B[2], 'border_crossing', { country: 'GTM' }),
          place('x', X[1], X[2], 'town', { country: 'MEX' }),
          place('d', Dd[1], Dd[2], 'destination', { country: 'MEX' }),
          link(G, B, { robbery: 0, injury: 0, death: 0 }),
          link(B, X, { robbery: 0, injury: 0, death: 0 }),
          link(X, Dd, { robbery: 0, injury: 0, death: 0 }),
        ]),
      ),
      'tiny.geojson',
    ),
  );

  it('should return a caught agent to its border, from where it tries again and arrives', () => {
    // Arrange: everyone is caught on x -> d for the first 15 days; then the road is open.
    const caught = neutralPolicyState(net);
    caught.linkInterception[net.meta.linkIds.indexOf('x--d--road')] = 1;
    const open = neutralPolicyState(net);
    const scenario = scenarioFor(net, {
      perYear: 365,
      days: 60,
      behaviour: { learning: false, deportation: { default: 'b' }, retryProbability: 1, maxAttempts: 5, detentionDays: 10 },
    });
    const spec: RunSpec = { scenario: { ...scenario, demand: { ...scenario.demand, perYear: 30 } }, timeline: { firstDays: [0, 15], states: [caught, open] }, seed: 3, replicate: 0 };
    const events: string[] = [];
    // Act
    const result = runReplicate(spec, net, (e) => {
      if (e.kind === 'probability' || e.agent !== 0) return;
      if (e.kind === 'relocate') events.push(`deported to ${net.meta.placeIds[e.place]} on day ${e.day}`);
      if (e.kind === 'enter') events.push(`entered ${net.meta.linkIds[net.arcLink[e.arc]]} on day ${e.day}`);
    });
    // Assert: agent 0 set out, was caught, was left at b, and went on from b.
    expect(events[0]).toMatch(/^entered g--b--road on day \d+$/);
    const deported = events.findIndex((e) => e.startsWith('deported to b'));
    expect(deported).toBeGreaterThan(0);
    expect(events[deported + 1]).toMatch(/^entered b--x--road on day \d+$/);
    expect(result.metrics.deportations).toBeGreaterThanOrEqual(1);
    expect(result.metrics.arrived).toBe(result.metrics.created);
    expect(result.metrics['apprehensions.state.Chiapas']).toBe(result.metrics.apprehensions);
    expect(result.metrics['crossing_share.x']).toBe(1);
  });
});

describe('robbery', () => {
  // o -> m on a road where everyone is robbed; from m a fast bus for $300 or a free trail.
  const build = (robbery: number) =>
    chain([-92.2, 15.2], [-92.8, 15.8], (O, M, D) => [
      link(O, M, { cost_usd: 0, robbery, injury: 0, death: 0 }),
      link(M, D, { cost_usd: 300, robbery: 0, injury: 0, death: 0 }),
      link(M, D, { mode: 'trail', remote: true, cost_usd: 0, robbery: 0, injury: 0, death: 0 }),
    ]);
  const legTaken = (robbery: number) => {
    const net = build(robbery);
    const scenario = scenarioFor(net, { perYear: 365, days: 30, behaviour: { learning: false, referenceBudgetUsd: 100, logitScaleUsd: 5 } });
    const constant = (value: number) => ({ dist: 'constant', value }) as const;
    const s: Scenario = {
      ...scenario,
      population: { smugglerAccess: 0, budgetUsd: { withSmuggler: constant(400), withoutSmuggler: constant(400) }, riskAversion: constant(1), valueOfTimeUsdPerDay: constant(200) },
    };
    const legs = new Set<string>();
    runReplicate({ scenario: s, timeline: constantTimeline(neutralPolicyState(net)), seed: 5, replicate: 0 }, net, (e) => {
      if (e.kind === 'enter' && e.agent === 0) legs.add(net.meta.linkIds[net.arcLink[e.arc]]);
    });
    return legs;
  };

  it('should make a robbed, poorer agent switch from the bus to the free trail', () => {
    expect(legTaken(0)).toEqual(new Set(['o--m--road', 'm--d--road']));
    expect(legTaken(1)).toEqual(new Set(['o--m--road', 'm--d--trail']));
  });
});

describe('a post at a town', () => {
  // o -> m -> d, with two ways into m: the road (watched by m's post) and a footpath around it.
  const net = chain([-92.3, 15.3], [-92.6, 15.6], (O, M, D) => [
    link(O, M, { robbery: 0, injury: 0, death: 0 }),
    link(O, M, { mode: 'trail', remote: true, robbery: 0, injury: 0, death: 0 }),
    link(M, D, { robbery: 0, injury: 0, death: 0 }),
  ]);
  const posted = neutralPolicyState(net);
  posted.placeInterception[net.meta.placeIds.indexOf('m')] = 0.5;
  const scenario: Scenario = scenarioFor(net, { perYear: 30000, days: 30, behaviour: { learning: false, maxAttempts: 1 } });

  it('should check those who arrive by road and let those on the footpath around it pass', () => {
    const entered = { road: 0, trail: 0 };
    const wayIn = new Map<number, 'road' | 'trail'>();
    let caughtOnTrail = 0;
    const result = runReplicate({ scenario, timeline: constantTimeline(posted), seed: 5, replicate: 0 }, net, (e) => {
      if (e.kind === 'enter' && net.meta.linkIds[net.arcLink[e.arc]] !== 'm--d--road') {
        const mode = net.meta.linkIds[net.arcLink[e.arc]].endsWith('trail') ? 'trail' : 'road';
        wayIn.set(e.agent, mode);
        entered[mode]++;
      }
      if (e.kind === 'relocate' && wayIn.get(e.agent) === 'trail') caughtOnTrail++;
    });
    // Both ways are used; about half of the road arrivals are caught at m (the only
    // enforcement), and no one who came along the footpath is ever deported.
    expect(entered.road).toBeGreaterThan(150);
    expect(entered.trail).toBeGreaterThan(150);
    expect(caughtOnTrail).toBe(0);
    expect(result.metrics.apprehensions / entered.road).toBeGreaterThan(0.4);
    expect(result.metrics.apprehensions / entered.road).toBeLessThan(0.6);
  });

  // The road into m has no patrol of its own: all its risk is m's post. A visitor card that the
  // post honours makes the road safe for its holders, and they know it. (Card holders'
  // interception is 0 unless a policy sets it.)
  const carded = neutralPolicyState(net);
  carded.placeInterception.set(posted.placeInterception);
  carded.documentedUptake.fill(1);
  const waysIn = (state: PolicyState) => {
    const ways: string[] = [];
    const result = runReplicate({ scenario, timeline: constantTimeline(state), seed: 5, replicate: 0 }, net, (e) => {
      if (e.kind !== 'enter') return;
      const id = net.meta.linkIds[net.arcLink[e.arc]];
      if (id !== 'm--d--road') ways[e.agent] = id;
    });
    return { ways, apprehensions: result.metrics.apprehensions };
  };

  it('should let card holders weigh a post the card covers as no risk: they choose as if it were not there', () => {
    const none = waysIn(neutralPolicyState(net));
    const holders = waysIn(carded);
    const others = waysIn(posted);
    const onTrail = (w: string[]) => w.filter((id) => id === 'o--m--trail').length;
    // The post matters to those without a card (the test could fail) ...
    expect(onTrail(others.ways)).toBeGreaterThan(onTrail(none.ways) + 100);
    expect(others.apprehensions).toBeGreaterThan(0);
    // ... and not at all to card holders: the same draws give the same ways, and no one is caught.
    expect(holders.ways.length).toBeGreaterThan(1000);
    expect(holders.ways).toEqual(none.ways);
    expect(holders.apprehensions).toBe(0);
  });
});

describe('when agents choose again', () => {
  // o -> m -> d, with two near-equal ways from m: a road and a trail. Each leg takes days, so
  // agents are on the way, and at m, while the policy state changes.
  const net = chain([-92.6, 15.6], [-93.2, 16.2], (O, M, D) => [
    link(O, M, { robbery: 0, injury: 0, death: 0 }),
    link(M, D, { robbery: 0, injury: 0, death: 0 }),
    link(M, D, { mode: 'trail', remote: true, cost_usd: 1, robbery: 0, injury: 0, death: 0 }),
  ]);
  // A large logit scale makes the choice at m close to a coin toss, so a redrawn choice shows.
  const scenario: Scenario = scenarioFor(net, { perYear: 3650, days: 40, behaviour: { learning: false, logitScaleUsd: 1e6 } });
  const legsBy = (timeline: PolicyTimeline) => {
    const legs: string[][] = [];
    runReplicate({ scenario, timeline, seed: 7, replicate: 0 }, net, (e) => {
      if (e.kind === 'enter') (legs[e.agent] ??= []).push(net.meta.linkIds[net.arcLink[e.arc]]);
    });
    return legs;
  };
  const daily = (state: (day: number) => PolicyState): PolicyTimeline => ({
    firstDays: Array.from({ length: 40 }, (_, d) => d),
    states: Array.from({ length: 40 }, (_, d) => state(d)),
  });

  it('should leave every route as it was when the policy state changes but no link closes', () => {
    // A new state every day (as when mobile posts rotate), here with nothing an agent could see.
    const legs = legsBy(daily(() => neutralPolicyState(net)));
    expect(legs.length).toBeGreaterThan(300);
    expect(legs).toEqual(legsBy(constantTimeline(neutralPolicyState(net))));
  });

  it('should send agents on the way around a link of their route that closes', () => {
    const road = net.meta.linkIds.indexOf('m--d--road');
    const closedFrom = 20;
    const legs = legsBy(
      daily((d) => {
        const s = neutralPolicyState(net);
        if (d >= closedFrom) for (let a = 0; a < net.arcCount; a++) s.closedArcs[a] = net.arcLink[a] === road ? 1 : 0;
        return s;
      }),
    );
    const open = legsBy(constantTimeline(neutralPolicyState(net)));
    // Some who would have taken the road after the closure take the trail instead.
    const switched = legs.filter((l, i) => l.includes('m--d--trail') && open[i]?.includes('m--d--road')).length;
    expect(switched).toBeGreaterThan(10);
  });
});

describe('keyed draws', () => {
  // Eight ways from o to d, each through its own waypoint and each best by some measure, so
  // that o has at least seven candidate routes. Every first leg is patrolled alike, so being
  // caught says nothing of the way taken; caught agents are deported to o and, if they try
  // again, choose from o anew (decision number 1 at attempt 1 for most of them).
  const O: P = ['o', -92.0, 15.0];
  const D: P = ['d', -92.0, 16.0];
  const ways: Record<string, unknown>[] = [
    { mode: 'road', length_km: 80, cost_usd: 10 },
    { mode: 'road', length_km: 110, cost_usd: 0 },
    { mode: 'road', length_km: 95, cost_usd: 4, robbery: 0 },
    { mode: 'trail', length_km: 85, cost_usd: 2, remote: true },
    { mode: 'rail', length_km: 100, cost_usd: 0, robbery: 0.03 },
    { mode: 'smuggler', length_km: 90, cost_usd: 60, robbery: 0 },
    { mode: 'river', length_km: 100, cost_usd: 15, robbery: 0 },
    { mode: 'trail', length_km: 70, cost_usd: 0, robbery: 0.05 },
  ];
  const waypoints: P[] = ways.map((_, k) => [`w${k}`, -92.4 + 0.1 * k, 15.5]);
  const net = compile([
    place('o', O[1], O[2], 'origin'),
    place('d', D[1], D[2], 'destination'),
    ...waypoints.map((w) => place(w[0], w[1], w[2])),
    ...waypoints.flatMap((w, k) => [link(O, w, { length_km: 80, cost_usd: 0, robbery: 0, injury: 0, death: 0 }), link(w, D, { injury: 0, death: 0, ...ways[k] })]),
  ]);
  const firstLegs = waypoints.map((w) => net.meta.linkIds.indexOf(`o--${w[0]}--road`));
  const patrol = neutralPolicyState(net);
  for (const l of firstLegs) patrol.linkInterception[l] = 0.5;
  // Learning off and no belief of one's own about the link one was caught on: a retrier weighs
  // the ways exactly as a newcomer does. A low chance to try again: had the decision to retry
  // and the route choice shared numbers, the retriers' draws for one candidate would all be
  // low, and that way would lose most of its share among them.
  const scenario: Scenario = scenarioFor(net, { perYear: 91250, days: 60, behaviour: { learning: false, personalCatchBelief: 0, retryProbability: 0.2 } });

  it('should have retriers choose their ways as newcomers do: the decision to retry shares no draw with route choice', () => {
    expect(createCandidateRoutes(net, patrol.closedArcs, scenario.behaviour, net.modeSpeed, new CandidatePool()).from(net.meta.placeIds.indexOf('o')).length).toBeGreaterThanOrEqual(7);
    // 1: deported and not yet out again; 2: its first way out after that is counted.
    const retried = new Map<number, 1 | 2>();
    const firstLegOf = (arc: number) => firstLegs.indexOf(net.arcLink[arc]);
    const newcomers = new Array<number>(firstLegs.length).fill(0);
    const retriers = new Array<number>(firstLegs.length).fill(0);
    runReplicate({ scenario, timeline: constantTimeline(patrol), seed: 3, replicate: 0 }, net, (e) => {
      if (e.kind === 'relocate') retried.set(e.agent, 1);
      if (e.kind !== 'enter' || firstLegOf(e.arc) < 0) return;
      // An agent's first way out of o after each deportation counts as a retrier's choice.
      if (retried.get(e.agent) === 1) {
        retriers[firstLegOf(e.arc)]++;
        retried.set(e.agent, 2);
      } else newcomers[firstLegOf(e.arc)]++;
    });
    const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(total(retriers)).toBeGreaterThan(400);
    for (let k = 0; k < ways.length; k++) {
      const p = newcomers[k] / total(newcomers);
      const sd = Math.sqrt((p * (1 - p)) / total(retriers));
      expect(Math.abs(retriers[k] / total(retriers) - p), `way ${k}: newcomers ${newcomers.join(', ')}; retriers ${retriers.join(', ')}`).toBeLessThan(4 * sd);
    }
  });
});

describe('what travellers report', () => {
  // o -> m -> d; the first leg is patrolled (half of those who enter are caught at its start)
  // and robs a fifth of those who travel it.
  const net = chain([-92.3, 15.3], [-92.6, 15.6], (O, M, D) => [
    link(O, M, { robbery: 0.2, injury: 0, death: 0 }),
    link(M, D, { robbery: 0, injury: 0, death: 0 }),
  ]);
  const first = linkIndex(net, 'o--m--road');
  const patrol = neutralPolicyState(net);
  patrol.linkInterception[first] = 0.5;
  // A weak prior, so the belief is mostly what was reported.
  const scenario: Scenario = scenarioFor(net, { perYear: 36500, days: 60, behaviour: { beliefPriorTraversals: 1 } });

  it('should learn a patrolled link\'s robbery rate per traversal, not per entry: those caught at its start never travel it', () => {
    const spec: RunSpec = { scenario, timeline: constantTimeline(patrol), seed: 5, replicate: 0 };
    const keys = streamKeys(spec);
    const engine = createEngine(net, scenario, spec.timeline!, createPopulation(scenario, net, keys.population), keys);
    while (engine.step());
    // About 2,000 traversals within the belief's memory: a standard error near 0.01. Counting
    // the caught as travellers would halve the rate, to about 0.1.
    expect(engine.beliefs.current.robbery[first]).toBeGreaterThan(0.17);
    expect(engine.beliefs.current.robbery[first]).toBeLessThan(0.23);
  });
});

describe('an engine whose period is over', () => {
  // When one finishes, an engine of no agents is made from its inputs and kept (`keeper` in
  // createEngine.ts): nothing callers hold may change, and the next engine must run as if it
  // were the first.
  const net = chain([-92.2, 15.2], [-92.5, 15.5], (O, M, D) => [link(O, M, { robbery: 0.2 }), link(M, D, { robbery: 0.2 }), link(O, D, { mode: 'trail', remote: true })]);
  const scenario = scenarioFor(net, { perYear: 3000, days: 40 });
  const run = (replicate: number) => {
    const keys = streamKeys({ scenario, seed: 5, replicate });
    const pop = createPopulation(scenario, net, keys.population);
    const engine = createEngine(net, scenario, constantTimeline(neutralPolicyState(net)), pop, keys);
    let lastDay: Uint8Array | null = null;
    while (engine.step()) lastDay = engine.agents.state.slice();
    return { pop, engine, lastDay: lastDay! };
  };

  it("should leave the agents' view, the population and the tally as the last day left them", () => {
    const { pop, engine, lastDay } = run(0);
    expect(engine.step()).toBe(false);
    expect(pop.count).toBeGreaterThan(0);
    expect(pop.arrivalDay).toHaveLength(pop.count);
    expect(engine.agents.state).toEqual(lastDay);
    expect(engine.tally.created.value).toBe(pop.count);
    expect(engine.day).toBe(engine.days);
  });

  it('should give the next engine the same results as a first one', () => {
    const first = run(1);
    run(2);
    const again = run(1);
    expect(again.engine.agents.state).toEqual(first.engine.agents.state);
    expect(again.engine.tally.linkFlow).toEqual(first.engine.tally.linkFlow);
    expect(again.engine.tally.eventsByLink).toEqual(first.engine.tally.eventsByLink);
  });
});
