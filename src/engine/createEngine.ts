import { daysBetween, yearMonthOf } from '../core/dates.js';
import { drawPrefix, uniformFrom } from '../core/rng.js';
import { destinationCountry } from '../network/borderCrossings.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { MODES, PLACE_KINDS, WATCHED_BY_MODE } from '../network/modes.js';
import type { Population } from '../population/population.js';
import { stateIndexAt, type PolicyState, type PolicyTimeline } from '../scenario/policyTimeline.js';
import type { Scenario } from '../scenario/scenario.js';
import {
  APPREHENSION,
  ARRIVED,
  DEAD,
  DEATH,
  DEPORTATION,
  DETAINED,
  GAVE_UP,
  INJURY,
  IN_TRANSIT,
  NOT_YET,
  ROBBERY,
} from './agentStates.js';
import { createBeliefs, type Beliefs, type BeliefView } from './beliefs.js';
import { createCandidatePool, createCandidateRoutes, type CandidatePool, type CandidateRoutes } from './candidateRoutes.js';
import { costWeights, emptyTotals, routeTotals, weightedCost, type RouteTotals, type Traveller } from './routeCost.js';
import { gumbel, gumbelUpperBound } from './gumbel.js';
import { createTally, type Tally } from './tally.js';

/** The three keyed streams of the day loop (see core/rng.ts). */
export interface EngineKeys {
  readonly choice: number;
  readonly hazard: number;
  readonly enforcement: number;
}

/** What the day loop reports to an observer, for audits and tests. Off (null) in real runs. */
export type TraceEvent =
  | { kind: 'enter'; agent: number; arc: number; day: number }
  | { kind: 'relocate'; agent: number; place: number; day: number }
  | { kind: 'probability'; what: string; p: number };

export interface Engine {
  /** Simulation day about to run (0 = the scenario's start date). */
  readonly day: number;
  readonly days: number;
  /** Runs one day; false once the period is over. */
  step(): boolean;
  readonly tally: Tally;
  readonly beliefs: Beliefs;
  readonly candidates: () => CandidateRoutes;
  readonly pool: CandidatePool;
  readonly policy: () => PolicyState;
  /** The agents' changing state, struct-of-arrays (read-only outside the engine). */
  readonly agents: AgentArrays;
}

export interface AgentArrays {
  readonly state: Uint8Array;
  readonly place: Uint32Array;
  readonly route: Int32Array;
  readonly routePos: Uint16Array;
  readonly progressKm: Float32Array;
  readonly budgetUsd: Float32Array;
  readonly spentUsd: Float32Array;
  readonly attempts: Uint8Array;
  readonly lastCaughtLink: Int32Array;
}

// Per-agent flags.
const NEEDS_PLAN = 1;
const REPLAN_AT_PLACE = 2;
const INFORMED = 4;
/** Set on an agent's first apprehension: the share of people ever caught is a target (observed.md section 4). */
const EVER_CAUGHT = 8;

// Purposes of counter-based draws, the last key component. Draws on a link are keyed by
// (agent, attempt and link, purpose), not by how many links the agent has taken: the same
// agent on the same link in the same attempt meets the same luck in every scenario, whatever
// route led it there. That keeps common random numbers strong across policy variants.
// (An agent that enters one link twice in one attempt, after turning back, meets the same
// luck twice; routes rarely revisit a link.)
const DRAW_INTERCEPT = 0;
const DRAW_DEATH = 1;
const DRAW_INJURY = 2;
const DRAW_STOP = 3;
const DRAW_ROBBERY = 4;
const DRAW_PLACE_INTERCEPT = 5;
const DRAW_RETRY = 6;

const DESTINATION = PLACE_KINDS.indexOf('destination');
const EPSILON_DAY = 1e-9;

/**
 * The day loop. Each day: the policy state in force is looked up, the day's arrivals set out,
 * every live agent is advanced in index order, and the community's beliefs absorb the day's
 * reports. Agents are typed arrays indexed by agent number; nothing is allocated per agent or
 * per step except when an agent chooses a route.
 */
