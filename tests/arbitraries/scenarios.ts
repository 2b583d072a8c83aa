import fc from 'fast-check';
import { compileNetwork } from '../../src/network/compileNetwork.js';
import type { CompiledNetwork } from '../../src/network/compiledNetwork.js';
import { PLACE_KINDS } from '../../src/network/modes.js';
import { parseNetwork } from '../../src/network/parseNetwork.js';
import { DEFAULT_BEHAVIOUR, DEFAULT_POPULATION, FLAT_SEASONALITY } from '../../src/scenario/defaults.js';
import { neutralPolicyState, type PolicyState, type PolicyTimeline } from '../../src/scenario/policyTimeline.js';
import type { Behaviour, Scenario } from '../../src/scenario/scenario.js';
import { addDays } from '../../src/core/dates.js';
import { arbNetwork } from './networks.js';

export interface GeneratedRun {
  readonly net: CompiledNetwork;
  readonly scenario: Scenario;
  readonly timeline: PolicyTimeline;
  readonly seed: number;
}

/** A scenario for a compiled network: its origins, a short period, a small population. */
export function scenarioFor(net: CompiledNetwork, options: { perYear?: number; days?: number; behaviour?: Partial<Behaviour>; seed?: number; caravan?: number } = {}): Scenario {
  const origins = net.meta.placeIds.filter((_, p) => net.placeKind[p] === PLACE_KINDS.indexOf('origin')).map((place) => ({ place, share: 1 }));
  const days = options.days ?? 60;
  const start = '2014-01-01';
  return {
    name: 'generated',
    description: '',
    period: { start, end: addDays(start, days - 1) },
    demand: {
      perYear: options.perYear ?? 3000,
      origins,
      seasonality: FLAT_SEASONALITY,
      caravans: options.caravan ? [{ date: addDays(start, 3), origin: origins[0].place, size: options.caravan }] : [],
    },
    population: DEFAULT_POPULATION,
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    seed: options.seed ?? 1,
    policies: [],
    headline: [],
  };
}

/** Random policy state: interception, hazard factors (some above 1), costs and closures. */
export function arbPolicyState(net: CompiledNetwork): fc.Arbitrary<PolicyState> {
  const L = net.linkCount;
  const P = net.placeCount;
  const prob = fc.double({ min: 0, max: 0.6, noNaN: true });
  const factor = fc.double({ min: 0, max: 50, noNaN: true });
  return fc
    .record({
      li: fc.array(prob, { minLength: L, maxLength: L }),
      pi: fc.array(fc.oneof(fc.constant(0), prob), { minLength: P, maxLength: P }),
      rf: fc.array(factor, { minLength: L, maxLength: L }),
      jf: fc.array(factor, { minLength: L, maxLength: L }),
      df: fc.array(factor, { minLength: L, maxLength: L }),
      cost: fc.array(fc.double({ min: -50, max: 500, noNaN: true }), { minLength: L, maxLength: L }),
      closedDraw: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: net.arcCount, maxLength: net.arcCount }),
      speed: fc.array(fc.double({ min: 0.2, max: 3, noNaN: true }), { minLength: L, maxLength: L }),
      closedShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
    })
    .map((r) => {
      const s = neutralPolicyState(net);
      s.linkInterception.set(r.li);
      s.placeInterception.set(r.pi);
      s.robberyFactor.set(r.rf);
      s.injuryFactor.set(r.jf);
      s.deathFactor.set(r.df);
      s.extraCostUsd.set(r.cost);
      r.closedDraw.forEach((u, a) => (s.closedArcs[a] = u < r.closedShare ? 1 : 0));
      s.speedFactor.set(r.speed);
      s.documentedLinkInterception.set(s.linkInterception);
      s.documentedPlaceInterception.set(s.placeInterception);
      return s;
    });
}

/** Random runs: a generated network, a small scenario and a timeline of one to three states. */
export function arbRun(options: { maxPlaces?: number; learning?: boolean } = {}): fc.Arbitrary<GeneratedRun> {
  return arbNetwork({ minPlaces: 3, maxPlaces: options.maxPlaces ?? 14, maxLinks: 35 })
    .map(({ json }) => compileNetwork(parseNetwork(JSON.stringify(json), 'generated.geojson')))
    .chain((net) =>
      fc.record({
        net: fc.constant(net),
        states: fc.array(arbPolicyState(net), { minLength: 1, maxLength: 3 }),
        switchDays: fc.uniqueArray(fc.integer({ min: 1, max: 59 }), { minLength: 2, maxLength: 2 }),
        perYear: fc.integer({ min: 50, max: 4000 }),
        learning: options.learning === undefined ? fc.boolean() : fc.constant(options.learning),
        maxAttempts: fc.integer({ min: 1, max: 4 }),
        caravan: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
        seed: fc.integer({ min: 0, max: 1000 }),
      }),
    )
    .map(({ net, states, switchDays, perYear, learning, maxAttempts, caravan, seed }) => {
      const firstDays = [0, ...switchDays.sort((a, b) => a - b)].slice(0, states.length);
      return {
        net,
        scenario: scenarioFor(net, { perYear, behaviour: { learning, maxAttempts, wordOfMouthDelayDays: 3, beliefPriorTraversals: 20 }, seed, caravan }),
        timeline: { firstDays, states },
        seed,
      };
    });
}
