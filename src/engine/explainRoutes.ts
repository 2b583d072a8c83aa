import { daysBetween } from '../core/dates.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { MODES } from '../network/modes.js';
import { compileTimeline } from '../scenario/compileTimeline.js';
import { stateIndexAt } from '../scenario/policyTimeline.js';
import type { Scenario } from '../scenario/scenario.js';
import { createBeliefs } from './beliefs.js';
import { CandidatePool, createCandidateRoutes } from './candidateRoutes.js';
import { explainRouteCost, type RouteCost, type Traveller } from './routeCost.js';

/** One candidate route from a place, and why it costs what it does, under one scenario. */
export interface ExplainedRoute {
  /** The places it passes, source first (place ids). */
  readonly places: readonly string[];
  /** Kilometres by mode. */
  readonly kmByMode: Readonly<Record<string, number>>;
  readonly usesSmuggler: boolean;
  readonly cost: RouteCost;
  /** The route's logit choice probability among the candidates this traveller may take. */
  readonly choiceProbability: number;
}

/**
 * The candidate routes from `place` on `day` of a scenario, each with every component of its
 * generalised cost for `who`, as an agent who knows that day's enforcement would weigh them
 * (beliefs set to the day's policy state, i.e. fully informed), and the logit choice
 * probabilities these costs give. Comparing two scenarios' explanations shows which
 * components moved on which corridors.
 */
export function explainRoutes(net: CompiledNetwork, scenario: Scenario, place: number, day: string, who: Traveller, canSmuggle: boolean): ExplainedRoute[] {
  const days = daysBetween(scenario.period.start, scenario.period.end) + 1;
  const offset = Math.min(days - 1, Math.max(0, daysBetween(scenario.period.start, day)));
  // Replicate 0's draw of any randomly placed policy, as `run` would use.
  const timeline = compileTimeline(scenario.policies, net, scenario.period.start, days, `${scenario.seed}:0`);
  const state = timeline.states[stateIndexAt(timeline, offset)];
  const modeSpeed = Float64Array.from(MODES, (m, i) => scenario.speedsKmPerDay?.[m] ?? net.modeSpeed[i]);
  const pool = new CandidatePool();
  const ids = createCandidateRoutes(net, state.closedArcs, scenario.behaviour, modeSpeed, pool).from(place);
  const views = createBeliefs(net, state, scenario.behaviour).public;
  const routes = ids.map((c) => {
    const arcs = pool.arcs.slice(pool.start[c], pool.end[c]);
    const places = [net.meta.placeIds[place]];
    const kmByMode: Record<string, number> = {};
    for (const a of arcs) {
      const l = net.arcLink[a];
      places.push(net.meta.placeIds[net.arcTarget[a]]);
      kmByMode[MODES[net.linkMode[l]]] = (kmByMode[MODES[net.linkMode[l]]] ?? 0) + net.linkKm[l];
    }
    return { places, kmByMode, usesSmuggler: pool.smuggler[c] === 1, cost: explainRouteCost(net, arcs, who, state, views, scenario.behaviour, modeSpeed), choiceProbability: 0 };
  });
  // The engine's choice: Gumbel-max over -cost / logitScaleUsd, i.e. these logit probabilities.
  const open = routes.filter((r) => canSmuggle || !r.usesSmuggler);
  const best = Math.min(...open.map((r) => r.cost.totalUsd));
  const weights = open.map((r) => Math.exp(-(r.cost.totalUsd - best) / scenario.behaviour.logitScaleUsd));
  const sum = weights.reduce((s, w) => s + w, 0);
  open.forEach((r, k) => (r.choiceProbability = weights[k] / sum));
  return routes;
}