export function createEngine(
  net: CompiledNetwork,
  scenario: Scenario,
  timeline: PolicyTimeline,
  pop: Population,
  keys: EngineKeys,
  trace: ((e: TraceEvent) => void) | null = null,
): Engine {
  const b = scenario.behaviour;
  const N = pop.count;
  const days = daysBetween(scenario.period.start, scenario.period.end) + 1;
  // Scenarios are validated when loaded; this guards code that builds them by hand, where a bad
  // period would otherwise make the day loop run forever.
  if (!Number.isInteger(days) || days < 1) throw new Error(`the period ${scenario.period.start} to ${scenario.period.end} is not a range of days`);
  const startYear = yearMonthOf(scenario.period.start, 0).year;
  const years: number[] = [];
  const yearOfDay = new Uint16Array(days);
  for (let d = 0; d < days; d++) {
    const y = yearMonthOf(scenario.period.start, d).year;
    if (years[years.length - 1] !== y) years.push(y);
    yearOfDay[d] = y - startYear;
  }
  const tally = createTally(net, years);
  const nYears = years.length;

  const modeSpeed = Float64Array.from(MODES, (m, i) => scenario.speedsKmPerDay?.[m] ?? net.modeSpeed[i]);

  // Agents' changing state.
  const state = new Uint8Array(N);
  const place = Uint32Array.from(pop.origin);
  const route = new Int32Array(N).fill(-1);
  const routePos = new Uint16Array(N);
  const progressKm = new Float32Array(N);
  const budgetUsd = Float32Array.from(pop.budgetUsd);
  const spentUsd = new Float32Array(N);
  const attempts = new Uint8Array(N);
  const releaseDay = new Uint32Array(N);
  const injuredUntil = new Uint32Array(N);
  const waitDays = new Uint16Array(N);
  const decisions = new Uint32Array(N);
  const lastCaughtLink = new Int32Array(N).fill(-1);
  const documented = new Uint8Array(N);
  const planVersion = new Uint32Array(N);
  const flags = new Uint8Array(N);
  const active = new Uint32Array(N);
  let activeCount = 0;
  let cursor = 0;
  tally.stateCount[NOT_YET] = N;

  // Where deported agents are left, by origin place.
  const placeIndex = new Map(net.meta.placeIds.map((id, i) => [id, i]));
  const deportTo = new Int32Array(net.placeCount);
  for (let p = 0; p < net.placeCount; p++) {
    const country = net.meta.countries[net.placeCountry[p]];
    const target = b.deportation.byCountry?.[country] ?? b.deportation.default;
    deportTo[p] = target === 'origin' ? p : placeIndex.get(target) ?? p;
  }
  const entryCountry = destinationCountry(net);

  let stateIndex = stateIndexAt(timeline, 0);
  let policy = timeline.states[stateIndex];
  const beliefs = createBeliefs(net, policy, b);
  const pool = createCandidatePool();
  const candidateSets = new Map<string, CandidateRoutes>();
  let candidates = candidatesFor(policy);
  let policyEpoch = 0;

  // Route totals cached per candidate and view (public or shelter beliefs, without or with a
  // card), valid for one (day, policy epoch).
  let cacheCapacity = 0;
  const cache = [0, 1, 2, 3].map(() => ({ stamp: new Float64Array(0), totals: [] as RouteTotals[] }));
  let documentedScale = scaleFor(policy);

  /** Per link, how much of the interception a card holder still meets (1 where no card helps). */
  function scaleFor(s: PolicyState): Float64Array {
    const scale = new Float64Array(net.linkCount).fill(1);
    for (let l = 0; l < net.linkCount; l++) {
      if (s.linkInterception[l] > 0) scale[l] = s.documentedLinkInterception[l] / s.linkInterception[l];
    }
    return scale;
  }
  const scratchTotals = emptyTotals();
  const weights = new Float64Array(6);
  const traveller: Traveller = { budgetUsd: 0, riskAversion: 0, valueOfTimeUsdPerDay: 0 };

  let day = 0;

  function candidatesFor(s: PolicyState): CandidateRoutes {
    let key = '';
    for (let a = 0; a < s.closedArcs.length; a++) if (s.closedArcs[a]) key += a + ',';
    let set = candidateSets.get(key);
    if (!set) {
      set = createCandidateRoutes(net, s.closedArcs, b, modeSpeed, pool);
      candidateSets.set(key, set);
    }
    return set;
  }

  /** Second key of an agent's draws at link l (or at place p, as linkCount + p) in this attempt. */
  function drawSlot(i: number, site: number): number {
    return attempts[i] * (net.linkCount + net.placeCount) + site;
  }

  function setState(i: number, s: number): void {
    tally.stateCount[state[i]]--;
    tally.stateCount[s]++;
    state[i] = s;
  }

  function record(event: number, atPlace: number, link: number): void {
    tally.eventsByPlace[event * net.placeCount + atPlace]++;
    if (link >= 0) tally.eventsByLink[event * net.linkCount + link]++;
    tally.eventsByState[event * net.meta.states.length + net.placeState[atPlace]]++;
    tally.eventsByYear[event * nYears + yearOfDay[day]]++;
  }

  function probability(what: string, p: number): number {
    if (trace !== null) trace({ kind: 'probability', what, p });
    return p;
  }

  function totalsOf(c: number, view: number, views: BeliefView, scale: Float64Array | null): RouteTotals {
    const count = pool.count;
    if (count > cacheCapacity) {
      cacheCapacity = Math.max(count, cacheCapacity * 2, 64);
      for (const entry of cache) {
        const stamp = new Float64Array(cacheCapacity).fill(-1);
        stamp.set(entry.stamp);
        entry.stamp = stamp;
      }
    }
    const entry = cache[view];
    const stamp = policyEpoch * 1e6 + day;
    if (entry.stamp[c] !== stamp) {
      entry.totals[c] ??= emptyTotals();
      routeTotals(net, pool.arcs, pool.start[c], pool.end[c], policy, views, modeSpeed, entry.totals[c], -1, 0, scale);
      entry.stamp[c] = stamp;
    }
    return entry.totals[c];
  }

  // Which candidates use a link, built on first need per link and rebuilt when the pool grows:
  // an agent caught before checks every candidate against its link at every choice.
  const members = new Map<number, Uint8Array>();
  function candidatesUsing(link: number): Uint8Array {
    let m = members.get(link);
    if (m === undefined || m.length < pool.count) {
      m = new Uint8Array(pool.count);
      for (let c = 0; c < pool.count; c++) {
        for (let k = pool.start[c], end = pool.end[c]; k < end; k++) {
          if (net.arcLink[pool.arcs[k]] === link) {
            m[c] = 1;
            break;
          }
        }
      }
      members.set(link, m);
    }
    return m;
  }

  /**
   * Chooses a route from the agent's place: random utility with Gumbel noise drawn per
   * candidate (the Gumbel-max form of the multinomial logit). Keying the noise by (agent,
   * decision number, candidate) means that making one candidate worse can only move an agent
   * off that candidate, never onto it: the basis of paired policy comparisons.
   */
  function plan(i: number): boolean {
    const ids = candidates.from(place[i]);
    const who = pop.leader[i];
    traveller.budgetUsd = budgetUsd[i];
    traveller.riskAversion = pop.riskAversion[who];
    traveller.valueOfTimeUsdPerDay = pop.valueOfTimeUsdPerDay[who];
    const canSmuggle = pop.smuggler[who] === 1;
    const informed = (flags[i] & INFORMED) !== 0;
    const views = informed ? beliefs.current : beliefs.public;
    const scale = documented[i] === 1 ? documentedScale : null;
    const view = (informed ? 1 : 0) + (scale === null ? 0 : 2);
    const caughtLink = lastCaughtLink[i];
    const using = caughtLink >= 0 ? candidatesUsing(caughtLink) : null;
    costWeights(traveller, b, weights);
    const noise = drawPrefix(keys.choice, who, decisions[i]);
    let best = -1;
    let bestUtility = -Infinity;
    let cheapest = -1;
    let cheapestMoney = Infinity;
    for (let j = 0; j < ids.length; j++) {
      const c = ids[j];
      if (!canSmuggle && pool.smuggler[c] === 1) continue;
      let totals = totalsOf(c, view, views, scale);
      if (using !== null && using[c] === 1) {
        totals = routeTotals(net, pool.arcs, pool.start[c], pool.end[c], policy, views, modeSpeed, scratchTotals, caughtLink, b.personalCatchBelief, scale);
      }
      if (totals.moneyUsd < cheapestMoney) {
        cheapestMoney = totals.moneyUsd;
        cheapest = c;
      }
      if (totals.moneyUsd > budgetUsd[i]) continue;
      const v = -weightedCost(weights, totals) / b.logitScaleUsd;
      const u = uniformFrom(noise, j);
      // A candidate that cannot win even with its draw's upper bound is skipped before the two
      // logarithms (exact: see gumbel.ts).
      if (v + gumbelUpperBound(u) < bestUtility) continue;
      const utility = v + gumbel(u);
      if (utility > bestUtility) {
        bestUtility = utility;
        best = c;
      }
    }
    // Nothing affordable: the cheapest route it may use, paying what it can.
    if (best < 0) best = cheapest;
    if (best < 0) return false;
    decisions[i]++;
    route[i] = best;
    routePos[i] = 0;
    planVersion[i] = beliefs.version;
    flags[i] &= ~(NEEDS_PLAN | REPLAN_AT_PLACE);
    waitDays[i] = 0;
    return true;
  }

  function catchAgent(i: number, atPlace: number, link: number, arc: number): void {
    setState(i, DETAINED);
    if ((flags[i] & EVER_CAUGHT) === 0) {
      flags[i] |= EVER_CAUGHT;
      tally.peopleApprehended.value++;
    }
    releaseDay[i] = day + Math.max(1, Math.round(b.detentionDays));
    lastCaughtLink[i] = link;
    route[i] = -1;
    progressKm[i] = 0;
    beliefs.seen.arcCaught[arc]++;
    record(APPREHENSION, atPlace, link);
  }

  function finish(i: number, s: number): void {
    setState(i, s);
    route[i] = -1;
  }

  /** The agent starts travelling link `l` along arc `a`. Returns false if that ended its trip. */
  function enterLink(i: number, a: number, l: number): boolean {
    const n = drawSlot(i, l);
    const from = place[i];
    beliefs.seen.arcTraversals[a]++;
    beliefs.seen.linkTraversals[l]++;
    const cost = Math.max(0, net.linkCost[l] + policy.extraCostUsd[l]);
    const paid = Math.min(budgetUsd[i], cost);
    budgetUsd[i] -= paid;
    spentUsd[i] += paid;

    const q = documented[i] === 1 ? policy.documentedLinkInterception[l] : policy.linkInterception[l];
    if (uniformFrom(drawPrefix(keys.enforcement, i, n), DRAW_INTERCEPT) < probability('interception', q)) {
      catchAgent(i, from, l, a);
      return false;
    }
    tally.linkFlow[l]++;
    if (trace !== null) trace({ kind: 'enter', agent: i, arc: a, day });
    const hazard = drawPrefix(keys.hazard, i, n);
    if (uniformFrom(hazard, DRAW_DEATH) < probability('death', Math.min(1, net.linkDeath[l] * policy.deathFactor[l]))) {
      beliefs.seen.died[l]++;
      record(DEATH, from, l);
      finish(i, DEAD);
      return false;
    }
    if (uniformFrom(hazard, DRAW_INJURY) < probability('injury', Math.min(1, net.linkInjury[l] * policy.injuryFactor[l]))) {
      beliefs.seen.injured[l]++;
      record(INJURY, from, l);
      injuredUntil[i] = day + b.injuryDays;
      if (uniformFrom(hazard, DRAW_STOP) < probability('injury stop', b.injuryStopProbability)) {
        finish(i, GAVE_UP);
        return false;
      }
    }
    if (uniformFrom(hazard, DRAW_ROBBERY) < probability('robbery', Math.min(1, net.linkRobbery[l] * policy.robberyFactor[l]))) {
      beliefs.seen.robbed[l]++;
      record(ROBBERY, from, l);
      budgetUsd[i] *= 1 - b.robberyLossShare;
      flags[i] |= REPLAN_AT_PLACE;
    }
    return true;
  }

  /** The agent reaches the head of arc `a`. Returns false if its trip ended there. */
  function reachPlace(i: number, a: number): boolean {
    const from = place[i];
    const p = net.arcTarget[a];
    place[i] = p;
    routePos[i]++;
    if (net.placeCountry[from] !== entryCountry && net.placeCountry[p] === entryCountry) tally.entriesByPlace[p]++;
    const q = WATCHED_BY_MODE[net.linkMode[net.arcLink[a]]] === 0 ? 0 : documented[i] === 1 ? policy.documentedPlaceInterception[p] : policy.placeInterception[p];
    if (q > 0 && uniformFrom(drawPrefix(keys.enforcement, i, drawSlot(i, net.linkCount + p)), DRAW_PLACE_INTERCEPT) < probability('place interception', q)) {
      catchAgent(i, p, net.arcLink[a], a);
      return false;
    }
    if (net.placeKind[p] === DESTINATION) {
      finish(i, ARRIVED);
      tally.arrivedCostUsd.value += spentUsd[i];
      return false;
    }
    if (policy.informs[p]) flags[i] |= INFORMED | REPLAN_AT_PLACE;
    if (flags[i] & REPLAN_AT_PLACE || planVersion[i] !== beliefs.version) flags[i] |= NEEDS_PLAN;
    return true;
  }

  function addKm(l: number, km: number, days: number): void {
    const y = yearOfDay[day];
    tally.linkAgentKm[l] += km;
    tally.linkAgentDays[l] += days;
    tally.agentKmByYear[y] += km;
    tally.modeKmByYear[y * MODES.length + net.linkMode[l]] += km;
    if (net.linkRemote[l]) tally.remoteKmByYear[y] += km;
  }

  /** One day of travel for agent i: as many links as the day allows. */
  function travel(i: number): void {
    let time = 1;
    const slow = injuredUntil[i] > day ? b.injurySpeedFactor : 1;
    for (;;) {
      if (flags[i] & NEEDS_PLAN || route[i] < 0) {
        if (!plan(i)) {
          if (++waitDays[i] > b.maxWaitDays) finish(i, GAVE_UP);
          return;
        }
      }
      const a = pool.arcs[pool.start[route[i]] + routePos[i]];
      const l = net.arcLink[a];
      if (progressKm[i] === 0 && policy.closedArcs[a]) {
        // A route chosen before a closure: choose again. Routes chosen now avoid closed links.
        flags[i] |= NEEDS_PLAN;
        continue;
      }
      if (progressKm[i] === 0 && !enterLink(i, a, l)) return;
      const speed = modeSpeed[net.linkMode[l]] * policy.speedFactor[l] * slow;
      const remaining = net.linkKm[l] - progressKm[i];
      const need = remaining / speed;
      if (need <= time) {
        time -= need;
        addKm(l, remaining, need);
        progressKm[i] = 0;
        if (!reachPlace(i, a)) return;
        if (time <= EPSILON_DAY) return;
      } else {
        addKm(l, time * speed, time);
        progressKm[i] += time * speed;
        return;
      }
    }
  }

  function release(i: number): void {
    if (day < releaseDay[i]) return;
    const to = deportTo[pop.origin[i]];
    place[i] = to;
    record(DEPORTATION, to, -1);
    if (trace !== null) trace({ kind: 'relocate', agent: i, place: to, day });
    attempts[i]++;
    const retry = uniformFrom(drawPrefix(keys.choice, i, attempts[i]), DRAW_RETRY) < probability('retry', b.retryProbability);
    if (attempts[i] >= b.maxAttempts || !retry) {
      finish(i, GAVE_UP);
      return;
    }
    setState(i, IN_TRANSIT);
    routePos[i] = 0;
    flags[i] |= NEEDS_PLAN;
    travel(i);
  }

  return {
    get day() {
      return day;
    },
    days,
    tally,
    beliefs,
    candidates: () => candidates,
    pool,
    policy: () => policy,
    agents: { state, place, route, routePos, progressKm, budgetUsd, spentUsd, attempts, lastCaughtLink },
    step() {
      if (day >= days) return false;
      const k = stateIndexAt(timeline, day);
      if (k !== stateIndex) {
        stateIndex = k;
        policy = timeline.states[k];
        candidates = candidatesFor(policy);
        documentedScale = scaleFor(policy);
        policyEpoch++;
        for (const entry of cache) entry.stamp.fill(-1);
        // New closures: everyone replans at the next place (now, if already at one).
        for (let n = 0; n < activeCount; n++) flags[active[n]] |= progressKm[active[n]] === 0 ? NEEDS_PLAN : REPLAN_AT_PLACE;
      }
      while (cursor < N && pop.arrivalDay[cursor] === day) {
        setState(cursor, IN_TRANSIT);
        documented[cursor] = pop.documentDraw[cursor] < policy.documentedUptake[net.placeCountry[pop.origin[cursor]]] ? 1 : 0;
        flags[cursor] |= NEEDS_PLAN;
        active[activeCount++] = cursor++;
      }
      tally.created.value = cursor;
      let kept = 0;
      tally.agentSteps.value += activeCount;
      for (let n = 0; n < activeCount; n++) {
        const i = active[n];
        if (state[i] === DETAINED) release(i);
        else travel(i);
        const s = state[i];
        if (s === IN_TRANSIT || s === DETAINED) active[kept++] = i;
        else if (s === ARRIVED) tally.arrivedTransitDays.value += day + 1 - pop.arrivalDay[i];
      }
      activeCount = kept;
      beliefs.endOfDay(day);
      day++;
      return true;
    },
  };
}
