import type { CompiledNetwork } from '../network/compiledNetwork.js';
import type { PolicyState } from '../scenario/policyTimeline.js';
import type { Behaviour } from '../scenario/scenario.js';
import type { BeliefView } from './beliefs.js';

/** The sums over a route's arcs that its cost is built from. */
export interface RouteTotals {
  moneyUsd: number;
  days: number;
  /** Chance of at least one robbery, injury, death, interception on the route, as believed. */
  robbery: number;
  injury: number;
  death: number;
  interception: number;
}

/** The traveller a cost is computed for. */
export interface Traveller {
  budgetUsd: number;
  riskAversion: number;
  valueOfTimeUsdPerDay: number;
}

/** A route's generalised cost for one traveller, component by component, all in USD. */
export interface RouteCost {
  moneyUsd: number;
  timeUsd: number;
  robberyUsd: number;
  injuryUsd: number;
  deathUsd: number;
  interceptionUsd: number;
  totalUsd: number;
  /** The totals it was computed from. */
  totals: RouteTotals;
}

/**
 * Sums a route's money, time and believed risks. `overrideLink`/`overrideInterception` raise
 * the belief on one link: an agent caught there believes it more dangerous than others do.
 * `interceptionScale` scales believed interception per arc: card holders know where their
 * card protects them, on links and at the posts at their heads.
 */
export function routeTotals(
  net: CompiledNetwork,
  arcs: Uint32Array,
  start: number,
  end: number,
  policy: PolicyState,
  beliefs: BeliefView,
  modeSpeed: Float64Array,
  out: RouteTotals,
  overrideLink = -1,
  overrideInterception = 0,
  interceptionScale: Float64Array | null = null,
): RouteTotals {
  let money = 0;
  let days = 0;
  let noRobbery = 1;
  let noInjury = 1;
  let noDeath = 1;
  let noCatch = 1;
  for (let k = start; k < end; k++) {
    const a = arcs[k];
    const l = net.arcLink[a];
    money += Math.max(0, net.linkCost[l] + policy.extraCostUsd[l]);
    days += net.linkKm[l] / (modeSpeed[net.linkMode[l]] * policy.speedFactor[l]);
    noRobbery *= 1 - beliefs.robbery[l];
    noInjury *= 1 - beliefs.injury[l];
    noDeath *= 1 - beliefs.death[l];
    const believed = interceptionScale === null ? beliefs.interception[a] : beliefs.interception[a] * interceptionScale[a];
    const q = l === overrideLink ? Math.max(believed, overrideInterception) : believed;
    noCatch *= 1 - q;
  }
  out.moneyUsd = money;
  out.days = days;
  out.robbery = 1 - noRobbery;
  out.injury = 1 - noInjury;
  out.death = 1 - noDeath;
  out.interception = 1 - noCatch;
  return out;
}

/**
 * The generalised cost of a route for a traveller, the quantity route choice minimises (with
 * logit noise). In USD:
 *
 *   money       m * money,               m = max(1, referenceBudget / budget): the poorer the
 *                                        traveller, the more each dollar weighs
 *   time        valueOfTime * days
 *   robbery     P(robbery) * robberyLossShare * budget * m
 *   injury      P(injury) * injuryHarm * riskAversion
 *   death       P(death) * deathHarm * riskAversion
 *   interception P(caught) * (valueOfTime * (detentionDays + restartDays) + m * interceptionLoss)
 *
 * The same function fills the engine's choices and `explainRouteCost`, so an explanation is
 * always the cost that was used.
 */
export function costForTraveller(t: RouteTotals, who: Traveller, behaviour: Behaviour, out: RouteCost): RouteCost {
  const w = costWeights(who, behaviour, scratchWeights);
  out.moneyUsd = w[0] * t.moneyUsd;
  out.timeUsd = w[1] * t.days;
  out.robberyUsd = w[2] * t.robbery;
  out.injuryUsd = w[3] * t.injury;
  out.deathUsd = w[4] * t.death;
  out.interceptionUsd = w[5] * t.interception;
  out.totalUsd = out.moneyUsd + out.timeUsd + out.robberyUsd + out.injuryUsd + out.deathUsd + out.interceptionUsd;
  out.totals = t;
  return out;
}

/**
 * The generalised cost is linear in a route's totals, with weights that depend on the
 * traveller only. Route choice computes the weights once per choice and then costs each
 * candidate in six multiply-adds (`weightedCostAt`), with the same arithmetic as
 * `costForTraveller`, so an explanation and a choice never disagree.
 * Weights, in order: money, days, P(robbery), P(injury), P(death), P(caught).
 */
export function costWeights(who: Traveller, behaviour: Behaviour, out: Float64Array): Float64Array {
  const m = Math.max(1, behaviour.referenceBudgetUsd / Math.max(1, who.budgetUsd));
  out[0] = m;
  out[1] = who.valueOfTimeUsdPerDay;
  out[2] = behaviour.robberyLossShare * who.budgetUsd * m;
  out[3] = behaviour.injuryHarmUsd * who.riskAversion;
  out[4] = behaviour.deathHarmUsd * who.riskAversion;
  out[5] = who.valueOfTimeUsdPerDay * (behaviour.detentionDays + behaviour.restartDays) + m * behaviour.interceptionLossUsd;
  return out;
}

/** How many numbers `storeTotals` writes per route. */
export const TOTALS = 6;

/**
 * Writes a route's totals into `out` at `at`, in the order of the weights: route choice keeps
 * every candidate's totals in one flat array, read without following a pointer per candidate.
 */
export function storeTotals(t: RouteTotals, out: Float64Array, at: number): void {
  out[at] = t.moneyUsd;
  out[at + 1] = t.days;
  out[at + 2] = t.robbery;
  out[at + 3] = t.injury;
  out[at + 4] = t.death;
  out[at + 5] = t.interception;
}

/** `costForTraveller(t, who).totalUsd` given `costWeights(who)` and t stored at `at`. */
export function weightedCostAt(w: Float64Array, t: Float64Array, at: number): number {
  return w[0] * t[at] + w[1] * t[at + 1] + w[2] * t[at + 2] + w[3] * t[at + 3] + w[4] * t[at + 4] + w[5] * t[at + 5];
}

const scratchWeights = new Float64Array(6);

export function emptyTotals(): RouteTotals {
  return { moneyUsd: 0, days: 0, robbery: 0, injury: 0, death: 0, interception: 0 };
}

export function emptyCost(): RouteCost {
  return { moneyUsd: 0, timeUsd: 0, robberyUsd: 0, injuryUsd: 0, deathUsd: 0, interceptionUsd: 0, totalUsd: 0, totals: emptyTotals() };
}

/**
 * Why a route costs what it does for a traveller: every component of its generalised cost,
 * for tests and reports. `arcs` is a route as the router returns it (source first).
 */
export function explainRouteCost(
  net: CompiledNetwork,
  arcs: Uint32Array,
  who: Traveller,
  policy: PolicyState,
  beliefs: BeliefView,
  behaviour: Behaviour,
  modeSpeed: Float64Array,
): RouteCost {
  const totals = routeTotals(net, arcs, 0, arcs.length, policy, beliefs, modeSpeed, emptyTotals());
  return costForTraveller(totals, who, behaviour, emptyCost());
}
